"""用证授权 and revocation under concurrency (PostgreSQL; SQLite serialises writers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection  # noqa: F401 - used by the skipif condition string
from django.utils import timezone

from govhall.core.contracts import SubjectRef
from govhall.core.errors import Conflict
from govhall.licenses import facade as licenses
from govhall.licenses.models import LicenseUseAuthorization
from tests.concurrency import run_concurrently

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


def _authorize(user, license_id):
    return licenses.license_use_authorize(
        user=user,
        license_id=license_id,
        subject=SubjectRef("case", "4242"),
        subject_label="测试申请",
        purpose="核验经营主体资格",
        expires_on=timezone.localdate() + dt.timedelta(days=10),
    )


def test_concurrent_authorisations_for_one_application_make_one(citizen, signed_license):
    results = run_concurrently(6, lambda: _authorize(citizen, signed_license.id))

    assert sum(isinstance(r, licenses.AuthorizationInfo) for r in results) == 1, results
    assert all(isinstance(r, Conflict) for r in results if not isinstance(r, licenses.AuthorizationInfo))
    assert LicenseUseAuthorization.objects.count() == 1


def test_concurrent_revocations_revoke_once(citizen, signed_license):
    info = _authorize(citizen, signed_license.id)
    results = run_concurrently(4, lambda: licenses.license_use_revoke(user=citizen, authorization_id=info.id))

    assert sum(isinstance(r, licenses.AuthorizationInfo) for r in results) == 1, results
    from govhall.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="license.use_revoke").count() == 1
