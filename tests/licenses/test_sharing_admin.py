"""证照共享接入 in the workbench: data-sharing administrators issue (token shown once) and revoke
credentials and read the call log; nobody else can."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.licenses.models import SharingCredential
from tests import factories
from tests.licenses.use_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(issuer, other_department):
    def staff_with(role, dept):
        user = factories.staff()
        account_services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=role)
        return user

    citizen, _number = factories.citizen(name="李四")
    return {
        "anonymous": None,
        "citizen": citizen,
        "reviewer": staff_with(Role.REVIEWER, issuer),
        "sysadmin": staff_with(Role.SYSTEM_ADMIN, issuer),
        "data_admin": staff_with(Role.DATA_SHARING_ADMIN, other_department),
    }


def _client(people, who):
    return Client() if people[who] is None else login(people[who])


def test_the_admin_issues_a_credential_that_works_once_shown(people, issuer, signed_license, enterprise):
    client = _client(people, "data_admin")

    page = client.get("/workbench/sharing/licenses/")
    issued = client.post(
        "/workbench/sharing/licenses/",
        {"name": "市场监管局审批系统", "department": issuer.pk, "scopes": ["licenses.query"]},
    )

    assert page.status_code == 200 and 'data-testid="nav-sharing"' in page.content.decode()
    assert issued.status_code == 200 and "no-store" in issued["Cache-Control"]
    token = issued.content.decode().split('data-testid="sharing-token">')[1].split("<")[0]
    row = SharingCredential.objects.get()
    assert row.department_id == issuer.pk and row.scopes == ["licenses.query"] and token not in row.secret_hash
    answer = Client().post(
        "/api/v1/sharing/licenses/query",
        data=json.dumps({"credit_code": enterprise.credit_code, "purpose": "核验营业执照用于审批"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 200 and answer.json()["count"] == 1
    log_page = client.get("/workbench/sharing/licenses/").content.decode()
    assert "核验营业执照用于审批" in log_page and enterprise.credit_code not in log_page


def test_the_admin_revokes_a_credential(people, issuer):
    client = _client(people, "data_admin")
    client.post("/workbench/sharing/licenses/", {"name": "系统", "department": issuer.pk, "scopes": ["licenses.query"]})
    row = SharingCredential.objects.get()

    response = client.post(f"/workbench/sharing/licenses/{row.pk}/revoke/")

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_bad_input_is_refused(people, issuer):
    response = _client(people, "data_admin").post(
        "/workbench/sharing/licenses/", {"name": "", "department": issuer.pk, "scopes": ["licenses.query"]}
    )
    assert response.status_code == 422
    assert not SharingCredential.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "/workbench/login/"),
        ("citizen", "/workbench/login/"),
        ("reviewer", 403),
        ("sysadmin", 403),
        ("data_admin", 200),
    ],
)
def test_permission_matrix(people, issuer, who, expected):
    existing = SharingCredential.objects.create(
        department=issuer, name="已有系统", key_id="k1", secret_hash="x" * 64, scopes=["licenses.query"]
    )
    client = _client(people, who)

    pages = [
        client.get("/workbench/sharing/licenses/"),
        client.post(
            "/workbench/sharing/licenses/", {"name": "新系统", "department": issuer.pk, "scopes": ["licenses.query"]}
        ),
        client.post(f"/workbench/sharing/licenses/{existing.pk}/revoke/"),
    ]

    for response in pages:
        if expected == 200:
            assert response.status_code in (200, 302)
        elif isinstance(expected, int):
            assert response.status_code == expected
        else:
            assert response.status_code == 302 and response["Location"].split("?")[0] == expected
    if expected != 200:
        assert list(SharingCredential.objects.values_list("pk", "revoked_at")) == [(existing.pk, None)]
