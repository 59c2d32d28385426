"""一件事 through the API: start with one form, upload to each item, submit once, review in parallel."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govhall.accounts.constants import Role
from govhall.cases import services
from govhall.cases.models import Case
from govhall.core.models import AuditEvent
from govhall.workflow import facade as workflow
from tests import factories

from .conftest import PDF
from .test_bundles import FORM, _staff, bundle, other_department  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    return client


def _draft(client, bundle, form=FORM) -> dict:  # noqa: F811
    response = client.post(
        f"/api/v1/cases/bundles/{bundle.code}/drafts", {"form_data": form}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def _upload_all(client, draft: dict) -> None:
    for child in draft["children"]:
        for requirement in Case.objects.get(pk=child["id"]).item_version.materials.all():
            upload = client.post(
                f"/api/v1/cases/drafts/{child['id']}/materials/{requirement.pk}",
                {"file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")},
            )
            assert upload.status_code == 201, upload.content


def test_a_bundle_is_started_saved_and_submitted_once(applicant, bundle):  # noqa: F811
    client = _client(applicant)
    draft = _draft(client, bundle, {"shop_name": "小吃店"})
    assert draft["kind"] == "bundle" and draft["bundle_code"] == bundle.code and len(draft["children"]) == 2
    saved = client.put(
        f"/api/v1/cases/bundles/drafts/{draft['id']}", {"form_data": FORM}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["form_data"] == FORM
    assert [child["status"] for child in saved.json()["children"]] == ["draft", "draft"]
    _upload_all(client, draft)
    numbers = set()
    for _ in range(3):
        response = client.post(f"/api/v1/cases/bundles/{draft['id']}/submit", HTTP_IDEMPOTENCY_KEY="bundle-key-0001")
        assert response.status_code == 200, response.content
        numbers.add(response.json()["number"])
    assert len(numbers) == 1
    body = response.json()
    assert [child["number"] for child in body["children"]] == [f"{body['number']}-01", f"{body['number']}-02"]
    assert AuditEvent.objects.filter(action="case.submit").count() == 3  # the bundle and its two items


def test_missing_materials_of_every_item_come_back_as_one_problem(applicant, bundle):  # noqa: F811
    client = _client(applicant)
    draft = _draft(client, bundle)
    response = client.post(f"/api/v1/cases/bundles/{draft['id']}/submit")
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "case.materials_missing"
    assert len(problem["errors"]) == sum(
        Case.objects.get(pk=c["id"]).item_version.materials.filter(necessity="required").count()
        for c in draft["children"]
    )
    assert Case.objects.get(pk=draft["id"]).status == "draft"


def test_another_citizen_cannot_touch_the_bundle(applicant, bundle):  # noqa: F811
    draft = _draft(_client(applicant), bundle)
    intruder, _number = factories.citizen(name="李四")
    client = _client(intruder)
    assert client.get(f"/api/v1/cases/{draft['id']}").status_code == 404
    put = client.put(
        f"/api/v1/cases/bundles/drafts/{draft['id']}", {"form_data": {"a": 1}}, content_type="application/json"
    )
    assert put.status_code == 404
    assert client.post(f"/api/v1/cases/bundles/{draft['id']}/submit").status_code == 404
    assert Case.objects.get(pk=draft["id"]).form_data == FORM
    assert Client().post(f"/api/v1/cases/bundles/{draft['id']}/submit").status_code == 401


def test_each_department_reviews_its_own_step_through_the_api(applicant, bundle, department, other_department):  # noqa: F811
    client = _client(applicant)
    draft = _draft(client, bundle)
    _upload_all(client, draft)
    client.post(f"/api/v1/cases/bundles/{draft['id']}/submit")
    _clerk, clerk_actor = _staff(department, Role.WINDOW_CLERK)
    services.case_accept(actor=clerk_actor, case_id=draft["id"])
    other_reviewer, _a = _staff(other_department, Role.REVIEWER)
    lead_reviewer, _b = _staff(department, Role.REVIEWER)
    items = {i.department_id: i for i in workflow.work_items_for(f"case:{draft['id']}") if i.status == "open"}
    theirs, ours = items[other_department.pk], items[department.pk]
    # the lead department's reviewer may not do the other department's step
    refused = _client(lead_reviewer).post(
        f"/api/v1/cases/{draft['id']}/review",
        {"work_item_id": theirs.pk, "opinion": "越权", "recommendation": "approve"},
        content_type="application/json",
    )
    assert refused.status_code == 404 and refused.json()["code"] == "case.work_item_not_found"
    done = _client(other_reviewer).post(
        f"/api/v1/cases/{draft['id']}/review",
        {"work_item_id": theirs.pk, "opinion": "符合要求", "recommendation": "approve"},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    open_items = [i.pk for i in workflow.work_items_for(f"case:{draft['id']}") if i.status == "open"]
    assert open_items == [ours.pk]
    assert AuditEvent.objects.filter(action="case.review").count() == 1
