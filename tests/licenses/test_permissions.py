"""Permission matrix for every licence page and endpoint licences-core adds (STYLE.md rule 9):
anonymous, a citizen (the holder and another one), staff without a role, staff of another
department, a reviewer of the issuing department (no licence role) and the issuing department's
decider / department admin. Every denial changes nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.core.models import AuditEvent
from govhall.licenses.models import License, LicenseRevocation
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_pdf")]
BACKEND = "govhall.accounts.backends.GovhallBackend"
STAFF_LOGIN = "/workbench/login/"


@pytest.fixture
def people(issuer, other_department, citizen):
    def staff_with(*grants):
        user = factories.staff()
        for role, dept in grants:
            account_services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=role)
        return user

    other_citizen, _ = factories.citizen(name="李四")
    return {
        "anonymous": None,
        "holder": citizen,  # legal representative of the enterprise holding the licence
        "citizen": other_citizen,
        "no_role": staff_with(),
        "other_dept": staff_with((Role.DECIDER, other_department), (Role.DEPARTMENT_ADMIN, other_department)),
        "reviewer": staff_with((Role.REVIEWER, issuer), (Role.WINDOW_CLERK, issuer)),
        "decider": staff_with((Role.DECIDER, issuer)),
        "dept_admin": staff_with((Role.DEPARTMENT_ADMIN, issuer)),
    }


def client_for(people, who):
    client = Client()
    if people[who] is not None:
        client.force_login(people[who], backend=BACKEND)
    return client


def _snapshot(license_id):
    row = License.objects.get(pk=license_id)
    return (
        row.status,
        row.status_reason,
        list(LicenseRevocation.objects.filter(license_id=license_id).values_list("status", flat=True)),
        License.objects.count(),
        AuditEvent.objects.exclude(action__startswith="auth.").exclude(action__startswith="login").count(),
    )


ALL = ["anonymous", "holder", "citizen", "no_role", "other_dept", "reviewer", "decider", "dept_admin"]
MANAGERS = {"decider", "dept_admin"}


def _expected_get(who):
    if who in ("anonymous", "holder", "citizen"):
        return STAFF_LOGIN
    if who in ("no_role", "reviewer"):
        return 403
    if who == "other_dept":
        return 404
    return 200


@pytest.mark.parametrize("who", ALL)
def test_licence_pages(people, who, signed_license):
    client = client_for(people, who)
    for path in (f"/workbench/licenses/{signed_license.id}/", f"/workbench/licenses/{signed_license.id}/pdf/"):
        response = client.get(path)
        want = _expected_get(who)
        if isinstance(want, int):
            assert response.status_code == want, (who, path)
        else:
            assert response.status_code == 302 and response["Location"].startswith(want), (who, path)
    response = client.get("/workbench/licenses/")
    if who in MANAGERS:
        assert response.status_code == 200
        assert signed_license.identifier in response.content.decode()
    elif who == "other_dept":
        assert response.status_code == 200
        assert signed_license.identifier not in response.content.decode()
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("who", [w for w in ALL if w not in MANAGERS])
@pytest.mark.parametrize("action", ["revoke", "cancel", "renew"])
def test_denied_actions_change_nothing(people, who, action, signed_license):
    before = _snapshot(signed_license.id)
    client = client_for(people, who)
    response = client.post(
        f"/workbench/licenses/{signed_license.id}/{action}/", {"reason": "x", "cancel-reason": "x", "legal_basis": ""}
    )
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"].startswith(STAFF_LOGIN)
    assert _snapshot(signed_license.id) == before


@pytest.mark.parametrize("who", [w for w in ALL if w not in MANAGERS])
def test_denied_confirmation_changes_nothing(people, who, signed_license):
    from govhall.licenses import facade as licenses

    from .conftest import actor_of

    request = licenses.license_revoke_request(
        actor=actor_of(people["decider"]), license_id=signed_license.id, reason="违法经营"
    )
    before = _snapshot(signed_license.id)
    client = client_for(people, who)
    for step in ("confirm", "withdraw"):
        response = client.post(f"/workbench/licenses/{signed_license.id}/revocations/{request.id}/{step}/")
        assert response.status_code in (302, 403, 404)
    assert _snapshot(signed_license.id) == before


@pytest.mark.parametrize("who", ALL)
def test_public_verification_is_open_to_everyone_and_writes_nothing(people, who, signed_license):
    before = _snapshot(signed_license.id)
    client = client_for(people, who)
    assert client.get("/licenses/verify/", {"identifier": signed_license.identifier}).status_code == 200
    assert client.get("/api/v1/licenses/verify", {"identifier": signed_license.identifier}).status_code == 200
    payload = License.objects.get(pk=signed_license.id).qr_payload
    response = client.post(
        "/api/v1/licenses/verify-payload", data=json.dumps({"payload": payload}), content_type="application/json"
    )
    assert response.status_code == 200
    assert client.get("/api/v1/licenses/verification-key").status_code == 200
    assert _snapshot(signed_license.id) == before


def test_verification_api_is_rate_limited(signed_license, settings):
    from django.core.cache import caches

    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "license_verify": "2/60"}
    caches["ratelimit"].clear()
    client = Client()
    codes = [client.get("/api/v1/licenses/verify", {"identifier": "x"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/licenses/verify/", {"identifier": "x"}).status_code == 429
    caches["ratelimit"].clear()


def test_admin_pages_are_read_only_and_for_system_admins(signed_license, issuer, people):
    sysadmin = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=sysadmin, department=issuer, role=Role.SYSTEM_ADMIN)
    admin_client = Client()
    admin_client.force_login(sysadmin, backend=BACKEND)
    page = admin_client.get(f"/admin/licenses/license/{signed_license.id}/change/")
    assert page.status_code == 200
    assert "holder_name_encrypted" not in page.content.decode()
    assert admin_client.get("/admin/licenses/license/add/").status_code == 403
    assert client_for(people, "decider").get("/admin/licenses/license/").status_code == 403
