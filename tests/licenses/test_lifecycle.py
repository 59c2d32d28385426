from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from govhall.accounts.constants import Role
from govhall.core.audit import audit_verify
from govhall.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from govhall.core.identifiers import parse_license_identifier
from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses import hooks
from govhall.licenses.models import License, LicenseReminder, LicenseRevocation

from .conftest import SYSTEM, actor_of, issue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_pdf")]


def _period(start, end):
    return {"valid_from": start, "valid_until": end}


def _state(license_id):
    row = License.objects.get(pk=license_id)
    return (row.status, row.status_reason, LicenseRevocation.objects.filter(license=row).count())


def test_revocation_needs_two_different_staff_members(signed_license, issuer, decider_user, second_decider_user):
    first, second = actor_of(decider_user, issuer), actor_of(second_decider_user, issuer)
    request = licenses.license_revoke_request(actor=first, license_id=signed_license.id, reason="以欺骗手段取得许可")
    assert licenses.license_status(identifier=signed_license.identifier) == "valid"

    with pytest.raises(PermissionDenied) as exc:
        licenses.license_revoke_confirm(actor=first, revocation_id=request.id)
    assert exc.value.code == "license.revocation_same_person"
    assert "另一名工作人员" in exc.value.message
    assert licenses.license_status(identifier=signed_license.identifier) == "valid"

    info = licenses.license_revoke_confirm(actor=second, revocation_id=request.id)
    assert info.status == "revoked"
    assert licenses.license_verify(identifier=signed_license.identifier).status == "revoked"
    revocation = LicenseRevocation.objects.get(pk=request.id)
    assert (revocation.status, revocation.confirmed_by_id) == ("confirmed", second_decider_user.pk)
    assert AuditEvent.objects.filter(action="license.revoke", subject=f"license:{info.id}").count() == 1
    assert AuditEvent.objects.filter(action="license.revoke_request").count() == 1
    with pytest.raises(Conflict):
        licenses.license_revoke_confirm(actor=second, revocation_id=request.id)
    assert audit_verify().ok


def test_the_database_refuses_a_self_confirmed_revocation(signed_license, decider_user):
    revocation = LicenseRevocation.objects.create(
        license_id=signed_license.id, reason="x", requested_by=decider_user, requested_at=dt.datetime.now(dt.UTC)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        LicenseRevocation.objects.filter(pk=revocation.pk).update(confirmed_by=decider_user)


def test_revocation_refusals_change_nothing(signed_license, issuer, other_department, decider_user, staff_factory):
    outsider = staff_factory(other_department, Role.DECIDER)
    reviewer = staff_factory(issuer, Role.REVIEWER)
    before = _state(signed_license.id)
    events = AuditEvent.objects.count()
    for user in (outsider, reviewer):
        with pytest.raises(NotFound):
            licenses.license_revoke_request(actor=actor_of(user), license_id=signed_license.id, reason="x")
    with pytest.raises(ValidationFailed):
        licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="  ")
    assert _state(signed_license.id) == before
    assert AuditEvent.objects.count() == events

    request = licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="x")
    with pytest.raises(Conflict) as exc:
        licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="y")
    assert exc.value.code == "license.revocation_pending"
    with pytest.raises(NotFound):
        licenses.license_revoke_confirm(actor=actor_of(outsider), revocation_id=request.id)
    assert licenses.license_status(identifier=signed_license.identifier) == "valid"


def test_withdrawn_request_can_not_be_confirmed(signed_license, decider_user, second_decider_user):
    request = licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="x")
    licenses.license_revoke_withdraw(actor=actor_of(second_decider_user), revocation_id=request.id)
    with pytest.raises(Conflict):
        licenses.license_revoke_confirm(actor=actor_of(second_decider_user), revocation_id=request.id)
    assert licenses.license_status(identifier=signed_license.identifier) == "valid"


def test_cancel(signed_license, decider_user):
    info = licenses.license_cancel(actor=actor_of(decider_user), license_id=signed_license.id, reason="申请人申请注销")
    assert info.status == "cancelled"
    assert AuditEvent.objects.filter(action="license.cancel").count() == 1
    with pytest.raises(Conflict):
        licenses.license_cancel(actor=actor_of(decider_user), license_id=signed_license.id, reason="again")
    with pytest.raises(Conflict):
        licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="x")


def test_replace_makes_a_new_version_referencing_the_old_identifier(signed_license, decider_user):
    new = licenses.license_replace(
        actor=actor_of(decider_user), license_id=signed_license.id, data={"address": "芗城区胜利西路2号"}, renew=True
    )
    old_parsed, new_parsed = (
        parse_license_identifier(signed_license.identifier),
        parse_license_identifier(new.identifier),
    )
    assert (new_parsed.serial, new_parsed.version) == (old_parsed.serial, "2")
    assert new.replaces == signed_license.identifier
    # the old one stays valid until the new one is signed
    assert licenses.license_status(identifier=signed_license.identifier) == "valid"
    assert licenses.license_sign(license_id=new.id) == "signed"
    old = licenses.license_get(license_id=signed_license.id)
    assert old.status == "replaced" and old.replaced_by == new.identifier
    assert licenses.license_verify(identifier=signed_license.identifier).replaced_by == new.identifier
    assert licenses.license_get(license_id=new.id).status == "valid"
    assert AuditEvent.objects.filter(action="license.replace").count() == 1
    assert AuditEvent.objects.filter(action="license.replaced").count() == 1
    with pytest.raises(Conflict):
        licenses.license_replace(actor=actor_of(decider_user), license_id=signed_license.id)


