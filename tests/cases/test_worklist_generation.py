"""The worklist generation (database triggers, migration 0006): it moves for every change a staff
worklist shows — whatever code path made it — and for nothing else; on PostgreSQL at commit,
in one order, so crossed transactions never deadlock on it."""

from __future__ import annotations

import io
import threading

import pytest
from django.db import connection, transaction  # noqa: F401 - connection: read by the skipif conditions

from govhall.cases import services
from govhall.cases.models import Case
from govhall.cases.selectors import worklist_generations
from govhall.workflow.models import WorkItem
from tests import factories
from tests.concurrency import run_concurrently

from .conftest import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def _generation(department_id: int) -> int:
    return dict(worklist_generations(department_ids=[department_id]))[department_id]


def _draft(applicant, item) -> Case:
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data={"shop_name": "店"})
    for requirement in item.materials.all():
        services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="a.pdf"
        )
    return case


def _bare_case(department, status: str = "submitted", **fields) -> Case:
    return Case.objects.create(
        department=department, status=status, applicant_kind="person", applicant_name="王芳", **fields
    )


def test_drafts_move_nothing_and_a_submission_moves_its_department(applicant, item):
    department_id = item.service_item.department_id
    before = _generation(department_id)
    case = _draft(applicant, item)
    services.case_draft_save(user=applicant, item_code="", form_data={"shop_name": "新店"}, case_id=case.pk)
    assert _generation(department_id) == before
    services.case_submit(user=applicant, case_id=case.pk)
    assert _generation(department_id) > before


def test_any_update_of_a_shown_case_moves_it_even_outside_the_services(applicant, item):
    case = _draft(applicant, item)
    services.case_submit(user=applicant, case_id=case.pk)
    department_id = case.department_id
    before = _generation(department_id)
    Case.objects.filter(pk=case.pk).update(overdue=True)  # as a sweep or an admin fix would
    assert _generation(department_id) > before


def test_moving_a_case_to_another_department_moves_both(department):
    other = factories.department("漳州市卫生健康局")
    case = _bare_case(department)
    before = (_generation(department.pk), _generation(other.pk))
    Case.objects.filter(pk=case.pk).update(department=other)
    after = (_generation(department.pk), _generation(other.pk))
    assert after[0] > before[0] and after[1] > before[1]


def test_a_process_step_moves_its_own_department(applicant, item, clerk):
    case = _draft(applicant, item)
    services.case_submit(user=applicant, case_id=case.pk)
    services.case_accept(actor=clerk, case_id=case.pk)
    step = WorkItem.objects.filter(subject=f"case:{case.pk}").first()
    assert step is not None
    before = _generation(step.department_id)
    WorkItem.objects.filter(pk=step.pk).update(claimed_by_id=None, title="审核（复核）")
    assert _generation(step.department_id) > before


def test_a_case_change_moves_the_departments_of_its_open_steps(applicant, item, clerk):
    """A process may route a step to another department; its staff see the case in 我的待办."""
    other = factories.department("漳州市卫生健康局")
    case = _draft(applicant, item)
    services.case_submit(user=applicant, case_id=case.pk)
    services.case_accept(actor=clerk, case_id=case.pk)
    WorkItem.objects.filter(subject=f"case:{case.pk}", status="open").update(department=other)
    before = _generation(other.pk)
    Case.objects.filter(pk=case.pk).update(overdue=True)
    assert _generation(other.pk) > before


def test_a_bundle_change_moves_the_departments_of_its_items(department):
    partner = factories.department("漳州市卫生健康局")
    bundle = _bare_case(department, kind="bundle")
    _bare_case(partner, kind="child", parent=bundle)
    before = _generation(partner.pk)
    Case.objects.filter(pk=bundle.pk).update(status="in_review")
    assert _generation(partner.pk) > before


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_generation_moves_at_commit_not_before(department):
    """Read inside the changing transaction itself (which sees its own writes): the counter has
    not moved yet — it moves when the transaction commits, as the deadlock argument needs."""
    case = _bare_case(department)
    before = _generation(department.pk)
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status="in_review")
        assert Case.objects.get(pk=case.pk).status == "in_review"
        inside = _generation(department.pk)
    assert inside == before
    assert _generation(department.pk) > before


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_crossed_transactions_over_two_departments_do_not_deadlock(department):
    partner = factories.department("漳州市卫生健康局")
    # each transaction changes a case of one department, then (once the other has changed
    # its first) a case of the other: counters locked as the rows change would deadlock
    plans = [
        (_bare_case(department).pk, _bare_case(partner).pk),
        (_bare_case(partner).pk, _bare_case(department).pk),
    ]
    halfway = threading.Barrier(2, timeout=10)
    take = threading.Lock()

    def work() -> str:
        with take:
            first, second = plans.pop()
        with transaction.atomic():
            Case.objects.filter(pk=first).update(status="in_review")
            halfway.wait()
            Case.objects.filter(pk=second).update(status="in_review")
        return "committed"

    before = (_generation(department.pk), _generation(partner.pk))
    assert run_concurrently(2, work) == ["committed", "committed"]
    assert _generation(department.pk) >= before[0] + 2 and _generation(partner.pk) >= before[1] + 2
