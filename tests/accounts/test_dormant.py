"""The periodic sweep disables staff accounts unused for 90 days: idempotent, audited, staff only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from govhall.accounts.models import User, UserSession
from govhall.accounts.sessions import dormant_staff_disable
from govhall.core.audit import audit_verify
from govhall.core.models import AuditEvent
from govhall.core.scheduler import periodic_jobs
from tests import factories

pytestmark = pytest.mark.django_db


def _age(user, *, joined_days: int, login_days: int | None) -> None:
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(
        date_joined=now - dt.timedelta(days=joined_days),
        last_login=None if login_days is None else now - dt.timedelta(days=login_days),
    )


def test_staff_unused_for_ninety_days_are_disabled_once_and_audited():
    dormant = factories.staff()
    _age(dormant, joined_days=400, login_days=91)
    never = factories.staff()
    _age(never, joined_days=91, login_days=None)
    recent = factories.staff()
    _age(recent, joined_days=400, login_days=89)
    new = factories.staff()  # joined today, never signed in yet
    citizen, _number = factories.citizen()
    _age(citizen, joined_days=400, login_days=400)
    UserSession.objects.create(key_hash="k" * 64, user=dormant, last_seen_at=timezone.now() - dt.timedelta(days=95))

    assert sorted(dormant_staff_disable()) == sorted([dormant.pk, never.pk])
    states = dict(User.objects.values_list("pk", "is_active"))
    assert (states[dormant.pk], states[never.pk], states[recent.pk], states[new.pk], states[citizen.pk]) == (
        False,
        False,
        True,
        True,
        True,  # citizens are never disabled by the sweep
    )
    assert UserSession.objects.get(user=dormant).end_reason == "disabled"
    events = AuditEvent.objects.filter(action="user.disable_dormant")
    assert sorted(e.subject for e in events) == sorted([f"user:{dormant.pk}", f"user:{never.pk}"])
    assert all(e.actor_role == "dormant_sweep" and e.detail == {"days": 90} for e in events)

    assert dormant_staff_disable() == []  # idempotent: a second run changes nothing
    assert AuditEvent.objects.filter(action="user.disable_dormant").count() == 2
    assert audit_verify().ok


def test_recent_session_activity_keeps_an_account_alive():
    user = factories.staff()
    _age(user, joined_days=400, login_days=120)
    UserSession.objects.create(key_hash="a" * 64, user=user, last_seen_at=timezone.now() - dt.timedelta(days=3))
    assert dormant_staff_disable() == []


def test_the_threshold_is_a_setting(settings):
    settings.GOVHALL_DORMANT_DAYS = 30
    user = factories.staff()
    _age(user, joined_days=100, login_days=31)
    assert dormant_staff_disable() == [user.pk]


def test_a_disabled_account_cannot_sign_in():
    user = factories.staff()
    _age(user, joined_days=400, login_days=200)
    dormant_staff_disable()
    from django.test import Client

    response = Client().post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 401


def test_the_sweep_is_a_registered_periodic_job():
    assert "accounts.dormant_staff_disable" in {job.name for job in periodic_jobs()}
