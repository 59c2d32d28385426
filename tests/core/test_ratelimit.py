"""The fixed-window rate limiter and where it is applied (login, TOTP, public search)."""

from __future__ import annotations

import pytest
from django.test import Client

from govhall.accounts.models import LoginThrottle
from govhall.core import ratelimit
from tests import factories


def test_parse_limit_accepts_count_per_seconds_and_refuses_the_rest():
    assert ratelimit.parse_limit("20/300") == ratelimit.Limit(20, 300)
    assert ratelimit.parse_limit(" 0/1 ") == ratelimit.Limit(0, 1)
    for bad in ("20", "a/5", "5/0", "-1/5", ""):
        with pytest.raises(ValueError):
            ratelimit.parse_limit(bad)


def test_a_client_is_stopped_after_the_limit_until_the_window_ends(settings):
    settings.GOVHALL_RATE_LIMITS = {"probe": "3/60"}
    start = 6_000_000.0  # the start of a window (divisible by 60)
    verdicts = [ratelimit.hit(purpose="probe", client="198.51.100.7", now=start + 10) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert [v.remaining for v in verdicts[:3]] == [2, 1, 0]
    assert verdicts[3].retry_after == 50
    # Another client and another purpose have their own counters.
    assert ratelimit.hit(purpose="probe", client="198.51.100.8", now=start + 10).allowed
    # The next window starts afresh.
    assert ratelimit.hit(purpose="probe", client="198.51.100.7", now=start + 61).allowed


def test_a_zero_limit_switches_the_purpose_off(settings):
    settings.GOVHALL_RATE_LIMITS = {"probe": "0/60"}
    assert all(ratelimit.hit(purpose="probe", client="x").allowed for _ in range(50))


def test_an_unconfigured_purpose_is_a_programming_error(settings):
    settings.GOVHALL_RATE_LIMITS = {}
    with pytest.raises(KeyError):
        ratelimit.hit(purpose="nope", client="x")


def test_behind_a_proxy_the_address_it_appended_counts(settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.GOVHALL_BEHIND_PROXY = False
    assert ratelimit.client_address(request) == "10.0.0.1"
    settings.GOVHALL_BEHIND_PROXY = True
    assert ratelimit.client_address(request) == "203.0.113.9"


def _assert_429(response, purpose: str) -> None:
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 300
    body = response.json()
    assert body["code"] == f"rate_limited.{purpose}"
    assert body["status"] == 429
    assert "请求过于频繁" in body["title_zh"]
    assert "Too many requests" in body["title_en"]


@pytest.mark.django_db
def test_citizen_login_is_limited_per_address_and_the_limited_attempt_is_not_tried(settings):
    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "login": "3/300"}
    _user, number = factories.citizen()
    client = Client()
    for _ in range(3):
        assert client.post("/login/", {"identifier": number, "password": "wrong-password"}).status_code == 401
    failures_before = list(LoginThrottle.objects.values_list("failures", flat=True))
    response = client.post("/login/", {"identifier": number, "password": factories.PASSWORD})
    _assert_429(response, "login")
    # The refused attempt reached neither the password check nor the lockout counter.
    assert list(LoginThrottle.objects.values_list("failures", flat=True)) == failures_before
    assert client.get("/me/").status_code == 302
    # GET of the form is not counted; another address may still sign in.
    assert client.get("/login/").status_code == 200
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert other.post("/login/", {"identifier": number, "password": factories.PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_staff_login_and_totp_are_limited(settings):
    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "login": "2/300"}
    client = Client()
    for _ in range(2):
        client.post("/workbench/login/", {"username": "nobody", "password": "wrong-password"})
    _assert_429(client.post("/workbench/login/", {"username": "nobody", "password": "x"}), "login")
    _assert_429(client.post("/workbench/login/totp/", {"code": "123456"}), "login")


@pytest.mark.django_db
def test_public_search_page_and_api_are_limited(settings):
    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "search": "2/60"}
    client = Client()
    assert client.get("/services/search/", {"q": "营业执照"}).status_code == 200
    assert client.get("/api/v1/catalog/search", {"q": "营业执照"}).status_code == 200
    _assert_429(client.get("/services/search/", {"q": "营业执照"}), "search")
    _assert_429(client.get("/api/v1/catalog/search", {"q": "营业执照"}), "search")


@pytest.mark.django_db
def test_the_429_is_answered_in_english_too(settings):
    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "search": "1/60"}
    client = Client()
    client.get("/api/v1/catalog/search", {"q": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/api/v1/catalog/search", {"q": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert response.json()["title"].startswith("Too many requests")


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("zh-hans", "请求过于频繁，请在"), ("en", "Too many requests")])
def test_a_browser_over_the_limit_gets_a_page_saying_when_to_try_again(settings, language, text):
    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "login": "1/300"}
    _user, number = factories.citizen()
    client = Client(HTTP_ACCEPT=BROWSER_ACCEPT, HTTP_ACCEPT_LANGUAGE=language)
    client.post("/login/", {"identifier": number, "password": "wrong-password"})
    response = client.post("/login/", {"identifier": number, "password": factories.PASSWORD})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert 1 <= int(response["Retry-After"]) <= 300
    page = response.content.decode()
    assert 'data-testid="rate-limited"' in page and text in page
    assert 'href="/login/"' in page  # back to the form
    assert client.get("/me/").status_code == 302  # the refused attempt did not sign in
    # the same limit answers a script (no text/html in Accept) with problem+json
    _assert_429(Client().post("/login/", {"identifier": number, "password": "x"}), "login")
