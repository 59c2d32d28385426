from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from govhall.cases.constants import CaseStatus
from govhall.cases.models import Case, CaseEvent, CaseMaterial, SupplementRequest, WorklistGeneration
from govhall.core.facade import CompiledQuery
from govhall.workflow import facade as workflow


def cases_for_applicant(*, user: Any) -> QuerySet[Case]:
    return (
        Case.objects.filter(applicant_user=user, parent__isnull=True)
        .select_related("item_version", "department")
        .order_by("-created_at")
    )


def cases_under_mandates(*, mandate_ids: Iterable[int]) -> QuerySet[Case]:
    """[mandates] Cases agents submitted under these mandates, for the principal's mandate page."""
    return (
        Case.objects.filter(mandate_id__in=list(mandate_ids))
        .exclude(status=CaseStatus.DRAFT)
        .select_related("item_version")
        .order_by("-submitted_at")
    )


def case_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).order_by("at", "id")


# What the API shows of a case's materials and timeline, after every case operation
# (compiled once per process: core/compiled.py).
MATERIAL_COLUMNS = ("id", "requirement_id", "source", "display_name", "content_type", "size", "sm3")
EVENT_COLUMNS = ("at", "kind", "from_status", "to_status", "note")
_MATERIAL_ROWS = CompiledQuery(
    lambda case_id: CaseMaterial.objects.filter(case_id=case_id).values_list(*MATERIAL_COLUMNS), params=(int,)
)
_TIMELINE_ROWS = CompiledQuery(
    lambda case_id: CaseEvent.objects.filter(case_id=case_id).order_by("at", "id").values_list(*EVENT_COLUMNS),
    params=(int,),
)


def case_material_rows(*, case_id: int) -> list[dict[str, Any]]:
    """The case's materials (``MATERIAL_COLUMNS``), in the order of the item's requirements."""
    return [dict(zip(MATERIAL_COLUMNS, row, strict=True)) for row in _MATERIAL_ROWS.fetch(case_id)]


def case_timeline_rows(*, case_id: int) -> list[dict[str, Any]]:
    """The case's timeline (``EVENT_COLUMNS``), oldest first."""
    return [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in _TIMELINE_ROWS.fetch(case_id)]


def department_cases(
    *, department_ids: Iterable[int], statuses: Iterable[str] | None = None, overdue_only: bool = False
) -> QuerySet[Case]:
    """A department's worklist view of cases (not drafts)."""
    qs = Case.objects.filter(department_id__in=list(department_ids)).exclude(status=CaseStatus.DRAFT)
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    if overdue_only:
        qs = qs.filter(overdue=True)
    return qs.select_related("item_version", "department").order_by("acceptance_due", "statutory_due", "pk")


def case_ids_with_open_work(*, user_id: int, pairs: Iterable[tuple[int, str]] | None = None) -> set[int]:
    """The ids of the cases behind ``cases_with_open_work`` (its count without another query).
    ``pairs``: the staff member's (department, role) pairs when the caller has them already."""
    subjects = (
        workflow.worklist_for_staff(user_id=user_id, pairs=pairs)
        .filter(subject__startswith="case:")
        .order_by()
        .values_list("subject", flat=True)
    )
    return {int(subject[5:]) for subject in subjects if subject[5:].isdigit()}


def _id_set(ids: set[int]) -> RawSQL:
    """``ids`` as one query parameter (an array on PostgreSQL, a JSON list on SQLite): a reviewer's
    我的待办 can hold thousands of cases, and thousands of ``IN (%s, …)`` placeholders cost more
    to build and send than the query costs to run (benchmarks/case_flow.py)."""
    values = sorted(int(i) for i in ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [values])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])


def cases_with_open_work(
    *, user_id: int, pairs: Iterable[tuple[int, str]] | None = None, case_ids: set[int] | None = None
) -> QuerySet[Case]:
    """我的待办: cases with an open process step the staff member may do — in any department where
    they hold that step's role, so a department reviewing a 一件事 in parallel sees the bundle
    case led by another department. Soonest statutory due date first. ``case_ids``: what
    ``case_ids_with_open_work`` gave the caller for this request already."""
    # A list of ids, not a subquery over the work items: PostgreSQL plans ``id IN (SELECT
    # CAST(...))`` as a parallel hash join over every case (3x the CPU with 2,500 open steps;
    # benchmarks/case_flow.py). The list as one array (``_id_set``) is planned as a nested loop
    # over the primary key (EXPLAIN ANALYZE with 2,454 ids: index lookups, 6.5 ms to count them).
    return (
        Case.objects.filter(
            pk__in=_id_set(case_ids_with_open_work(user_id=user_id, pairs=pairs) if case_ids is None else case_ids)
        )
        .select_related("item_version", "department", "bundle")
        .order_by(F("statutory_due").asc(nulls_last=True), "pk")
    )


def case_drafts_for_item(*, user: Any, version: Any) -> QuerySet[Case]:
    """The applicant's drafts for one item version, newest first (resume on any device)."""
    return Case.objects.filter(applicant_user=user, item_version=version, status=CaseStatus.DRAFT).order_by(
        "-updated_at"
    )


def case_open_supplement(*, case: Case) -> SupplementRequest | None:
    return SupplementRequest.objects.filter(case=case, responded_at__isnull=True).order_by("-requested_at").first()


WORKLIST_GENERATIONS_READ = "cases.worklist_generations"


def worklist_generations_sql(vendor: str, user_departments: str) -> str:
    """For ``accounts.hooks.session_reads``: the generations of the signed-in user's departments
    as ``department:value,…`` text, read with the session (no round trip of its own)."""
    aggregate = "string_agg" if vendor == "postgresql" else "group_concat"
    table = WorklistGeneration._meta.db_table
    return (
        f"SELECT {aggregate}(CAST(g.department_id AS TEXT) || ':' || CAST(g.value AS TEXT), ',') "  # noqa: S608
        f"FROM {table} g WHERE g.department_id IN {user_departments}"
    )


def worklist_generations(*, department_ids: Iterable[int], preloaded: str | None = None) -> tuple[tuple[int, int], ...]:
    """The worklist generation of each department (``WorklistGeneration``; 0 before its first
    change), in department order: equal tuples mean nothing the departments' worklists show has
    changed. ``preloaded``: what ``worklist_generations_sql`` read with the session ("" for none
    found), else one indexed read (raw SQL: it runs on every worklist request)."""
    ids = sorted({int(d) for d in department_ids})
    if not ids:
        return ()
    if preloaded is not None:
        found = {
            int(department): int(value)
            for department, _sep, value in (pair.partition(":") for pair in preloaded.split(",") if pair)
        }
        return tuple((d, found.get(d, 0)) for d in ids)
    table = WorklistGeneration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT department_id, value FROM {table} WHERE department_id IN ({', '.join(['%s'] * len(ids))})",  # noqa: S608 (placeholders only)
            ids,
        )
        found = dict(cursor.fetchall())
    return tuple((d, int(found.get(d, 0))) for d in ids)
