"""The licence sharing API for other departments' systems: per-department credentials, problem+json
refusals, masked answers, PDF download, every call logged with its purpose — and no ID number in
any URL, log row or audit row."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from govhall.accounts.constants import Role
from govhall.core.contracts import Actor
from govhall.core.facade import PermissionDenied
from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses.models import License, SharingCallLog, SharingCredential
from tests import factories
from tests.licenses.conftest import issue

pytestmark = pytest.mark.django_db
BASE = "/api/v1/sharing/licenses"
PURPOSE = "办件350600202603020001：核验营业执照"


@pytest.fixture
def housing(other_department):
    return other_department


@pytest.fixture
def credential(housing):
    return licenses.sharing_credential_issue(
        actor=Actor.system("test"),
        department_id=housing.pk,
        name="住建局审批系统",
        scopes=["licenses.query", "licenses.download"],
    )


@pytest.fixture
def person_license(person_type, issuer, citizen):
    return issue("mandarin_certificate", issuer, person=citizen.person, data={"level": "一级乙等"})


@pytest.fixture
def citizen_id_number(citizen):
    from govhall.accounts.constants import ID_NUMBER_CONTEXT
    from govhall.core.crypto import decrypt_text

    return decrypt_text(citizen.person.id_number_encrypted, context=ID_NUMBER_CONTEXT)


def call(path, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return Client().post(f"{BASE}{path}", data=json.dumps(body), content_type="application/json", **headers)


def problem(response):
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_query_by_credit_code_answers_masked_licences_and_is_logged(credential, signed_license, enterprise, housing):
    response = call("/query", {"credit_code": enterprise.credit_code, "purpose": PURPOSE}, credential.token)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    found = body["licenses"][0]
    assert found["identifier"] == signed_license.identifier
    assert found["status"] == "valid" and found["type_name"] == "营业执照"
    assert "*" in found["holder_id_masked"] and enterprise.credit_code not in json.dumps(body)
    log = SharingCallLog.objects.get()
    assert (log.operation, log.outcome, log.status_code, log.result_count) == ("query", "ok", 200, 1)
    assert log.department_id == housing.pk and log.purpose == PURPOSE
    assert log.holder_index and enterprise.credit_code not in log.holder_index
    assert AuditEvent.objects.filter(action="license.sharing.query", result="ok").count() == 1


def test_query_by_id_number_never_stores_the_number(credential, person_license, citizen_id_number):
    response = call("/query", {"id_number": citizen_id_number, "purpose": PURPOSE}, credential.token)

    assert response.status_code == 200
    assert [x["identifier"] for x in response.json()["licenses"]] == [person_license.identifier]
    assert citizen_id_number not in response.content.decode()
    for row in SharingCallLog.objects.values():
        assert citizen_id_number not in json.dumps(row, default=str)
    for row in AuditEvent.objects.values("detail"):
        assert citizen_id_number not in json.dumps(row, ensure_ascii=False)


def test_an_unknown_holder_answers_an_empty_list(credential, business_type):
    code = factories.credit_code(authority="9", org_type="1", region="350602")
    response = call("/query", {"credit_code": code, "purpose": PURPOSE}, credential.token)
    assert response.status_code == 200 and response.json() == {"count": 0, "licenses": []}


def test_download_returns_the_signed_pdf_and_is_logged(credential, signed_license):
    response = call("/download", {"identifier": signed_license.identifier, "purpose": PURPOSE}, credential.token)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"/ByteRange" in response.content
    log = SharingCallLog.objects.get()
    assert (log.operation, log.outcome, log.license_identifier) == ("download", "ok", signed_license.identifier)


def test_download_of_an_unknown_identifier_is_404_and_logged(credential, business_type):
    response = call("/download", {"identifier": "1.2.156.3005.2.X", "purpose": PURPOSE}, credential.token)
    assert response.status_code == 404
    assert problem(response)["code"] == "sharing.license_not_found"
    assert SharingCallLog.objects.get().outcome == "not_found"


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/query", "/download"])
def test_a_missing_credential_is_401(path, signed_license, enterprise):
    response = call(
        path, {"credit_code": enterprise.credit_code, "identifier": signed_license.identifier, "purpose": PURPOSE}
    )
    assert response.status_code == 401
    assert problem(response)["code"] == "sharing.credential_missing"
    assert SharingCallLog.objects.get().outcome == "unauthenticated"


@pytest.mark.parametrize(
    "token",
    ["nonsense", "ghs_", "ghs_abc", "ghs_0000000000000000.secret", "Basic abc"],
)
def test_an_invalid_credential_is_401(token, credential, enterprise, signed_license):
    response = call("/query", {"credit_code": enterprise.credit_code, "purpose": PURPOSE}, token)
    assert response.status_code == 401
    assert problem(response)["code"] == "sharing.credential_invalid"


def test_a_wrong_secret_is_401(credential, enterprise, signed_license):
    forged = credential.token[:-4] + ("AAAA" if not credential.token.endswith("AAAA") else "BBBB")
    response = call("/query", {"credit_code": enterprise.credit_code, "purpose": PURPOSE}, forged)
    assert response.status_code == 401
    assert problem(response)["code"] == "sharing.credential_invalid"


def test_a_revoked_credential_is_403_and_logged(credential, enterprise, signed_license):
    licenses.sharing_credential_revoke(actor=Actor.system("test"), credential_id=credential.id)

    response = call("/query", {"credit_code": enterprise.credit_code, "purpose": PURPOSE}, credential.token)

    assert response.status_code == 403
    assert problem(response)["code"] == "sharing.credential_revoked"
    log = SharingCallLog.objects.get()
    assert log.outcome == "revoked" and log.credential_id == credential.id


def test_a_credential_without_the_scope_is_403(housing, signed_license, enterprise):
    query_only = licenses.sharing_credential_issue(
        actor=Actor.system("test"), department_id=housing.pk, name="查询系统", scopes=["licenses.query"]
    )
    response = call("/download", {"identifier": signed_license.identifier, "purpose": PURPOSE}, query_only.token)
    assert response.status_code == 403
    assert problem(response)["code"] == "sharing.scope_missing"
    assert SharingCallLog.objects.get().outcome == "scope_missing"


@pytest.mark.parametrize("purpose", ["", "  ", "用途"])
def test_a_purpose_is_required(purpose, credential, enterprise, signed_license):
    response = call("/query", {"credit_code": enterprise.credit_code, "purpose": purpose}, credential.token)
    assert response.status_code == 422
    assert problem(response)["code"] == "sharing.purpose_required"
    assert SharingCallLog.objects.get().outcome == "invalid"


@pytest.mark.parametrize("path", ["/query", "/download"])
def test_a_missing_purpose_field_is_refused_and_logged(path, credential, enterprise, signed_license):
    body = {"credit_code": enterprise.credit_code, "identifier": signed_license.identifier}
    response = call(path, body, credential.token)
    assert response.status_code == 422
    assert problem(response)["code"] == "sharing.purpose_required"
    log = SharingCallLog.objects.get()
    assert (log.outcome, log.purpose, log.credential_id) == ("invalid", "", credential.id)


@pytest.mark.parametrize(
    "body",
    [{}, {"id_number": "11010519491231002X", "credit_code": "91350602MA2XXXXXX"}],
)
def test_exactly_one_holder_number(body, credential, business_type):
    response = call("/query", {**body, "purpose": PURPOSE}, credential.token)
    assert response.status_code == 422
    assert problem(response)["code"] == "sharing.holder_required"


def test_a_malformed_id_number_is_refused_without_echoing_it(credential, business_type):
    bad = "350602198503120319"  # wrong check character
    response = call("/query", {"id_number": bad, "purpose": PURPOSE}, credential.token)
    assert response.status_code == 422
    assert problem(response)["code"].startswith("identifier.id_number")
    assert bad not in response.content.decode()
    assert bad not in json.dumps(list(SharingCallLog.objects.values()), default=str)


def test_the_api_is_read_only(credential, signed_license, enterprise):
    before = list(License.objects.values_list("pk", "status", "pdf_key"))
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {credential.token}"}
    assert client.get(f"{BASE}/query", **auth).status_code == 405
    assert client.delete(f"{BASE}/download", **auth).status_code == 405
    call("/download", {"identifier": signed_license.identifier, "purpose": PURPOSE}, credential.token)
    assert list(License.objects.values_list("pk", "status", "pdf_key")) == before


def test_a_session_does_not_replace_the_credential(citizen, signed_license, enterprise):
    client = Client()
    client.force_login(citizen, backend="govhall.accounts.backends.GovhallBackend")
    response = client.post(
        f"{BASE}/query",
        data=json.dumps({"credit_code": enterprise.credit_code, "purpose": PURPOSE}),
        content_type="application/json",
    )
    assert response.status_code == 401


# --- credentials --------------------------------------------------------------------------------


def test_credentials_store_only_a_hash_of_the_secret(credential):
    row = SharingCredential.objects.get(pk=credential.id)
    secret = credential.token.split(".", 1)[1]
    assert secret not in row.secret_hash and row.key_id in credential.token
    assert row.scopes == ["licenses.query", "licenses.download"]


def test_only_a_data_sharing_admin_issues_credentials(housing):
    clerk = factories.staff()
    from govhall.accounts import services

    services.role_grant(actor=factories.SYSTEM, user=clerk, department=housing, role=Role.WINDOW_CLERK)
    with pytest.raises(PermissionDenied):
        licenses.sharing_credential_issue(
            actor=Actor(user_id=clerk.pk), user=clerk, department_id=housing.pk, name="x", scopes=["licenses.query"]
        )
    admin = factories.staff()
    services.role_grant(actor=factories.SYSTEM, user=admin, department=housing, role=Role.DATA_SHARING_ADMIN)
    issued = licenses.sharing_credential_issue(
        actor=Actor(user_id=admin.pk), user=admin, department_id=housing.pk, name="住建系统", scopes=["licenses.query"]
    )
    assert SharingCredential.objects.filter(pk=issued.id, created_by=admin).exists()


def test_bad_scopes_are_refused(housing):
    from govhall.core.facade import ValidationFailed

    with pytest.raises(ValidationFailed):
        licenses.sharing_credential_issue(actor=Actor.system("t"), department_id=housing.pk, name="x", scopes=["admin"])
    assert not SharingCredential.objects.exists()


def test_the_management_command_issues_lists_and_revokes(housing):
    out = io.StringIO()
    call_command(
        "license_sharing_credential", "issue", "--department", housing.credit_code, "--name", "住建系统", stdout=out
    )
    token = out.getvalue().split("token (shown once): ")[1].strip()
    key_id = token[len("ghs_") :].split(".")[0]
    out = io.StringIO()
    call_command("license_sharing_credential", "list", stdout=out)
    assert key_id in out.getvalue() and "active" in out.getvalue()
    call_command("license_sharing_credential", "revoke", key_id, stdout=io.StringIO())
    assert SharingCredential.objects.get(key_id=key_id).revoked_at is not None


def test_calls_over_the_rate_limit_are_429_and_logged(settings, credential, enterprise, signed_license):
    from django.core.cache import caches

    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "license_sharing": "2/60"}
    caches["ratelimit"].clear()
    body = {"credit_code": enterprise.credit_code, "purpose": PURPOSE}

    statuses = [call("/query", body, credential.token).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert list(SharingCallLog.objects.order_by("pk").values_list("outcome", flat=True)) == ["ok", "ok", "rate_limited"]
    caches["ratelimit"].clear()
