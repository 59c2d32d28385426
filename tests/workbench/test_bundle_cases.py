"""一件事 in the workbench: the lead department accepts and decides, every item's department reviews
the bundle in parallel from its own 我的待办, and nobody sees more than their part."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from govhall.accounts.constants import Role
from govhall.cases.models import Case, CaseMaterial
from govhall.core.models import AuditEvent
from govhall.workflow import facade as workflow
from tests.cases.conftest import _a_working_monday_in_2026, _files_in_tmp, applicant  # noqa: F401 - fixtures
from tests.cases.test_bundles import _staff, _submitted, bundle, other_department  # noqa: F401 - fixtures
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
BACKEND = "govhall.accounts.backends.GovhallBackend"


@pytest.fixture
def staff(department, other_department):  # noqa: F811
    lead_clerk, clerk_actor = _staff(department, Role.WINDOW_CLERK)
    lead_reviewer, _a = _staff(department, Role.REVIEWER)
    other_reviewer, _b = _staff(other_department, Role.REVIEWER)
    decider, _c = _staff(department, Role.DECIDER)
    return {
        "clerk": lead_clerk,
        "clerk_actor": clerk_actor,
        "lead_reviewer": lead_reviewer,
        "other_reviewer": other_reviewer,
        "decider": decider,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _text(response) -> str:
    return response.content.decode()


def _listed(client, **params) -> list[str]:
    page = _text(client.get("/workbench/cases/", params))
    return re.findall(r'<a class="case-number" href="/workbench/cases/\d+/">([^<]+)</a>', page)


@pytest.fixture
def accepted(applicant, bundle, staff):  # noqa: F811
    from govhall.cases import services

    case = _submitted(applicant, bundle)
    services.case_accept(actor=staff["clerk_actor"], case_id=case.pk)
    case.refresh_from_db()
    return case


def _open_reviews(case):
    return [i for i in workflow.work_items_for(f"case:{case.pk}") if i.status == "open" and i.role == "reviewer"]


def test_each_reviewing_department_finds_the_bundle_in_its_todo_list(accepted, staff, other_department):  # noqa: F811
    assert accepted.status == "in_review" and len(_open_reviews(accepted)) == 2
    other = _client(staff["other_reviewer"])
    # the bundle is led by another department, yet its reviewer finds it in 我的待办 (the default tab)
    assert _listed(other) == [accepted.number]
    # not in the department tabs: those list the department's own cases (here, its item)
    child = Case.objects.get(parent=accepted, department=other_department)
    assert _listed(other, tab="review") == [child.number]
    # the lead department's clerk has no process step of their own here
    assert _listed(_client(staff["clerk"]), tab="todo") == []


def test_a_reviewing_department_reviews_the_bundle_without_a_role_in_the_lead_department(accepted, staff):
    other = _client(staff["other_reviewer"])
    page = _text(other.get(f"/workbench/cases/{accepted.pk}/"))
    assert 'data-testid="bundle-child"' in page and "提交审查意见" in page
    # its own item's materials are listed; the lead department's item is not opened to it
    assert page.count('data-testid="materials"') == 1
    item = next(i for i in _open_reviews(accepted) if i.department_id != accepted.department_id)
    response = other.post(
        f"/workbench/cases/{accepted.pk}/review/",
        {"work_item": item.pk, "opinion": "排水设施符合要求", "recommendation": "approve"},
    )
    assert response.status_code == 302
    assert [i.department_id for i in _open_reviews(accepted)] == [accepted.department_id]
    assert AuditEvent.objects.filter(action="case.review").count() == 1
    # the step is done: a second post is refused and changes nothing
    again = other.post(
        f"/workbench/cases/{accepted.pk}/review/",
        {"work_item": item.pk, "opinion": "再次提交", "recommendation": "approve"},
    )
    assert again.status_code == 403
    assert [i.department_id for i in _open_reviews(accepted)] == [accepted.department_id]
    assert AuditEvent.objects.filter(action="case.review").count() == 1
    # and the reviewing department cannot act as the lead department
    refused = other.post(f"/workbench/cases/{accepted.pk}/decide/", {"decision": "granted", "reason": "x"})
    assert refused.status_code == 403
    accepted.refresh_from_db()
    assert accepted.status == "in_review" and accepted.decision == ""


def test_after_both_reviews_the_lead_decider_grants_and_the_children_follow(accepted, staff):
    for item in _open_reviews(accepted):
        reviewer = staff["lead_reviewer"] if item.department_id == accepted.department_id else staff["other_reviewer"]
        assert (
            _client(reviewer)
            .post(
                f"/workbench/cases/{accepted.pk}/review/",
                {"work_item": item.pk, "opinion": "同意", "recommendation": "approve"},
            )
            .status_code
            == 302
        )
    decider = _client(staff["decider"])
    assert _listed(decider) == [accepted.number]  # the decision step is the decider's todo now
    response = decider.post(
        f"/workbench/cases/{accepted.pk}/decide/",
        {"decision": "granted", "reason": "各部门审查通过", "legal_basis": "《行政许可法》第三十八条"},
    )
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.status, accepted.decision) == ("decided", "granted")
    assert set(Case.objects.filter(parent=accepted).values_list("decision", flat=True)) == {"granted"}


def test_materials_of_an_item_open_to_its_department_and_the_lead_only(accepted, staff, other_department):  # noqa: F811
    lead_item = Case.objects.get(parent=accepted, department=accepted.department)
    other_item = Case.objects.get(parent=accepted, department=other_department)
    lead_file = CaseMaterial.objects.filter(case=lead_item).first()
    other_file = CaseMaterial.objects.filter(case=other_item).first()
    lead = _client(staff["clerk"])
    other = _client(staff["other_reviewer"])
    assert lead.get(f"/workbench/cases/{other_item.pk}/material/{other_file.pk}/").status_code == 200
    assert other.get(f"/workbench/cases/{other_item.pk}/material/{other_file.pk}/").status_code == 200
    assert other.get(f"/workbench/cases/{lead_item.pk}/material/{lead_file.pk}/").status_code == 404
    child_page = _text(other.get(f"/workbench/cases/{other_item.pk}/"))
    assert 'data-testid="bundle-link"' in child_page and f"/workbench/cases/{accepted.pk}/" in child_page


def test_the_lead_departments_reviewer_cannot_do_the_other_departments_step(accepted, staff):
    item = next(i for i in _open_reviews(accepted) if i.department_id != accepted.department_id)
    response = _client(staff["lead_reviewer"]).post(
        f"/workbench/cases/{accepted.pk}/review/",
        {"work_item": item.pk, "opinion": "越权", "recommendation": "approve"},
    )
    assert response.status_code == 422  # not a choice offered to this reviewer
    assert item.pk in [i.pk for i in _open_reviews(accepted)]
