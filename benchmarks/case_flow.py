"""Case-flow benchmark: submits, the staff worklist and the full lifecycle with 100,000 existing cases.

    .venv/bin/python benchmarks/case_flow.py [--cases 100000] [--clients 4] [--duration 10] [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/case_flow.py

1. Data (skipped with ``--reuse`` when the database already holds the cases): the catalogue of
   ``catalog_search.generate`` (240 departments of 漳州, ``--items`` published items with 2–4
   required materials each), the bundled process templates, 2,000 citizens, and ``--cases``
   cases written with ``bulk_create`` in batches of 5,000 inside transactions: departments
   weighted 1/rank (the busiest, 漳州市市场监督管理局, gets ~16 %), statuses as on a live platform
   (62 % completed, 12 % in review, 5 % submitted …, 3 % of those in review past their statutory
   limit), case numbers, deadlines, two timeline events per case, the supplied materials, and a
   process instance with its review and decision work items for every accepted case. No audit
   rows are generated for this history (the audit chain is hashed row by row).
   One 一件事 (bundle: a 市场监管 item + a 卫生健康 item, lead department 市场监管) and four
   staff members: ``bench_lead`` (window clerk, reviewer and decider of 漳州市市场监督管理局),
   ``bench_partner`` (reviewer of 漳州市卫生健康局) …; their sessions are written straight into
   the session store (no password or TOTP round trip), CSRF with a cookie/header pair.
2. HTTP, each run: the real server (``govhall serve --workers 2``, gunicorn sync workers,
   ``GOVHALL_BENCH_ENDPOINTS=1``) and ``--clients`` closed-loop client processes on the same
   machine, in alternating 5 s slices of ``--duration`` seconds per endpoint in all:
   (a) ``GET /api/v1/bench/ceiling`` — the framework ceiling;
   (b) ``POST /api/v1/cases/{id}/submit`` with an ``Idempotency-Key`` — each client a signed-in
       citizen submitting their own drafts (materials supplied, spread over all items), one each;
   (c) ``GET /workbench/cases/?tab=…`` — the worklist page of ``bench_lead`` (round robin over
       the 待受理, 我的待办, 审查中, 即将到期, 已超期 and 已办结 tabs), which the page cache
       (``workbench.page_cache``) serves while the departments' worklist generation stands still;
   then, on a second server with the page cache off (``GOVHALL_PAGE_CACHE_PAGES=0``), the same
   worklist requests for ``--duration`` seconds ("uncached": every request renders, as when
   each view follows a change in the department).
3. Lifecycle, each run (server stopped): ``--clients`` processes each drive bundle cases through
   the services the API and workbench call — ``case_bundle_submit`` → ``case_accept`` (clerk) →
   ``case_review`` by the reviewers of both departments (parallel_review) → ``case_decide`` — for
   ``--duration`` seconds, and report cases/s and the latency of each step.

Prints every run and the median of ``--runs`` runs. Budgets (cases issue): submit >= 30 % and
the worklist page >= 50 % of the ceiling's requests/s; p99 <= 300 ms.

    GOVHALL_VAR_DIR=/tmp/cf .venv/bin/python benchmarks/case_flow.py --keep          # data stays
    GOVHALL_VAR_DIR=/tmp/cf .venv/bin/python benchmarks/case_flow.py --reuse         # measure again
    ... --profile    # queries and time per request in-process (Django test client), then stop
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import multiprocessing
import os
import random
import secrets
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from _common import (
    Request,
    check,
    cpu_seconds,
    get,
    load,
    percentile,
    server,
    server_pids,
    setup_django,
    summarize,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

BUSY_DEPARTMENT = "漳州市市场监督管理局"
PARTNER_DEPARTMENT = "漳州市卫生健康局"
BUNDLE_CODE = "BENCHYJS0001"
CITIZENS = 2000
BATCH = 5000
WORKLIST_PATHS = [
    "/workbench/cases/",  # the clerk's default tab: 待受理
    "/workbench/cases/?tab=todo",
    "/workbench/cases/?tab=review",
    "/workbench/cases/?tab=due_soon",
    "/workbench/cases/?tab=overdue",
    "/workbench/cases/?tab=closed",
]
# status: share of all cases (a platform that has run for a year)
STATUS_MIX = {
    "completed": 62,
    "in_review": 12,
    "submitted": 5,
    "decided": 4,
    "draft": 5,
    "refused": 3,
    "withdrawn": 4,
    "supplement_requested": 2,
    "suspended": 1,
    "__overdue": 2,  # in review, past the statutory limit (flagged by the sweep)
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩然欣怡子涵梓轩雨泽"


# --- data -----------------------------------------------------------------------------------


def _supplied(case: Any, requirement: Any, user: Any = None) -> Any:
    """An uploaded PDF for ``requirement`` (the row only: no file is read in the benchmark)."""
    from govhall.cases.models import CaseMaterial

    return CaseMaterial(
        case=case,
        requirement=requirement,
        source="upload",
        file_key=f"materials/bench/{case.pk}-{requirement.pk}",
        display_name=f"{requirement.name[:100]}.pdf",
        content_type="application/pdf",
        size=180_000,
        sm3=hashlib.sha256(f"{case.pk}-{requirement.pk}".encode()).hexdigest(),  # 64 hex digits, like SM3
        uploaded_by=user,
    )


def _required(version: Any) -> list[Any]:
    """The required material requirements of an item version (prefetched)."""
    return [m for m in version.materials.all() if m.necessity == "required"]


def _citizens(count: int, rng: random.Random) -> list[Any]:
    from django.contrib.auth.hashers import make_password

    from govhall.accounts.constants import ID_NUMBER_CONTEXT
    from govhall.accounts.models import Person, User
    from govhall.core.crypto import blind_index, encrypt_text
    from govhall.core.identifiers import id_number_check_char, mask_id_number

    users = User.objects.bulk_create(
        [User(username=f"bench_c{n:05d}", kind="citizen", password=make_password(None)) for n in range(count)],
        batch_size=2000,
    )
    persons = []
    for n, user in enumerate(users):
        first17 = f"350602{1950 + n % 50}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
        number = first17 + id_number_check_char(first17)
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
        persons.append(
            Person(
                user=user,
                real_name=name,
                id_number_encrypted=encrypt_text(number, context=ID_NUMBER_CONTEXT),
                id_number_index=blind_index(number + str(n), context=ID_NUMBER_CONTEXT),
                id_number_masked=mask_id_number(number),
            )
        )
    Person.objects.bulk_create(persons, batch_size=2000)
    return list(Person.objects.filter(user__in=users).select_related("user"))


def _weights(departments: list[Any]) -> list[float]:
    """1/rank: prefecture departments first (the busiest is 漳州市市场监督管理局), then counties."""
    ranked = sorted(departments, key=lambda d: (d.name != BUSY_DEPARTMENT, not d.name.startswith("漳州市"), d.pk))
    rank = {d.pk: i + 1 for i, d in enumerate(ranked)}
    return [1.0 / rank[d.pk] for d in departments]


def generate(cases: int, items: int, seed: int = 20261123) -> None:
    """The catalogue, citizens and ``cases`` cases with their history (see the module docstring)."""
    import catalog_search
    from django.db import transaction
    from django.utils import timezone

    from govhall.accounts.models import Department
    from govhall.cases.models import Case, CaseEvent, CaseMaterial, CaseNumberCounter
    from govhall.catalog.models import ServiceItemVersion
    from govhall.core.contracts import Actor
    from govhall.workflow.models import ProcessInstance, WorkItem
    from govhall.workflow.services import install_default_processes

    started = time.perf_counter()
    catalog_search.generate(items)
    definitions = {d.key: d for d in install_default_processes(actor=Actor.system("bench"))}
    rng = random.Random(seed)
    persons = _citizens(CITIZENS, rng)
    departments = list(Department.objects.order_by("pk"))
    weights = _weights(departments)
    versions_by_department: dict[int, list[Any]] = {}
    for version in ServiceItemVersion.objects.select_related("service_item").prefetch_related("materials"):
        versions_by_department.setdefault(version.service_item.department_id, []).append(version)
    departments = [d for d in departments if d.pk in versions_by_department]
    weights = _weights(departments)
    statuses = list(STATUS_MIX)
    status_weights = list(STATUS_MIX.values())
    now = timezone.now()
    today = timezone.localdate()
    serials: dict[tuple[str, dt.date], int] = {}
    created = 0
    while created < cases:
        size = min(BATCH, cases - created)
        rows = []
        for _ in range(size):
            department = rng.choices(departments, weights)[0]
            version = rng.choice(versions_by_department[department.pk])
            status = rng.choices(statuses, status_weights)[0]
            overdue = status == "__overdue"
            status = "in_review" if overdue else status
            person = rng.choice(persons)
            open_case = status in ("submitted", "supplement_requested", "in_review", "suspended", "decided", "draft")
            age = rng.uniform(0, 25) if open_case else rng.uniform(20, 365)
            if overdue:
                age = rng.uniform(35, 60)
            created_at = now - dt.timedelta(days=age)
            fields: dict[str, Any] = {}
            if status != "draft":
                day = timezone.localtime(created_at).date()
                key = (version.service_item.code, day)
                serials[key] = serials.get(key, 0) + 1
                fields.update(
                    number=f"{key[0]}{day:%Y%m%d}{serials[key]:05d}",
                    submitted_at=created_at,
                    acceptance_due=day + dt.timedelta(days=7),
                )
            if status in ("in_review", "suspended", "decided", "completed"):
                accepted = created_at + dt.timedelta(days=rng.uniform(0.1, 4))
                accepted_day = timezone.localtime(accepted).date()
                fields.update(
                    accepted_at=accepted,
                    statutory_due=accepted_day + dt.timedelta(days=28),
                    promised_due=accepted_day + dt.timedelta(days=version.promised_limit * 7 // 5 + 1),
                    overdue=overdue,
                )
            if status in ("decided", "completed"):
                decided = fields["accepted_at"] + dt.timedelta(days=rng.uniform(0.5, 10))
                granted = rng.random() < 0.95
                fields.update(
                    decision="granted" if granted else "denied",
                    decision_reason="材料齐全，符合法定条件" if granted else "不符合法定条件",
                    decision_legal_basis="" if granted else "《中华人民共和国行政许可法》第三十八条",
                    decided_at=min(decided, now),
                )
                if status == "completed":
                    fields["completed_at"] = min(decided + dt.timedelta(days=1), now)
            if status == "refused":
                fields.update(
                    refusal_reason="申请事项依法不需要取得行政许可",
                    refusal_legal_basis="《中华人民共和国行政许可法》第三十二条",
                    completed_at=created_at + dt.timedelta(days=2),
                )
            if status == "withdrawn":
                fields["withdrawn_at"] = created_at + dt.timedelta(days=1)
            rows.append(
                Case(
                    item_version=version,
                    department_id=department.pk,
                    status=status,
                    applicant_kind="person",
                    applicant_user=person.user,
                    applicant_person=person,
                    applicant_name=person.real_name,
                    form_data={},
                    created_at=created_at,
                    updated_at=(
                        fields.get("completed_at")
                        or fields.get("withdrawn_at")
                        or fields.get("decided_at")
                        or fields.get("accepted_at")
                        or created_at
                    ),
                    **fields,
                )
            )
        with transaction.atomic(), _own_timestamps():
            written = Case.objects.bulk_create(rows)
            _history(written, definitions, today)
        created += size
        print(f"  {created:,} cases ({time.perf_counter() - started:.0f}s)", flush=True)
    # the counters the numbering service continues from (one per implementation code and day)
    CaseNumberCounter.objects.bulk_create(
        [CaseNumberCounter(prefix=f"{code}:{day:%Y%m%d}", value=value) for (code, day), value in serials.items()],
        batch_size=2000,
    )
    by_status = {s: Case.objects.filter(status=s).count() for s in ("submitted", "in_review", "completed")}
    print(
        f"generated {created:,} cases ({by_status}), {CaseEvent.objects.count():,} events, "
        f"{CaseMaterial.objects.count():,} materials, {ProcessInstance.objects.count():,} process instances, "
        f"{WorkItem.objects.count():,} work items in {time.perf_counter() - started:.0f}s"
    )


@contextlib.contextmanager
def _own_timestamps() -> Iterator[None]:
    """Let generated rows carry their own (past) creation and update times: switch off
    ``auto_now``/``auto_now_add`` of the case and event models meanwhile."""
    from govhall.cases.models import Case, CaseEvent

    fields = [Case._meta.get_field("created_at"), Case._meta.get_field("updated_at"), CaseEvent._meta.get_field("at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (now, add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = now, add


def _history(cases: list[Any], definitions: dict[str, Any], today: dt.date) -> None:
    """Timeline events, supplied materials, process instances and work items of ``cases``."""
    from govhall.cases.models import CaseEvent, CaseMaterial
    from govhall.workflow.models import ProcessInstance, WorkItem

    events, materials, instances = [], [], []
    for case in cases:
        events.append(CaseEvent(case=case, at=case.created_at, kind="draft", to_status="draft", actor_role="applicant"))
        if case.status != "draft":
            events.append(
                CaseEvent(
                    case=case,
                    at=case.updated_at,
                    kind="submit" if case.status == "submitted" else case.status,
                    from_status="draft",
                    to_status=case.status,
                    actor_role="applicant",
                )
            )
            materials += [_supplied(case, requirement) for requirement in _required(case.item_version)]
        if case.accepted_at is not None:
            finished = case.status in ("decided", "completed")
            instances.append(
                ProcessInstance(
                    subject=f"case:{case.pk}",
                    definition=definitions["single_department"],
                    status="completed" if finished else "running",
                    state="{}",  # history only: never driven by the engine
                    data={"department_id": case.department_id},
                    created_at=case.accepted_at,
                    updated_at=case.decided_at or case.accepted_at,
                    completed_at=case.decided_at if finished else None,
                )
            )
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    CaseMaterial.objects.bulk_create(materials, batch_size=2000)
    written = ProcessInstance.objects.bulk_create(instances, batch_size=2000)
    by_subject = {c.pk: c for c in cases}
    items = []
    for instance in written:
        case = by_subject[int(instance.subject.split(":")[1])]
        reviewed = case.status in ("decided", "completed") or (case.status == "in_review" and case.pk % 2 == 0)
        for task, role, done in (("review", "reviewer", reviewed), ("decide", "decider", case.decided_at is not None)):
            if task == "decide" and not reviewed:
                continue
            items.append(
                WorkItem(
                    instance=instance,
                    subject=instance.subject,
                    process_key="single_department",
                    task_id=f"bench-{case.pk}-{task}",
                    task_name=task,
                    title="审核" if task == "review" else "决定",
                    role=role,
                    department_id=case.department_id,
                    status="completed" if done else "open",
                    due_date=case.statutory_due,
                    created_at=case.accepted_at,
                    completed_at=(case.decided_at or case.accepted_at + dt.timedelta(hours=20)) if done else None,
                    outcome={"result": "pass"} if done else {},
                )
            )
    WorkItem.objects.bulk_create(items, batch_size=2000)


# --- people, sessions, drafts ---------------------------------------------------------------


def fixtures() -> dict[str, Any]:
    """The bundle and the staff members (created once; found again with ``--reuse``)."""
    from govhall.accounts.facade import role_grant, staff_create
    from govhall.accounts.models import Department, User
    from govhall.catalog.models import Bundle, BundleItem, ServiceItemVersion
    from govhall.core.contracts import Actor

    system = Actor.system("bench")
    busy = Department.objects.get(name=BUSY_DEPARTMENT)
    partner = Department.objects.get(name=PARTNER_DEPARTMENT)
    staff = {}
    for username, grants in (
        ("bench_lead", [(busy, "window_clerk"), (busy, "reviewer"), (busy, "decider")]),
        ("bench_partner", [(partner, "reviewer")]),
    ):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = staff_create(
                actor=system, username=username, display_name="基准测试员", password=secrets.token_hex(16)
            )
            for department, role in grants:
                role_grant(actor=system, user=user, department=department, role=role)
        staff[username] = user
    bundle = Bundle.objects.filter(code=BUNDLE_CODE).first()
    if bundle is None:
        bundle = Bundle.objects.create(
            code=BUNDLE_CODE, name="开办餐饮店一件事", lead_department=busy, statutory_limit=45, promised_limit=15
        )
        for order, department in enumerate((busy, partner)):
            version = (
                ServiceItemVersion.objects.filter(service_item__department=department, status="published")
                .order_by("pk")
                .first()
            )
            assert version is not None
            BundleItem.objects.create(bundle=bundle, service_item=version.service_item, sort_order=order)
    return {"busy": busy, "partner": partner, "bundle": bundle, **staff}


def session_headers(user: Any) -> dict[str, str]:
    """Cookie and CSRF headers of a new signed-in session of ``user`` (written to the session
    store as ``django.contrib.auth.login`` would, after both factors)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from govhall.accounts.facade import SESSION_BACKEND

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = SESSION_BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    csrf = secrets.token_hex(16)  # a 32-character CSRF secret, as the cookie holds it
    return {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}",
        "X-CSRFToken": csrf,
    }


