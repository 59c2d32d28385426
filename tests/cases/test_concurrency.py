"""Races that only a real multi-connection database shows (PostgreSQL; SQLite serialises writers)."""

from __future__ import annotations

import io
import threading

import pytest
from django.db import connection

from govhall.cases import services
from govhall.cases.models import Case
from govhall.core.audit import audit_verify
from govhall.core.errors import Conflict
from govhall.core.models import AuditEvent
from tests.concurrency import run_concurrently

from .conftest import PDF

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


def _in_review_case(applicant, item, clerk) -> Case:
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data={"shop_name": "店"})
    for requirement in item.materials.all():
        services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="a.pdf"
        )
    services.case_submit(user=applicant, case_id=case.pk)
    return services.case_accept(actor=clerk, case_id=case.pk)


def test_fifty_concurrent_decisions_make_exactly_one(applicant, item, clerk, decider, review_done):
    assert connection.vendor == "postgresql"
    case = _in_review_case(applicant, item, clerk)
    review_done(case.pk)
    results = run_concurrently(
        50, lambda: services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合法定条件")
    )
    decided = [r for r in results if isinstance(r, Case)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(decided) == 1 and len(conflicts) == 49, [type(r) for r in results if not isinstance(r, Case | Conflict)]
    assert AuditEvent.objects.filter(action="case.decide").count() == 1
    assert audit_verify().ok


def test_twenty_concurrent_submits_with_one_key_make_one_case(applicant, item):
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data={"shop_name": "店"})
    for requirement in item.materials.all():
        services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="a.pdf"
        )
    results = run_concurrently(
        20, lambda: services.case_submit(user=applicant, case_id=case.pk, idempotency_key="same-key-0001")
    )
    assert all(isinstance(r, Case) for r in results), results
    assert {r.number for r in results if isinstance(r, Case)} == {Case.objects.get(pk=case.pk).number}
    assert AuditEvent.objects.filter(action="case.submit").count() == 1


def test_case_numbers_are_unique_under_concurrency(applicant, item):
    drafts = []
    for _ in range(10):
        draft = services.case_draft_save(
            user=applicant, item_code=item.service_item.code, form_data={"shop_name": "店"}
        )
        for requirement in item.materials.all():
            services.case_material_upload(
                user=applicant,
                case_id=draft.pk,
                requirement_id=requirement.pk,
                stream=io.BytesIO(PDF),
                filename="a.pdf",
            )
        drafts.append(draft.pk)
    queue = list(drafts)
    take = threading.Lock()

    def submit_next():
        with take:
            case_id = queue.pop()
        return services.case_submit(user=applicant, case_id=case_id)

    results = run_concurrently(10, submit_next)
    numbers = [r.number for r in results if isinstance(r, Case)]
    assert len(numbers) == 10 and len(set(numbers)) == 10
