"""The citizen registration page and the real-name page (/register/, /me/realname/)."""

from __future__ import annotations

import pytest
from django.test import Client

from govhall.accounts.constants import RealNameLevel
from govhall.accounts.models import Person, RealNameStatus, RealNameVerification, User
from govhall.accounts.realname.contrib.sandbox.provider import TIMEOUT_ID
from govhall.accounts.realname.selectors import realname_level
from tests import factories

pytestmark = pytest.mark.django_db

BACKEND = "govhall.accounts.backends.GovhallBackend"
REGISTER = "/register/"
REALNAME = "/me/realname/"
GOOD = {
    "real_name": "黄丽",
    "id_number": "35060219950615002X",
    "phone": "13912345678",
    "password": "Lotus-Harbour-2026",
    "password_again": "Lotus-Harbour-2026",
    "agree": "on",
}


def test_registration_creates_an_l1_account_signs_in_and_leads_to_verification(client):
    assert client.get(REGISTER).status_code == 200
    response = client.post(REGISTER, GOOD)
    assert response.status_code == 302 and response["Location"] == REALNAME
    user = User.objects.get(kind="citizen")
    assert realname_level(user=user) == RealNameLevel.REGISTERED
    page = client.get(REALNAME)
    assert page.status_code == 200
    assert 'data-level="1"' in page.content.decode()
    assert GOOD["id_number"] not in page.content.decode()

    verified = client.post(REALNAME)
    assert verified.status_code == 302
    assert realname_level(user=user) == RealNameLevel.VERIFIED
    assert 'data-level="2"' in client.get(REALNAME).content.decode()


def test_registration_keeps_a_safe_next_url(client):
    response = client.post(f"{REGISTER}?next=/o/authorize/%3Fclient_id%3Dx", GOOD)
    assert response["Location"] == "/o/authorize/?client_id=x"
    client.logout()
    other = {**GOOD, "id_number": "11010519491231002X", "real_name": "赵敏", "phone": "13912345679"}
    response = client.post(f"{REGISTER}?next=https://evil.example/", other)
    assert response["Location"] == REALNAME


@pytest.mark.parametrize(
    "change, field",
    [
        ({"id_number": "35060219950615002Y"}, "id_number"),
        ({"id_number": "350602199506150021"}, "id_number"),
        ({"phone": "12345"}, "phone"),
        ({"real_name": ""}, "real_name"),
        ({"password_again": "something-else-2026"}, "password_again"),
        ({"password": "12345678901", "password_again": "12345678901"}, "password"),
        ({"agree": ""}, "agree"),
    ],
)
def test_invalid_registrations_show_the_error_and_create_nothing(client, change, field):
    response = client.post(REGISTER, {**GOOD, **change})
    assert response.status_code in (400, 422)
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert User.objects.count() == 0 and Person.objects.count() == 0 and RealNameStatus.objects.count() == 0


def test_an_id_number_already_registered_is_refused(client):
    client.post(REGISTER, GOOD)
    client.logout()
    response = Client().post(REGISTER, {**GOOD, "phone": "13912345670"})
    assert response.status_code == 409
    assert "已登记" in response.content.decode()
    assert User.objects.count() == 1


def test_registration_is_rate_limited_per_client_address(settings, client):
    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "register": "3/3600"}
    for _ in range(3):
        assert client.post(REGISTER, {**GOOD, "agree": ""}).status_code == 422
    blocked = client.post(REGISTER, GOOD)
    assert blocked.status_code == 429
    assert blocked["Content-Type"].startswith("application/problem+json")
    assert blocked.json()["code"] == "rate_limited.register"
    assert User.objects.count() == 0
    assert client.get(REGISTER).status_code == 200  # reading the form is not counted


def test_a_provider_outage_is_shown_and_can_be_retried(client):
    client.post(REGISTER, {**GOOD, "id_number": TIMEOUT_ID})
    response = client.post(REALNAME)
    assert response.status_code == 503
    assert 'data-testid="realname-error"' in response.content.decode()
    assert RealNameVerification.objects.get().retryable is True


# --- permission matrix for /me/realname/ ------------------------------------------------------


@pytest.mark.parametrize("who, expected", [("anonymous", 302), ("staff", 302), ("owner", 200)])
def test_realname_page_matrix(who, expected):
    owner, _ = factories.citizen()
    other, _ = factories.citizen()
    client = Client()
    if who == "staff":
        client.force_login(factories.staff(), backend=BACKEND)
    elif who == "owner":
        client.force_login(owner, backend=BACKEND)
    assert client.get(REALNAME).status_code == expected
    posted = client.post(REALNAME)
    if who != "owner":
        assert posted.status_code == 302 and "/login/" in posted["Location"]
    # nobody's request verifies another citizen; denials verify nobody
    assert RealNameVerification.objects.filter(user=other).count() == 0
    if who != "owner":
        assert RealNameVerification.objects.count() == 0