def submit_drafts(persons: list[Any], per_person: int, rng: random.Random) -> dict[int, list[int]]:
    """Drafts with every required material supplied, ``per_person`` for each of ``persons``,
    for items of all departments (weighted like the history)."""
    from django.db import transaction

    from govhall.accounts.models import Department
    from govhall.cases.models import Case, CaseMaterial
    from govhall.catalog.models import ServiceItemVersion

    versions = list(
        ServiceItemVersion.objects.filter(status="published", online_application=True)
        .select_related("service_item")
        .prefetch_related("materials")
    )
    departments = {d.pk: d for d in Department.objects.all()}
    by_department: dict[int, list[Any]] = {}
    for version in versions:
        by_department.setdefault(version.service_item.department_id, []).append(version)
    keys = list(by_department)
    weights = _weights([departments[k] for k in keys])
    result: dict[int, list[int]] = {}
    with transaction.atomic():
        for person in persons:
            rows = []
            for _ in range(per_person):
                version = rng.choice(by_department[rng.choices(keys, weights)[0]])
                rows.append(
                    Case(
                        item_version=version,
                        department_id=version.service_item.department_id,
                        applicant_kind="person",
                        applicant_user=person.user,
                        applicant_person=person,
                        applicant_name=person.real_name,
                        form_data={},
                    )
                )
            drafts = Case.objects.bulk_create(rows, batch_size=2000)
            CaseMaterial.objects.bulk_create(
                [
                    _supplied(draft, requirement, person.user)
                    for draft in drafts
                    for requirement in _required(draft.item_version)
                ],
                batch_size=2000,
            )
            result[person.user.pk] = [d.pk for d in drafts]
    return result


