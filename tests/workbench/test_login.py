import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def _password_step(client: Client, user) -> None:
    response = client.post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302


def test_staff_needs_password_and_totp():
    user = factories.staff()
    client = Client()
    _password_step(client, user)
    # Between the two factors nothing is accessible.
    assert client.get("/workbench/").status_code == 302
    response = client.post("/workbench/login/totp/", {"code": factories.totp_code(user)})
    assert response.status_code == 302 and response["Location"] == "/workbench/"
    assert client.get("/workbench/").status_code == 200


def test_wrong_totp_does_not_log_in():
    user = factories.staff()
    client = Client()
    _password_step(client, user)
    response = client.post(
        "/workbench/login/totp/", {"code": "000000" if factories.totp_code(user) != "000000" else "111111"}
    )
    assert response.status_code == 401
    assert "动态口令错误" in response.content.decode()
    assert client.get("/workbench/").status_code == 302


def test_totp_page_without_password_step_goes_back_to_login():
    response = Client().post("/workbench/login/totp/", {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == "/workbench/login/"


def test_first_login_enrolls_an_authenticator():
    import pyotp

    user = factories.staff(enrolled=False)
    client = Client()
    response = client.post("/workbench/login/", {"username": user.username, "password": factories.PASSWORD})
    assert response["Location"] == "/workbench/login/totp/setup/"
    page = client.get("/workbench/login/totp/setup/").content.decode()
    assert "<svg" in page
    user.refresh_from_db()
    from govhall.accounts.services import totp_enrollment_begin

    secret = totp_enrollment_begin(user=user)
    assert secret in page
    response = client.post("/workbench/login/totp/setup/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.totp_confirmed_at is not None


def test_enrolled_staff_cannot_see_setup_page_again():
    user = factories.staff()
    client = Client()
    _password_step(client, user)
    response = client.get("/workbench/login/totp/setup/")
    assert response["Location"] == "/workbench/login/totp/"


def test_staff_idle_timeout_is_15_minutes(monkeypatch):
    import time as time_module

    user = factories.staff()
    client = Client()
    client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    now = time_module.time()
    monkeypatch.setattr(time_module, "time", lambda: now)
    assert client.get("/workbench/").status_code == 200
    monkeypatch.setattr(time_module, "time", lambda: now + 14 * 60)
    assert client.get("/workbench/").status_code == 200
    monkeypatch.setattr(time_module, "time", lambda: now + 14 * 60 + 16 * 60)
    response = client.get("/workbench/")
    assert response.status_code == 302 and response["Location"].startswith("/workbench/login/")