def test_expiry_is_computed_from_the_date(business_type, issuer, enterprise):
    info = issue(
        "business_license",
        issuer,
        enterprise=enterprise,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2021, 12, 31),
    )
    assert info.status == "expired" and info.stored_status == "valid"
    assert licenses.license_status(identifier=info.identifier, today=dt.date(2021, 12, 31)) == "valid"
    assert licenses.license_status(identifier=info.identifier, today=dt.date(2022, 1, 1)) == "expired"
    assert licenses.license_verify(identifier=info.identifier).status == "expired"


def test_renewal_reminder_once_30_days_before_expiry(business_type, issuer, enterprise, monkeypatch):
    today = dt.date(2026, 3, 2)
    soon = issue(
        "business_license",
        issuer,
        enterprise=enterprise,
        valid_from=dt.date(2021, 4, 1),
        valid_until=dt.date(2026, 3, 31),
    )
    later = issue(
        "business_license",
        issuer,
        enterprise=enterprise,
        valid_from=dt.date(2021, 4, 2),
        valid_until=dt.date(2026, 4, 2),
    )
    received = []
    monkeypatch.setattr(hooks, "on_renewal_due", [lambda info, days: received.append((info.identifier, days))])
    assert licenses.license_reminder_sweep(today=today) == {"reminders": 1}
    assert licenses.license_reminder_sweep(today=today) == {"reminders": 0}
    assert received == [(soon.identifier, 29)]
    assert LicenseReminder.objects.filter(license_id=soon.id).count() == 1
    assert not LicenseReminder.objects.filter(license_id=later.id).exists()
    assert licenses.license_reminder_sweep(today=dt.date(2026, 3, 3)) == {"reminders": 1}  # now `later` is due
    assert AuditEvent.objects.filter(action="license.renewal_reminder").count() == 2


def test_a_failing_reminder_hook_records_nothing(business_type, issuer, enterprise, monkeypatch):
    issue(
        "business_license",
        issuer,
        enterprise=enterprise,
        valid_from=dt.date(2021, 4, 1),
        valid_until=dt.date(2026, 3, 31),
    )

    def boom(info, days):
        raise RuntimeError("sms down")

    monkeypatch.setattr(hooks, "on_renewal_due", [boom])
    with pytest.raises(RuntimeError):
        licenses.license_reminder_sweep(today=dt.date(2026, 3, 2))
    assert not LicenseReminder.objects.exists()


def test_status_change_hook_sees_issue_and_revocation(signed_license, decider_user, second_decider_user, monkeypatch):
    seen = []
    monkeypatch.setattr(hooks, "on_status_change", [lambda info: seen.append(info.status)])
    request = licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="x")
    licenses.license_revoke_confirm(actor=actor_of(second_decider_user), revocation_id=request.id)
    assert seen == ["revoked"]


def test_status_change_hook_sees_both_sides_of_a_replacement(signed_license, decider_user, monkeypatch):
    seen = []
    monkeypatch.setattr(hooks, "on_status_change", [lambda info: seen.append((info.version, info.status))])
    new = licenses.license_replace(actor=actor_of(decider_user), license_id=signed_license.id)
    licenses.license_sign(license_id=new.id)
    assert sorted(seen) == [(1, "replaced"), (2, "valid")]


def test_system_actor_cannot_manage(signed_license):
    with pytest.raises(NotFound):
        licenses.license_cancel(actor=SYSTEM, license_id=signed_license.id, reason="x")


def test_pending_sweep_retries_stale_licences_and_counts_overdue(business_type, issuer, enterprise):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    fresh = issue("business_license", issuer, enterprise=enterprise, sign=False)
    stale = issue("business_license", issuer, enterprise=enterprise, sign=False)
    old = issue("business_license", issuer, enterprise=enterprise, sign=False)
    signed = issue("business_license", issuer, enterprise=enterprise)
    now = timezone.now()
    License.objects.filter(pk=stale.id).update(created_at=now - dt.timedelta(minutes=30))
    License.objects.filter(pk=old.id).update(created_at=now - dt.timedelta(days=40))
    License.objects.filter(pk=signed.id).update(created_at=now - dt.timedelta(days=40))
    assert licenses.license_pending_sweep(now=now) == {"retried": 2, "overdue": 1}
    queued = DBTaskResult.objects.filter(task_path__endswith="sign_license")
    assert sorted(r.args_kwargs["args"][0] for r in queued) == sorted(
        [fresh.id, stale.id, old.id, signed.id, stale.id, old.id]
    )
    assert licenses.license_sign(license_id=old.id) == "signed"
    assert licenses.license_pending_sweep(now=now) == {"retried": 1, "overdue": 0}