def bundle_drafts(bundle: Any, persons: list[Any], per_person: int) -> dict[int, list[int]]:
    """Bundle drafts (the bundle case and one child per item, materials supplied)."""
    from django.db import transaction

    from govhall.cases.models import Case, CaseMaterial
    from govhall.catalog.facade import bundle_detail

    found = bundle_detail(code=bundle.code)
    assert found is not None
    _bundle, versions = found
    result: dict[int, list[int]] = {}
    with transaction.atomic():
        for person in persons:
            applicant = {
                "applicant_kind": "person",
                "applicant_user": person.user,
                "applicant_person": person,
                "applicant_name": person.real_name,
            }
            parents = Case.objects.bulk_create(
                [
                    Case(
                        kind="bundle", bundle=bundle, department_id=bundle.lead_department_id, form_data={}, **applicant
                    )
                    for _ in range(per_person)
                ]
            )
            children = Case.objects.bulk_create(
                [
                    Case(
                        kind="child",
                        parent=parent,
                        item_version=version,
                        department_id=version.service_item.department_id,
                        form_data={},
                        **applicant,
                    )
                    for parent in parents
                    for version in versions
                ]
            )
            CaseMaterial.objects.bulk_create(
                [
                    _supplied(child, requirement, person.user)
                    for child in children
                    for requirement in _required(child.item_version)
                ]
            )
            result[person.user.pk] = [p.pk for p in parents]
    return result


