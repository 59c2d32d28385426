"""Races that only a real multi-connection database shows (PostgreSQL; SQLite serialises writers)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from govhall.core.audit import audit_verify
from govhall.core.contracts import SubjectRef
from govhall.core.errors import Conflict
from govhall.core.models import AuditEvent
from govhall.workflow.constants import ProcessStatus, WorkItemStatus
from govhall.workflow.models import ProcessInstance, WorkItem
from govhall.workflow.services import install_default_processes, process_start, work_item_complete
from tests import factories
from tests.concurrency import run_concurrently

from .conftest import SYSTEM, actor_of, staff_with

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


def test_ten_concurrent_completions_of_one_item_make_exactly_one():
    assert connection.vendor == "postgresql"
    install_default_processes(actor=SYSTEM)
    department = factories.department()
    reviewer = staff_with(department, "reviewer")
    process_start(
        actor=SYSTEM,
        subject=SubjectRef("case", "1"),
        process_key="single_department",
        data={"department_id": department.pk},
    )
    item = WorkItem.objects.get(subject="case:1")
    results = run_concurrently(
        10,
        lambda: work_item_complete(actor=actor_of(reviewer), work_item_id=item.pk, outcome={"opinion": "同意"}),
    )
    done = [r for r in results if isinstance(r, WorkItem)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(done) == 1 and len(conflicts) == 9, [r for r in results if not isinstance(r, WorkItem | Conflict)]
    assert {c.code for c in conflicts} == {"workflow.work_item_closed"}
    assert AuditEvent.objects.filter(action="workflow.work_item.complete").count() == 1
    assert list(WorkItem.objects.filter(subject="case:1").values_list("task_name", "status").order_by("id")) == [
        ("review", WorkItemStatus.COMPLETED),
        ("decide", WorkItemStatus.OPEN),
    ]
    assert ProcessInstance.objects.get(subject="case:1").revision == 1
    assert audit_verify().ok


def test_parallel_branches_completed_at_the_same_moment_all_count():
    install_default_processes(actor=SYSTEM)
    departments = [factories.department() for _ in range(5)]
    reviewers = {d.pk: staff_with(d, "reviewer") for d in departments}
    process_start(
        actor=SYSTEM,
        subject=SubjectRef("case", "1"),
        process_key="parallel_review",
        data={"departments": [d.pk for d in departments], "lead_department_id": departments[0].pk},
    )
    items = list(WorkItem.objects.filter(subject="case:1"))
    queue = list(items)
    lock = threading.Lock()

    def one() -> object:
        with lock:
            item = queue.pop()
        return work_item_complete(
            actor=actor_of(reviewers[item.department_id]), work_item_id=item.pk, outcome={"result": "pass"}
        )

    results = run_concurrently(len(items), one)
    assert all(isinstance(r, WorkItem) for r in results), results
    instance = ProcessInstance.objects.get(subject="case:1")
    assert (instance.status, instance.revision) == (ProcessStatus.RUNNING, 5)
    assert len(instance.data["reviews"]) == 5
    [decide] = WorkItem.objects.filter(subject="case:1", status=WorkItemStatus.OPEN)
    assert decide.task_name == "decide"
