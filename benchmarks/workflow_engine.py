"""Workflow benchmark: parallel-review instances per second (start + every task completed).

    .venv/bin/python benchmarks/workflow_engine.py [--instances 300] [--departments 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/workflow_engine.py

Three figures for the ``parallel_review`` template with N departments (N review items + 1
decision item per instance):

- engine only: SpiffWorkflow in memory with a JSON round trip of the state between steps, as the
  services do (the ceiling for this engine);
- services: ``process_start`` + ``work_item_complete`` for every item, each its own transaction
  with authorisation, row lock, audit event and worklist rows — what a deployment gets per core;
- the latency of one ``work_item_complete`` (median and p99).

Uses a fresh SQLite database in a temporary directory unless DATABASE_URL is set (then that
database should be empty; migrations run in it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=300)
    parser.add_argument("--departments", type=int, default=3)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="govhall-bench-")
    os.environ.setdefault("GOVHALL_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from govhall.accounts.facade import department_create, region_import, role_grant, staff_create
    from govhall.core.contracts import Actor, SubjectRef
    from govhall.core.identifiers import make_credit_code
    from govhall.workflow import engine
    from govhall.workflow.models import ProcessInstance, WorkItem
    from govhall.workflow.services import install_default_processes, process_start, work_item_complete

    call_command("migrate", verbosity=0)
    system = Actor.system("bench")
    definitions = {d.key: d for d in install_default_processes(actor=system)}
    definition = definitions["parallel_review"]
    region_import(rows=[("350000", "福建省", "province", ""), ("350600", "漳州市", "prefecture", "350000")])
    departments = []
    reviewers = {}
    for index in range(args.departments):
        department = department_create(
            actor=system,
            name=f"基准测试局{index}",
            credit_code=make_credit_code("1", "1", "350600", f"{90000000 + index:08d}"),
            region_code="350600",
        )
        departments.append(department)
        user = staff_create(actor=system, username=f"bench_reviewer_{index}", display_name="审核员", password="x" * 16)
        role_grant(actor=system, user=user, department=department, role="reviewer")
        reviewers[department.pk] = Actor(user_id=user.pk, role="reviewer", department_id=department.pk)
    decider_user = staff_create(actor=system, username="bench_decider", display_name="审批员", password="x" * 16)
    role_grant(actor=system, user=decider_user, department=departments[0], role="decider")
    decider = Actor(user_id=decider_user.pk, role="decider", department_id=departments[0].pk)
    data = {"departments": [d.pk for d in departments], "lead_department_id": departments[0].pk}

    # Engine only (in memory, JSON round trip per step).
    specs = engine.load_specs(definition.spec_digest, definition.spec_json)
    started = time.perf_counter()
    state = ""
    for _ in range(args.instances):
        workflow = engine.new_workflow(specs, data)
        engine.run_engine(workflow)
        state = engine.dump_workflow(workflow)
        while True:
            workflow = engine.restore_workflow(specs, state)
            ready = engine.ready_user_tasks(workflow)
            if not ready:
                break
            engine.complete_user_task(workflow, ready[0].task_id, {"decision": "grant"}, department_id=1)
            engine.run_engine(workflow)
            state = engine.dump_workflow(workflow)
    engine_seconds = time.perf_counter() - started

    # Through the services.
    latencies: list[float] = []
    started = time.perf_counter()
    for number in range(args.instances):
        subject = SubjectRef("case", str(number + 1))
        process_start(actor=system, subject=subject, process_key="parallel_review", data=data)
        for item in list(WorkItem.objects.filter(subject=str(subject), status="open")):
            t0 = time.perf_counter()
            work_item_complete(actor=reviewers[item.department_id], work_item_id=item.pk, outcome={"result": "pass"})
            latencies.append(time.perf_counter() - t0)
        decide = WorkItem.objects.get(subject=str(subject), status="open")
        t0 = time.perf_counter()
        work_item_complete(actor=decider, work_item_id=decide.pk, outcome={"decision": "grant", "reason": "同意"})
        latencies.append(time.perf_counter() - t0)
    service_seconds = time.perf_counter() - started
    completed = ProcessInstance.objects.filter(status="completed").count()
    assert completed == args.instances, completed

    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    sample = ProcessInstance.objects.order_by("-id").first()
    assert sample is not None
    print(f"database: {connection.vendor}; parallel_review with {args.departments} departments")
    print(f"spec: {len(definition.spec_json):,} bytes once per version; instance state: {len(sample.state):,} bytes")
    print(
        f"engine only: {args.instances} instances in {engine_seconds:.2f}s = "
        f"{args.instances / engine_seconds:,.0f} instances/s"
    )
    print(
        f"services:    {args.instances} instances in {service_seconds:.2f}s = "
        f"{args.instances / service_seconds:,.1f} instances/s "
        f"({len(latencies) / service_seconds:,.0f} work items completed/s)"
    )
    print(f"work_item_complete: median {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
