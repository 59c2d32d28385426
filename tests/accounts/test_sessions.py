"""Staff security: signed-in sessions listed and revocable (by the user; all of a staff member's by
the security administrator, 三员分立), plus checks of the existing TOTP, lock-out and idle rules."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from govhall.accounts import services as account_services
from govhall.accounts import sessions
from govhall.accounts.constants import Role
from govhall.accounts.models import UserSession
from govhall.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db
UA = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0"


_STEPS = itertools.count(1)


def _staff_login(user, ip="203.0.113.45") -> Client:
    """The real two-step sign-in (password, then TOTP). A TOTP code works once only, so each
    sign-in happens one 30-second step later than the one before."""
    client = Client(HTTP_USER_AGENT=UA, REMOTE_ADDR=ip)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31 * next(_STEPS)), tick=False):
        response = client.post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
        assert response.status_code == 302
        response = client.post("/workbench/login/totp/", {"code": factories.totp_code(user)})
    assert response.status_code == 302 and response["Location"] == "/workbench/"
    return client


def _citizen_login(user, number) -> Client:
    client = Client(HTTP_USER_AGENT=UA, REMOTE_ADDR="198.51.100.7")
    response = client.post("/login/", {"identifier": number, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def dept(db):
    return factories.department()


def _with_role(dept, role):
    user = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=role)
    return user


def test_session_engine_is_one_the_tracking_supports():
    assert django_settings.SESSION_ENGINE in {
        "govhall.accounts.session_store",  # database sessions, loaded with their tracking row
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    }


def test_sign_in_records_a_session_by_key_hash_with_masked_ip():
    user = factories.staff()
    client = _staff_login(user)
    row = UserSession.objects.get(user=user)
    key = client.session.session_key
    assert row.key_hash == sessions.session_key_hash(key) and key not in row.key_hash
    assert (row.ip_masked, row.user_agent, row.ended_at) == ("203.0.*.*", UA, None)
    assert sessions.mask_ip("2001:db8::1") == "2001:0db8:*" and sessions.mask_ip("not-an-ip") == ""


def test_staff_sees_their_sessions_and_ends_another_device():
    user = factories.staff()
    laptop = _staff_login(user)
    phone = _staff_login(user, ip="192.0.2.9")
    html = laptop.get("/workbench/security/sessions/").content.decode()
    assert html.count('data-testid="session-row"') == 2 and html.count('data-testid="current-session"') == 1
    assert "203.0.*.*" in html and "192.0.*.*" in html and "203.0.113.45" not in html
    phone_row = UserSession.objects.get(user=user, ip_masked="192.0.*.*")
    response = laptop.post(f"/workbench/security/sessions/{phone_row.pk}/end/")
    assert response.status_code == 302
    response = phone.get("/workbench/")
    assert response.status_code == 302 and response["Location"].startswith("/workbench/login/")
    assert phone.get("/workbench/").status_code == 302  # stays signed out
    assert laptop.get("/workbench/").status_code == 200
    event = AuditEvent.objects.get(action="session.end")
    assert event.actor_id == user.pk and event.detail == {"session": phone_row.pk}


def test_nobody_ends_someone_elses_session_through_their_own_page():
    owner = factories.staff()
    _staff_login(owner)
    other = _staff_login(factories.staff())
    row = UserSession.objects.get(user=owner)
    before = AuditEvent.objects.count()
    assert other.post(f"/workbench/security/sessions/{row.pk}/end/").status_code == 404
    row.refresh_from_db()
    assert row.ended_at is None and AuditEvent.objects.count() == before


def test_logout_and_idle_timeout_end_the_session_row(monkeypatch):
    user = factories.staff()
    client = _staff_login(user)
    client.post("/workbench/logout/")
    assert UserSession.objects.get(user=user).end_reason == "logout"

    import time as time_module

    client = _staff_login(user)
    assert client.get("/workbench/").status_code == 200
    last = float(client.session["govhall_last_activity"])
    monkeypatch.setattr(time_module, "time", lambda: last + 16 * 60)
    assert client.get("/workbench/").status_code == 302
    assert UserSession.objects.filter(user=user, end_reason="idle").count() == 1


def test_security_admin_ends_every_session_of_a_staff_member(dept):
    target = factories.staff()
    first, second = _staff_login(target), _staff_login(target)
    secadmin = _staff_login(_with_role(dept, Role.SECURITY_ADMIN))
    html = secadmin.get("/workbench/security/staff-sessions/").content.decode()
    assert f'data-testid="end-all-{target.username}"' in html
    response = secadmin.post(f"/workbench/security/staff-sessions/{target.pk}/end/")
    assert response.status_code == 302
    for client in (first, second):
        response = client.get("/workbench/")
        assert response.status_code == 302 and response["Location"].startswith("/workbench/login/")
    event = AuditEvent.objects.get(action="session.end_all")
    assert event.subject == f"user:{target.pk}" and event.detail == {"ended": 2}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", "login"),
        ("citizen", "login"),
        ("reviewer", 403),
        (Role.SYSTEM_ADMIN, 403),  # 三员分立: the system and audit administrators may not
        (Role.AUDIT_ADMIN, 403),
        (Role.SECURITY_ADMIN, 200),
    ],
)
def test_staff_sessions_page_matrix_and_denials_change_nothing(dept, who, status):
    target = factories.staff()
    target_client = _staff_login(target)
    if who == "anonymous":
        client = Client()
    elif who == "citizen":
        citizen, number = factories.citizen()
        client = _citizen_login(citizen, number)
    else:
        client = _staff_login(_with_role(dept, Role.REVIEWER if who == "reviewer" else who))
    response = client.get("/workbench/security/staff-sessions/")
    if status == "login":
        assert response.status_code == 302 and response["Location"].startswith("/workbench/login/")
    else:
        assert response.status_code == status
    if status != 200:
        before = AuditEvent.objects.count()
        client.post(f"/workbench/security/staff-sessions/{target.pk}/end/")
        assert UserSession.objects.get(user=target).ended_at is None and AuditEvent.objects.count() == before
        assert target_client.get("/workbench/").status_code == 200


def test_security_admin_cannot_end_a_citizens_sessions_through_the_staff_page(dept):
    citizen, number = factories.citizen()
    _citizen_login(citizen, number)
    secadmin = _staff_login(_with_role(dept, Role.SECURITY_ADMIN))
    assert secadmin.post(f"/workbench/security/staff-sessions/{citizen.pk}/end/").status_code == 404
    assert UserSession.objects.get(user=citizen).ended_at is None


def test_citizen_sees_and_ends_their_sessions():
    citizen, number = factories.citizen()
    home, cafe = _citizen_login(citizen, number), _citizen_login(citizen, number)
    html = home.get("/me/sessions/").content.decode()
    assert html.count('data-testid="session-row"') == 2 and "198.51.*.*" in html and number not in html
    row = (
        UserSession.objects.filter(user=citizen)
        .exclude(key_hash=sessions.session_key_hash(home.session.session_key))
        .get()
    )
    stranger, stranger_number = factories.citizen(name="赵六")
    assert _citizen_login(stranger, stranger_number).post(f"/me/sessions/{row.pk}/end/").status_code == 404
    assert Client().post(f"/me/sessions/{row.pk}/end/").status_code == 302
    assert UserSession.objects.get(pk=row.pk).ended_at is None
    assert home.post(f"/me/sessions/{row.pk}/end/").status_code == 302
    response = cafe.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert Client().get("/me/sessions/").status_code == 302
    staff_client = _staff_login(factories.staff())
    assert staff_client.get("/me/sessions/").status_code == 302  # the citizen page is for citizens only


def test_workbench_own_sessions_page_is_for_signed_in_staff_only():
    assert Client().get("/workbench/security/sessions/")["Location"].startswith("/workbench/login/")
    citizen, number = factories.citizen()
    response = _citizen_login(citizen, number).get("/workbench/security/sessions/")
    assert response.status_code == 302 and response["Location"].startswith("/workbench/login/")


# --- existing rules, verified ---------------------------------------------------------------------------


def test_totp_is_mandatory_the_password_alone_opens_nothing():
    user = factories.staff()
    client = Client()
    client.post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
    for path in ("/workbench/", "/workbench/security/sessions/", "/admin/", "/workbench/cases/"):
        response = client.get(path)
        assert response.status_code in (302, 403) and "/login/" in response.get("Location", "/login/")
    assert not UserSession.objects.exists()


def test_five_wrong_totp_codes_lock_the_account_for_thirty_minutes():
    user = factories.staff()
    client = Client()
    client.post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
    wrong = "000000" if factories.totp_code(user) != "000000" else "111111"
    for _attempt in range(5):
        client.post("/workbench/login/totp/", {"code": wrong})
    response = Client().post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 429 and "锁定" in response.content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=29)):
        response = Client().post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
        assert response.status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        response = Client().post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
        assert response.status_code == 302
    assert AuditEvent.objects.filter(action="login.lockout", subject=f"user:{user.pk}").count() == 1


def test_idle_limits_are_fifteen_minutes_for_staff_and_thirty_for_citizens():
    assert django_settings.GOVHALL_STAFF_IDLE_MINUTES == 15
    assert django_settings.GOVHALL_CITIZEN_IDLE_MINUTES == 30
    assert django_settings.GOVHALL_LOGIN_MAX_FAILURES == 5
    assert django_settings.GOVHALL_LOGIN_LOCKOUT_MINUTES == 30
