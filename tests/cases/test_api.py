from __future__ import annotations

import pytest
from django.test import Client

from govhall.cases.models import Case
from govhall.core.models import AuditEvent
from tests import factories

from .conftest import PDF

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=False)
    client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    return client


def _ready_case(client, item) -> int:
    response = client.post(
        "/api/v1/cases/drafts",
        {"item_code": item.service_item.code, "form_data": {"shop_name": "闽南小吃"}},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    case_id = response.json()["id"]
    for requirement in item.materials.all():
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = client.post(
            f"/api/v1/cases/drafts/{case_id}/materials/{requirement.pk}",
            {"file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")},
        )
        assert upload.status_code == 201, upload.content
    return case_id


def test_apply_through_the_api_with_an_idempotent_submit(applicant, item):
    client = _client(applicant)
    case_id = _ready_case(client, item)
    numbers = set()
    for _ in range(3):
        response = client.post(f"/api/v1/cases/{case_id}/submit", HTTP_IDEMPOTENCY_KEY="submit-0001-abcd")
        assert response.status_code == 200
        numbers.add(response.json()["number"])
    assert len(numbers) == 1
    assert AuditEvent.objects.filter(action="case.submit").count() == 1
    listing = client.get("/api/v1/cases").json()
    assert [c["id"] for c in listing] == [case_id]
    detail = client.get(f"/api/v1/cases/{case_id}").json()
    assert [e["kind"] for e in detail["timeline"]] == ["draft", "submit"]


def test_submit_errors_are_problem_json_with_every_field(applicant, item):
    client = _client(applicant)
    response = client.post(
        "/api/v1/cases/drafts",
        {"item_code": item.service_item.code, "form_data": {"area": "大"}},
        content_type="application/json",
    )
    case_id = response.json()["id"]
    response = client.post(f"/api/v1/cases/{case_id}/submit")
    assert response.status_code == 422
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert body["code"] == "case.form_invalid"
    assert {e["field"] for e in body["errors"]} == {"shop_name", "area"}


def test_other_people_get_404_and_nothing_changes(applicant, item):
    client = _client(applicant)
    case_id = _ready_case(client, item)
    stranger, _ = factories.citizen(name="李四")
    other = _client(stranger)
    assert other.get(f"/api/v1/cases/{case_id}").status_code == 404
    assert other.post(f"/api/v1/cases/{case_id}/submit").status_code == 404
    assert other.post(f"/api/v1/cases/{case_id}/withdraw", {}, content_type="application/json").status_code == 404
    assert Case.objects.get(pk=case_id).status == "draft"
    assert Client().get("/api/v1/cases").status_code == 401
    # an id no database column can hold is just a case that does not exist
    for huge in (2**63, 10**30):
        response = client.post(f"/api/v1/cases/{huge}/submit")
        assert response.status_code == 404 and response.json()["code"] == "case.not_found"
        assert client.get(f"/api/v1/cases/{huge}").status_code == 404


def test_staff_decide_is_idempotent_and_department_scoped(applicant, item, clerk, decider, review_done):
    client = _client(applicant)
    case_id = _ready_case(client, item)
    client.post(f"/api/v1/cases/{case_id}/submit")
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    clerk_client = _client(users.get(pk=clerk.user_id))
    assert clerk_client.post(f"/api/v1/cases/{case_id}/accept").json()["status"] == "in_review"
    review_done(case_id)
    # The clerk holds no decider role: the decision endpoint does not even reveal the case.
    denied = clerk_client.post(
        f"/api/v1/cases/{case_id}/decide",
        {"decision": "granted", "reason": "符合条件"},
        content_type="application/json",
    )
    assert denied.status_code == 404
    decider_client = _client(users.get(pk=decider.user_id))
    for _ in range(2):
        response = decider_client.post(
            f"/api/v1/cases/{case_id}/decide",
            {"decision": "granted", "reason": "符合条件"},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="decide-0001-abcd",
        )
        assert response.status_code == 200 and response.json()["decision"] == "granted"
    conflict = decider_client.post(
        f"/api/v1/cases/{case_id}/decide",
        {"decision": "denied", "reason": "x", "legal_basis": "y"},
        content_type="application/json",
    )
    assert conflict.status_code == 409 and conflict.json()["code"] == "case.invalid_transition"
    assert AuditEvent.objects.filter(action="case.decide").count() == 1
    other_dept_decider = factories.staff()
    from govhall.accounts.services import role_grant

    role_grant(actor=factories.SYSTEM, user=other_dept_decider, department=factories.department(), role="decider")
    assert _client(other_dept_decider).get(f"/api/v1/cases/{case_id}").status_code == 404


def test_draft_create_with_an_idempotency_key_returns_the_first_draft(applicant, item):
    client = _client(applicant)
    body = {"item_code": item.service_item.code, "form_data": {"shop_name": "闽南小吃"}}
    first = client.post(
        "/api/v1/cases/drafts", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="draft-key-0001"
    )
    again = client.post(
        "/api/v1/cases/drafts", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="draft-key-0001"
    )
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Case.objects.count() == 1
    other = {**body, "form_data": {"shop_name": "另一家店"}}
    mismatch = client.post(
        "/api/v1/cases/drafts", other, content_type="application/json", HTTP_IDEMPOTENCY_KEY="draft-key-0001"
    )
    assert mismatch.status_code == 409 and mismatch.json()["code"] == "idempotency.mismatch"
    assert Case.objects.count() == 1
