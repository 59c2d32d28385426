"""Races that only a real multi-connection database shows (PostgreSQL; SQLite serialises writers)."""

from __future__ import annotations

import pytest
from django.db import connection

from govhall.core.audit import audit_verify
from govhall.core.errors import Conflict, PermissionDenied
from govhall.core.identifiers import parse_license_identifier
from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses.contracts import LicenseInfo, RevocationInfo
from govhall.licenses.models import License
from tests.concurrency import run_concurrently

from .conftest import BUSINESS_DATA, SYSTEM, actor_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


def _issue(issuer, enterprise, source=""):
    return licenses.license_issue(
        actor=SYSTEM,
        license_type_code="business_license",
        issuer_department_id=issuer.pk,
        holder_organization_id=enterprise.pk,
        data=BUSINESS_DATA,
        source=source,
    )


def test_ten_concurrent_issues_for_one_case_make_one_licence(business_type, issuer, enterprise):
    assert connection.vendor == "postgresql"
    results = run_concurrently(10, lambda: _issue(issuer, enterprise, source="case:4242"))
    assert all(isinstance(r, LicenseInfo) for r in results), results
    assert len({r.identifier for r in results}) == 1
    assert License.objects.filter(source="case:4242").count() == 1
    assert AuditEvent.objects.filter(action="license.issue").count() == 1
    assert audit_verify().ok


def test_concurrent_issues_get_distinct_consecutive_serials(business_type, issuer, enterprise):
    results = run_concurrently(10, lambda: _issue(issuer, enterprise))
    assert all(isinstance(r, LicenseInfo) for r in results), results
    serials = sorted(int(parse_license_identifier(r.identifier).serial) for r in results)
    assert serials == list(range(serials[0], serials[0] + 10))


def test_two_workers_signing_the_same_licence_sign_it_once(business_type, issuer, enterprise, tmp_path):
    info = _issue(issuer, enterprise)
    results = run_concurrently(2, lambda: licenses.license_sign(license_id=info.id))
    assert sorted(results) == ["done", "signed"]
    assert AuditEvent.objects.filter(action="license.sign").count() == 1
    row = License.objects.get(pk=info.id)
    stored = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [row.pdf_key.rsplit("/", 1)[-1]]  # the loser's file is gone


def test_concurrent_confirmations_revoke_once(signed_license, decider_user, second_decider_user, staff_factory, issuer):
    from govhall.accounts.constants import Role

    third = staff_factory(issuer, Role.DECIDER)
    request = licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="x")
    confirmers = iter([second_decider_user, third, decider_user])
    import threading

    lock = threading.Lock()

    def confirm():
        with lock:
            user = next(confirmers)
        return licenses.license_revoke_confirm(actor=actor_of(user), revocation_id=request.id)

    results = run_concurrently(3, confirm)
    revoked = [r for r in results if isinstance(r, LicenseInfo)]
    refused = [r for r in results if isinstance(r, Conflict | PermissionDenied)]
    assert len(revoked) == 1 and len(refused) == 2, results
    assert not any(isinstance(r, RevocationInfo) for r in results)
    assert AuditEvent.objects.filter(action="license.revoke").count() == 1
    assert audit_verify().ok
