"""Registering departmental systems as OIDC clients: services and the workbench pages.

Only system administrators manage clients (the security and audit administrators of 三员分立 do
not); the secret is shown once and stored hashed; denials change nothing.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client
from oauth2_provider.models import AccessToken, Application

from govhall.accounts.constants import OidcAudience, Role
from govhall.accounts.models import OidcClient
from govhall.accounts.oidc.services import oidc_client_create, oidc_client_delete, oidc_client_rotate_secret
from govhall.core.contracts import Actor
from govhall.core.errors import NotFound, PermissionDenied, ValidationFailed
from govhall.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

BACKEND = "govhall.accounts.backends.GovhallBackend"
LIST_URL = "/workbench/oidc/"
CALLBACK = "https://bdc.example.gov.cn/oidc/callback"


def _staff_with(role: str | None):
    user = factories.staff()
    if role:
        from govhall.accounts import services

        services.role_grant(actor=factories.SYSTEM, user=user, department=factories.department(), role=role)
    return user


@pytest.fixture
def admin():
    return _staff_with(Role.SYSTEM_ADMIN)


@pytest.fixture
def dept():
    return factories.department("漳州市自然资源局")


def _create(admin, dept, **overrides):
    values = {
        "actor": Actor(user_id=admin.pk, role="staff"),
        "name": "不动产登记系统",
        "department_id": dept.pk,
        "audience": OidcAudience.ALL,
        "redirect_uris": CALLBACK,
    }
    values.update(overrides)
    return oidc_client_create(**values)


def test_create_stores_only_a_hash_of_the_secret_and_audits(admin, dept):
    issued = _create(admin, dept)
    app = Application.objects.get(client_id=issued.client_id)
    assert len(issued.client_secret) >= 64
    assert app.client_secret != issued.client_secret
    assert issued.client_secret not in app.client_secret
    assert app.algorithm == "RS256" and app.skip_authorization and app.hash_client_secret
    assert OidcClient.objects.get(application=app).department == dept
    event = AuditEvent.objects.filter(action="oidc_client.create").get()
    assert event.subject == f"oidc_client:{issued.client_id}"
    assert issued.client_secret not in str(event.detail)


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"name": " "}, "oidc_client.name"),
        ({"audience": "everyone"}, "oidc_client.audience"),
        ({"department_id": 0}, "oidc_client.department"),
        ({"redirect_uris": ""}, "oidc_client.redirect_required"),
        ({"redirect_uris": "ftp://x.example/cb"}, "oidc_client.redirect_invalid"),
        ({"redirect_uris": "https://*.example.gov.cn/cb"}, "oidc_client.redirect_invalid"),
        ({"redirect_uris": "https://x.example/cb#frag"}, "oidc_client.redirect_invalid"),
        ({"redirect_uris": "/relative/cb"}, "oidc_client.redirect_invalid"),
    ],
)
def test_invalid_registrations_are_refused_and_write_nothing(admin, dept, overrides, code):
    with pytest.raises(ValidationFailed) as raised:
        _create(admin, dept, **overrides)
    assert raised.value.code == code
    assert Application.objects.count() == 0 and OidcClient.objects.count() == 0


@pytest.mark.parametrize("role", [None, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.DEPARTMENT_ADMIN])
def test_only_a_system_admin_may_register_rotate_or_delete(admin, dept, role):
    issued = _create(admin, dept)
    other = _staff_with(role)
    actor = Actor(user_id=other.pk, role="staff")
    with pytest.raises(PermissionDenied):
        _create(other, dept)
    with pytest.raises(PermissionDenied):
        oidc_client_rotate_secret(actor=actor, client_id=issued.client_id)
    with pytest.raises(PermissionDenied):
        oidc_client_delete(actor=actor, client_id=issued.client_id)
    app = Application.objects.get()
    assert app.client_id == issued.client_id
    assert check_password(issued.client_secret, app.client_secret)  # still the same secret


def test_rotating_invalidates_the_old_secret_and_tokens(admin, dept):
    issued = _create(admin, dept)
    app = Application.objects.get()
    user, _ = factories.citizen()
    AccessToken.objects.create(user=user, application=app, token="t" * 40, expires="2099-01-01T00:00:00Z")
    rotated = oidc_client_rotate_secret(actor=Actor(user_id=admin.pk, role="staff"), client_id=issued.client_id)
    app.refresh_from_db()
    assert rotated.client_secret != issued.client_secret
    assert check_password(rotated.client_secret, app.client_secret)
    assert not check_password(issued.client_secret, app.client_secret)
    assert AccessToken.objects.count() == 0
    with pytest.raises(NotFound):
        oidc_client_rotate_secret(actor=Actor(user_id=admin.pk, role="staff"), client_id="nope")


def test_a_public_client_has_no_secret(admin, dept):
    issued = _create(admin, dept, confidential=False)
    assert issued.client_secret == ""
    with pytest.raises(ValidationFailed):
        oidc_client_rotate_secret(actor=Actor(user_id=admin.pk, role="staff"), client_id=issued.client_id)


def test_delete_removes_the_client(admin, dept):
    issued = _create(admin, dept)
    oidc_client_delete(actor=Actor(user_id=admin.pk, role="staff"), client_id=issued.client_id)
    assert Application.objects.count() == 0 and OidcClient.objects.count() == 0
    assert AuditEvent.objects.filter(action="oidc_client.delete").count() == 1


# --- the workbench pages: permission matrix ---------------------------------------------------


def _client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def people(admin):
    citizen, _ = factories.citizen()
    return {
        "anonymous": None,
        "citizen": citizen,
        "staff_no_role": _staff_with(None),
        "department_admin": _staff_with(Role.DEPARTMENT_ADMIN),
        "security_admin": _staff_with(Role.SECURITY_ADMIN),
        "system_admin": admin,
    }


EXPECTED = {
    "anonymous": 302,
    "citizen": 302,
    "staff_no_role": 403,
    "department_admin": 403,
    "security_admin": 403,
    "system_admin": 200,
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_matrix_list_create_rotate_delete(people, dept, admin, who):
    existing = _create(admin, dept, name="既有系统")
    before = set(Application.objects.values_list("client_id", "client_secret"))
    events = AuditEvent.objects.count()
    client = _client_for(people[who])

    assert client.get(LIST_URL).status_code == EXPECTED[who]
    assert client.get(f"{LIST_URL}{existing.client_id}/").status_code == EXPECTED[who]
    created = client.post(
        LIST_URL,
        {"name": "新系统", "department": dept.pk, "audience": "all", "redirect_uris": CALLBACK},
    )
    rotated = client.post(f"{LIST_URL}{existing.client_id}/rotate/")
    deleted_status = None
    if who != "system_admin":
        deleted_status = client.post(f"{LIST_URL}{existing.client_id}/delete/").status_code

    if who == "system_admin":
        assert created.status_code == 200
        assert "no-store" in created["Cache-Control"]
        new = Application.objects.get(name="新系统")
        secret = created.context["issued"].client_secret
        assert secret in created.content.decode()  # shown once …
        assert secret not in new.client_secret  # … stored hashed
        assert rotated.status_code == 200 and rotated.context["rotated"]
        detail = client.get(f"{LIST_URL}{existing.client_id}/")
        assert secret not in detail.content.decode()
        assert client.post(f"{LIST_URL}{existing.client_id}/delete/").status_code == 302
        assert not Application.objects.filter(client_id=existing.client_id).exists()
    else:
        assert created.status_code == EXPECTED[who]
        assert rotated.status_code == EXPECTED[who]
        assert deleted_status == EXPECTED[who]
        assert set(Application.objects.values_list("client_id", "client_secret")) == before
        assert AuditEvent.objects.count() == events


def test_a_bad_registration_form_shows_the_error_and_creates_nothing(people, dept):
    client = _client_for(people["system_admin"])
    response = client.post(
        LIST_URL, {"name": "新系统", "department": dept.pk, "audience": "all", "redirect_uris": "not a url"}
    )
    assert response.status_code == 422
    assert 'data-testid="oidc-errors"' in response.content.decode()
    assert Application.objects.count() == 0


def test_only_system_admins_see_the_navigation_link(people):
    assert 'data-testid="nav-oidc"' in _client_for(people["system_admin"]).get("/workbench/").content.decode()
    assert 'data-testid="nav-oidc"' not in _client_for(people["security_admin"]).get("/workbench/").content.decode()
