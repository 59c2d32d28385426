"""The /o/ routes one by one: their access rules, and what is deliberately not exposed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import resolve
from oauth2_provider.models import AccessToken, Grant

from govhall.accounts.constants import OidcAudience, Role
from govhall.accounts.oidc.services import oidc_client_create
from govhall.accounts.services import role_grant
from govhall.core.contracts import Actor
from tests import factories

pytestmark = pytest.mark.django_db

BACKEND = "govhall.accounts.backends.GovhallBackend"
CALLBACK = "https://bdc.example.gov.cn/cb"


@pytest.fixture
def client_id():
    admin = factories.staff()
    role_grant(actor=factories.SYSTEM, user=admin, department=factories.department(), role=Role.SYSTEM_ADMIN)
    return oidc_client_create(
        actor=Actor(user_id=admin.pk, role="staff"),
        name="测试系统",
        department_id=factories.department().pk,
        audience=OidcAudience.CITIZENS,
        redirect_uris=CALLBACK,
    ).client_id


def _authorize_params(client_id: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": CALLBACK,
        "scope": "openid",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256",
    }


def test_every_oidc_route_has_its_rule():
    rules = {
        path: resolve(path).func.access_rule
        for path in (
            "/o/authorize/",
            "/o/token/",
            "/o/revoke_token/",
            "/o/userinfo/",
            "/o/.well-known/openid-configuration",
            "/o/.well-known/jwks.json",
            "/o/logout/",
            "/o/login/",
        )
    }
    assert rules == {
        "/o/authorize/": "signed_in",
        "/o/token/": "oidc_client",
        "/o/revoke_token/": "oidc_client",
        "/o/userinfo/": "oidc_bearer",
        "/o/.well-known/openid-configuration": "public",
        "/o/.well-known/jwks.json": "public",
        "/o/logout/": "public",
        "/o/login/": "public",
    }


@pytest.mark.parametrize("path", ["/o/applications/", "/o/authorized_tokens/", "/o/introspect/", "/o/register/"])
def test_the_toolkits_own_management_and_registration_routes_are_not_exposed(path):
    assert Client().get(path).status_code == 404


def test_anonymous_authorize_goes_to_the_sign_in_chooser_and_issues_nothing(client_id):
    response = Client().get("/o/authorize/", _authorize_params(client_id))
    assert response.status_code == 302 and response["Location"].startswith("/o/login/?next=/o/authorize/")
    assert Grant.objects.count() == 0


def test_matrix_authorize_for_a_citizens_only_system(client_id):
    citizen, _ = factories.citizen()
    staff = factories.staff()
    for user, status in ((citizen, 302), (staff, 403)):
        client = Client()
        client.force_login(user, backend=BACKEND)
        response = client.get("/o/authorize/", _authorize_params(client_id))
        assert response.status_code == status
        if status == 302:
            assert response["Location"].startswith(CALLBACK + "?code=")
    assert Grant.objects.filter(user=staff).count() == 0
    assert Grant.objects.filter(user=citizen).count() == 1


def test_an_unregistered_redirect_uri_is_refused_without_a_redirect(client_id):
    citizen, _ = factories.citizen()
    client = Client()
    client.force_login(citizen, backend=BACKEND)
    response = client.get("/o/authorize/", {**_authorize_params(client_id), "redirect_uri": "https://evil.example/cb"})
    assert response.status_code == 400
    assert 'data-testid="oidc-error"' in response.content.decode()
    assert Grant.objects.count() == 0


def test_userinfo_needs_a_bearer_token():
    assert Client().get("/o/userinfo/").status_code == 401
    assert Client().get("/o/userinfo/", HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


def test_the_token_endpoint_needs_client_authentication(client_id):
    response = Client().post("/o/token/", {"grant_type": "authorization_code", "code": "x", "client_id": client_id})
    assert response.status_code in (400, 401)
    assert AccessToken.objects.count() == 0


def test_the_sign_in_chooser_never_points_elsewhere():
    page = Client().get("/o/login/", {"next": "https://evil.example/"}).content.decode()
    assert 'href="/login/"' in page and 'href="/workbench/login/"' in page  # no next: it was not local
    assert 'href="/login/?next=' not in page
    page = Client().get("/o/login/", {"next": "/o/authorize/?client_id=x"}).content.decode()
    assert "/login/?next=/o/authorize/%3Fclient_id%3Dx" in page


def test_the_daily_sweep_clears_expired_tokens_only(client_id):
    from oauth2_provider.models import Application

    from govhall.accounts.oidc.tasks import oidc_tokens_clear

    app = Application.objects.get(client_id=client_id)
    user, _ = factories.citizen()
    AccessToken.objects.create(user=user, application=app, token="old" * 10, expires="2020-01-01T00:00:00Z")
    AccessToken.objects.create(user=user, application=app, token="new" * 10, expires="2099-01-01T00:00:00Z")
    oidc_tokens_clear.call()
    oidc_tokens_clear.call()  # idempotent
    assert list(AccessToken.objects.values_list("expires__year", flat=True)) == [2099]


def test_discovery_lists_the_acr_values():
    data = Client().get("/o/.well-known/openid-configuration").json()
    assert data["acr_values_supported"] == ["urn:govhall:loa:1", "urn:govhall:loa:2", "urn:govhall:loa:3"]
    assert data["authorization_endpoint"].endswith("/o/authorize/")


def test_a_client_asking_for_level_two_sends_an_l1_citizen_to_verification_first(client_id):
    from govhall.accounts.realname.services import realname_register

    user = realname_register(
        actor=Actor(user_id=None, role="anonymous"),
        real_name="林晓",
        id_number="350602200001010019",
        phone="13912340001",
        password=factories.PASSWORD,
    )
    client = Client()
    client.force_login(user, backend=BACKEND)
    params = {**_authorize_params(client_id), "acr_values": "urn:govhall:loa:2"}
    refused = client.get("/o/authorize/", params)
    assert refused.status_code == 403
    assert 'data-testid="oidc-verify-now"' in refused.content.decode()
    assert Grant.objects.count() == 0
    # verifying on the real-name page leads straight back to the authorization
    next_url = refused.context["next"]
    verified = client.post("/me/realname/", {"next": next_url})
    assert verified.status_code == 302 and verified["Location"] == next_url
    granted = client.get(next_url)
    assert granted.status_code == 302 and granted["Location"].startswith(CALLBACK + "?code=")
    # a level the platform does not know is ignored
    assert client.get("/o/authorize/", {**params, "acr_values": "urn:other:gold"}).status_code == 302