# --- in-process profile ----------------------------------------------------------------------


def profile(fx: dict[str, Any], persons: list[Any]) -> None:
    """Queries and time per request through Django's test client (no sockets)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from govhall.accounts.facade import SESSION_BACKEND

    staff = Client()
    staff.force_login(fx["bench_lead"], backend=SESSION_BACKEND)
    citizen = Client()
    citizen.force_login(persons[0].user, backend=SESSION_BACKEND)
    drafts = submit_drafts(persons[:1], 40, random.Random(7))[persons[0].user.pk]
    print("in-process (Django test client; median of 20 requests, queries of the last one):")
    from govhall.workbench import page_cache

    def uncached(path: str) -> Any:
        page_cache.clear()
        return staff.get(path)

    calls: list[tuple[str, Callable[[int], Any]]] = [
        ("ceiling", lambda _n: Client().get("/api/v1/bench/ceiling")),
        *[(f"{path} (cached)", lambda _n, path=path: staff.get(path)) for path in WORKLIST_PATHS],
        *[(path, lambda _n, path=path: uncached(path)) for path in WORKLIST_PATHS],
        (
            "submit",
            lambda n: citizen.post(f"/api/v1/cases/{drafts[n]}/submit", HTTP_IDEMPOTENCY_KEY=f"profile-{drafts[n]}"),
        ),
    ]
    for label, call in calls:
        timings = []
        for n in range(20):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = call(n)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (label, response.status_code, response.content[:300])
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        print(f"  {label:<36} {statistics.median(timings):7.2f} ms  {len(queries):3d} queries")
        for query in slowest:
            print(f"      {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")


# --- lifecycle (in-process, through the services) --------------------------------------------


def _lifecycle_worker(
    user_id: int, drafts: list[int], staff: dict[str, int], start_at: float, duration: float, out: Any
) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.config.settings")
    import django

    django.setup()
    from govhall.accounts.models import User
    from govhall.cases import facade as cases
    from govhall.core.contracts import Actor

    user = User.objects.get(pk=user_id)
    lead = staff["lead_user"]
    clerk = Actor(user_id=lead, role="window_clerk", department_id=staff["busy"])
    decider = Actor(user_id=lead, role="decider", department_id=staff["busy"])
    reviewers = {staff["busy"]: lead, staff["partner"]: staff["partner_user"]}
    steps: dict[str, list[float]] = {"submit": [], "accept": [], "review": [], "decide": [], "case": []}
    errors = 0
    first_error = ""
    exhausted = 0
    while time.time() < start_at:
        time.sleep(0.001)
    end = time.perf_counter() + duration
    for n, case_id in enumerate(drafts):
        if time.perf_counter() >= end:
            break
        try:
            t0 = time.perf_counter()
            cases.case_bundle_submit(user=user, case_id=case_id, idempotency_key=f"bench-bundle-{case_id}")
            t1 = time.perf_counter()
            cases.case_accept(actor=clerk, case_id=case_id)
            t2 = time.perf_counter()
            steps["submit"].append(t1 - t0)
            steps["accept"].append(t2 - t1)
            case = cases.case_get_for_staff(user=User.objects.get(pk=lead), case_id=case_id)
            reviews = [item for item in cases.open_items(case) if item.role == "reviewer"]
            assert len(reviews) == 2, reviews
            for item in reviews:
                t = time.perf_counter()
                cases.case_review(
                    actor=Actor(
                        user_id=reviewers[item.department_id], role="reviewer", department_id=item.department_id
                    ),
                    case_id=case_id,
                    work_item_id=item.pk,
                    opinion="材料齐全，符合条件",
                    recommendation="approve",
                )
                steps["review"].append(time.perf_counter() - t)
            t = time.perf_counter()
            cases.case_decide(actor=decider, case_id=case_id, decision="granted", reason="符合法定条件，准予许可")
            steps["decide"].append(time.perf_counter() - t)
            steps["case"].append(time.perf_counter() - t0)
        except Exception as error:  # report, go on with the next case
            errors += 1
            first_error = first_error or f"case {case_id}: {error!r}"
        if n == len(drafts) - 1:
            exhausted = 1
    out.put((steps, errors, exhausted, first_error))


def lifecycle(plans: dict[int, list[int]], staff: dict[str, int], duration: float) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.time() + 4.0  # django.setup() in each process
    procs = [
        ctx.Process(target=_lifecycle_worker, args=(user_id, drafts, staff, start_at, duration, queue))
        for user_id, drafts in plans.items()
    ]
    for proc in procs:
        proc.start()
    steps: dict[str, list[float]] = {}
    errors = exhausted = 0
    first_error = ""
    for _ in procs:
        part, part_errors, part_exhausted, part_first = queue.get()
        for name, values in part.items():
            steps.setdefault(name, []).extend(values)
        errors += part_errors
        exhausted += part_exhausted
        first_error = first_error or part_first
    for proc in procs:
        proc.join()
    result: dict[str, Any] = {"cases_per_s": len(steps["case"]) / duration, "errors": errors}
    for name, values in steps.items():
        ordered = sorted(values)
        result[f"{name}_p50"] = percentile(ordered, 0.5) * 1000
        result[f"{name}_p99"] = percentile(ordered, 0.99) * 1000
    if exhausted:
        print(f"  WARNING: {exhausted} lifecycle workers ran out of drafts (raise --lifecycle-pool)")
    if first_error:
        print(f"  lifecycle errors: {errors}; first: {first_error}")
    return result


# --- HTTP ------------------------------------------------------------------------------------


def http_run(
    env: dict[str, str],
    args: argparse.Namespace,
    citizen_headers: dict[int, dict[str, str]],
    staff_headers: dict[str, str],
    drafts: list[dict[int, list[int]]],
    run: int,
) -> dict[str, dict[str, float]]:
    ceiling_plan = [[get("/api/v1/bench/ceiling")] for _ in range(args.clients)]
    worklist = [Request("GET", path, {"Accept": "text/html", **staff_headers}) for path in WORKLIST_PATHS]
    worklist_plan = [worklist[n % len(worklist) :] + worklist[: n % len(worklist)] for n in range(args.clients)]

    def submit_plan(pool: dict[int, list[int]]) -> list[list[Request]]:
        return [
            [
                Request(
                    "POST",
                    f"/api/v1/cases/{case_id}/submit",
                    {
                        **citizen_headers[user_id],
                        "Idempotency-Key": f"bench-{run}-{case_id}",
                        "Accept": "application/json",
                    },
                    b"",
                )
                for case_id in case_ids
            ]
            for user_id, case_ids in pool.items()
        ]

    measured: dict[str, list[Any]] = {name: [[], 0, 0.0] for name in ("ceiling", "submit", "worklist", "uncached")}
    slices = len(drafts)
    seconds = args.duration / slices
    with server(env, args.workers) as (port, master):
        for request in [*ceiling_plan[0], *worklist]:
            check(port, request)
        load(port, [*ceiling_plan, *worklist_plan], 3.0)  # warm-up: connections, templates
        for pool in drafts:
            for name, plan, cycle in (
                ("ceiling", ceiling_plan, True),
                ("submit", submit_plan(pool), False),
                ("worklist", worklist_plan, True),
            ):
                pids = server_pids(master, env)
                before = cpu_seconds(pids)
                result = load(port, plan, seconds, cycle=cycle)
                measured[name][2] += cpu_seconds(pids) - before
                measured[name][0] += result.latencies
                measured[name][1] += result.errors
                if result.exhausted:
                    print(f"  WARNING: {result.exhausted} {name} clients ran out of drafts (raise --submit-pool)")
                if result.errors:
                    print(f"  {name}: {result.errors} errors; first: {result.first_error}")
    # The same worklist requests with the page cache off (GOVHALL_PAGE_CACHE_PAGES=0): every
    # request renders, as when every view follows a change in the department.
    with server({**env, "GOVHALL_PAGE_CACHE_PAGES": "0"}, args.workers) as (port, master):
        load(port, worklist_plan, 2.0)  # warm-up
        pids = server_pids(master, env)
        before = cpu_seconds(pids)
        result = load(port, worklist_plan, args.duration)
        measured["uncached"][2] += cpu_seconds(pids) - before
        measured["uncached"][0] += result.latencies
        measured["uncached"][1] += result.errors
    results = {}
    for name, (latencies, errors, cpu) in measured.items():
        results[name] = summarize(latencies, errors, args.duration)
        results[name]["cpu_ms"] = cpu / max(len(latencies), 1) * 1000
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="existing cases to generate")
    parser.add_argument("--items", type=int, default=2_400, help="published service items to generate")
    parser.add_argument("--clients", type=int, default=4, help="concurrent closed-loop clients / lifecycle processes")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint and run (5 s slices)")
    parser.add_argument("--runs", type=int, default=3, help="runs; the median is reported")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--submit-pool", type=int, default=250, help="drafts per client and 5 s slice")
    parser.add_argument("--lifecycle-pool", type=int, default=150, help="bundle drafts per process and run")
    parser.add_argument("--no-lifecycle", action="store_true", help="skip the lifecycle phase")
    parser.add_argument("--profile", action="store_true", help="only the in-process profile (queries per request)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (SQLite database)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the cases already in GOVHALL_VAR_DIR's / DATABASE_URL's database"
    )
    args = parser.parse_args()
    tmp = setup_django(parser, args, "govhall-bench-cases-")
    from django.db import connection

    from govhall.accounts.models import Person
    from govhall.cases.models import Case

    print(
        f"database: {connection.vendor}; clients: {args.clients}; workers: {args.workers}; cpus: {os.cpu_count()}; "
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    existing = Case.objects.count()
    if args.reuse and existing:
        print(f"reusing the {existing:,} cases already in the database")
    else:
        generate(args.cases, args.items)
    if connection.vendor == "postgresql":
        # the statistics autovacuum keeps in a running deployment (a fresh bulk load has none yet);
        # SQLite is measured without ANALYZE, as the embedded deployment runs it
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    fx = fixtures()
    rng = random.Random()
    persons: list[Any] = list(
        Person.objects.filter(user__username__startswith="bench_c").select_related("user").order_by("pk")
    )
    if args.profile:
        profile(fx, persons)
        return
    clients = persons[: args.clients]
    staff_ids = {
        "lead_user": fx["bench_lead"].pk,
        "partner_user": fx["bench_partner"].pk,
        "busy": fx["busy"].pk,
        "partner": fx["partner"].pk,
    }
    runs: list[dict[str, dict[str, float]]] = []
    cycles: list[dict[str, Any]] = []
    env = os.environ.copy()
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        slices = max(1, round(args.duration / 5))
        drafts = [submit_drafts(clients, args.submit_pool, rng) for _ in range(slices)]
        citizen_headers = {p.user.pk: session_headers(p.user) for p in clients}
        staff_headers = session_headers(fx["bench_lead"])
        lifecycle_drafts = {} if args.no_lifecycle else bundle_drafts(fx["bundle"], clients, args.lifecycle_pool)
        print(
            f"run {run}: {Case.objects.count():,} cases in the database (drafts prepared in "
            f"{time.perf_counter() - started:.1f}s); load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        connection.close()
        runs.append(http_run(env, args, citizen_headers, staff_headers, drafts, run))
        _print_http(runs[-1])
        if not args.no_lifecycle:
            cycles.append(lifecycle(lifecycle_drafts, staff_ids, args.duration))
            _print_lifecycle(cycles[-1])

    print(
        f"\nmedian of {args.runs} runs — {Case.objects.filter(~_draft()).count():,} non-draft cases, "
        f"{args.clients} clients, {args.duration:.0f}s per endpoint and run; load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    median = {name: {key: statistics.median(r[name][key] for r in runs) for key in runs[0][name]} for name in runs[0]}
    ratios = {name: statistics.median(r[name]["rps"] / r["ceiling"]["rps"] for r in runs) for name in runs[0]}
    _print_http(median, ratios)
    for name, budget in (("submit", 0.30), ("worklist", 0.50)):
        verdict = "met" if ratios[name] >= budget else "MISSED"
        p99 = median[name]["p99"]
        print(
            f"{name}: {ratios[name]:.0%} of the ceiling's req/s (budget >= {budget:.0%}: {verdict}); "
            f"p99 {p99:.0f} ms (budget <= 300 ms: {'met' if p99 <= 300 else 'MISSED'})"
        )
    if cycles:
        print("lifecycle (median of runs):")
        _print_lifecycle({key: statistics.median(c[key] for c in cycles) for key in cycles[0]})
    if tmp and not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


def _draft() -> Any:
    from django.db.models import Q

    return Q(status="draft")


def _print_http(results: dict[str, dict[str, float]], ratios: dict[str, float] | None = None) -> None:
    print(
        f"  {'endpoint':<10} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6} "
        f"{'CPU ms/req':>10} {'÷ ceiling':>9}"
    )
    for name, r in results.items():
        ratio = (ratios or {}).get(name, r["rps"] / results["ceiling"]["rps"])
        print(
            f"  {name:<10} {r['rps']:>7.0f} {r['p50']:>7.1f} {r['p90']:>7.1f} {r['p99']:>7.1f} {r['max']:>7.0f} "
            f"{int(r['errors']):>6} {r['cpu_ms']:>10.2f} {ratio:>9.0%}"
        )


def _print_lifecycle(result: dict[str, Any]) -> None:
    steps = "; ".join(
        f"{name} p50 {result[f'{name}_p50']:.0f} / p99 {result[f'{name}_p99']:.0f} ms"
        for name in ("submit", "accept", "review", "decide", "case")
        if f"{name}_p50" in result
    )
    print(f"  lifecycle: {result['cases_per_s']:.1f} cases/s ({int(result['errors'])} errors); {steps}")


if __name__ == "__main__":
    main()
