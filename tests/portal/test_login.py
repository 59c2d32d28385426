import pytest
from django.test import Client

from govhall.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_citizen_login_by_id_number_shows_masked_profile():
    _user, number = factories.citizen(name="李四")
    client = Client()
    response = client.post("/login/", {"identifier": number, "password": factories.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/me/"
    page = client.get("/me/").content.decode()
    assert "李四" in page
    assert number[:4] + "*" * 10 + number[-4:] in page
    assert number not in page
    assert AuditEvent.objects.filter(action="login.success").count() == 1


def test_wrong_password_shows_chinese_error_and_does_not_log_in():
    _user, number = factories.citizen()
    client = Client()
    response = client.post("/login/", {"identifier": number, "password": "wrong-password"})
    assert response.status_code == 401
    assert "账号或密码错误" in response.content.decode()
    assert client.get("/me/").status_code == 302


def test_login_page_in_english(settings):
    response = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_open_redirect_is_refused():
    _user, number = factories.citizen()
    response = Client().post(
        "/login/", {"identifier": number, "password": factories.PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/me/"


def test_staff_account_cannot_use_the_citizen_login():
    staff = factories.staff()
    response = Client().post("/login/", {"identifier": staff.username, "password": factories.PASSWORD})
    assert response.status_code == 401


def test_citizen_idle_timeout_is_30_minutes(monkeypatch):
    import time as time_module

    _user, number = factories.citizen()
    client = Client()
    client.post("/login/", {"identifier": number, "password": factories.PASSWORD})
    now = time_module.time()
    monkeypatch.setattr(time_module, "time", lambda: now + 29 * 60)
    assert client.get("/me/").status_code == 200
    monkeypatch.setattr(time_module, "time", lambda: now + 29 * 60 + 31 * 60)
    response = client.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/me/").status_code == 302  # really signed out
