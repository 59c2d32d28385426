"""Reads for the workflow app: worklists, a subject's process and work items, definitions."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet

from govhall.accounts.facade import UserKind, role_pairs
from govhall.core.contracts import SubjectRef
from govhall.core.facade import CompiledQuery
from govhall.workflow.constants import ProcessStatus, WorkItemStatus
from govhall.workflow.contracts import DefinitionInfo, RuleTrace, WorkItemInfo
from govhall.workflow.models import ProcessDefinition, ProcessInstance, WorkItem

_DEFINITION_TEXT = ("bpmn_xml", "dmn_xml", "spec_json")


def _ordered(qs: QuerySet[WorkItem]) -> QuerySet[WorkItem]:
    return qs.order_by(F("due_date").asc(nulls_last=True), "created_at", "id")


def worklist(
    *, department_ids: Iterable[int], roles: Iterable[str], status: str = WorkItemStatus.OPEN
) -> QuerySet[WorkItem]:
    """Work items of any of ``department_ids`` for any of ``roles`` (soonest due first).

    For one person, prefer ``worklist_for_staff``: it pairs each department with the roles held
    *there*, where this function takes the cross product.
    """
    return _ordered(
        WorkItem.objects.filter(department_id__in=list(department_ids), role__in=list(roles), status=status)
    )


def worklist_for_staff(
    *,
    user_id: int,
    status: str = WorkItemStatus.OPEN,
    claimed_only: bool = False,
    pairs: Iterable[tuple[int, str]] | None = None,
) -> QuerySet[WorkItem]:
    """The work items an active staff member may do: each (department, role) they hold.
    ``claimed_only`` limits it to the items they claimed (我的待办). ``pairs``: the member's
    (department, role) pairs, when the caller has loaded them for this request (the caller
    vouches that ``user_id`` is an active staff member)."""
    if pairs is None:
        user = get_user_model().objects.filter(pk=user_id, is_active=True, kind=UserKind.STAFF).first()
        if user is None:
            return WorkItem.objects.none()
        pairs = role_pairs(user=user)
    pairs = set(pairs)
    if not pairs:
        return WorkItem.objects.none()
    allowed = Q()
    for department_id, role in sorted(pairs):
        allowed |= Q(department_id=department_id, role=role)
    qs = WorkItem.objects.filter(allowed, status=status)
    if claimed_only:
        qs = qs.filter(claimed_by_id=user_id)
    return _ordered(qs)


def _subject_text(subject: SubjectRef | str) -> str:
    return str(subject)


# Both are read by every review and decision of a case: compiled once per process (core/compiled.py).
_WORK_ITEMS = CompiledQuery(
    lambda subject: WorkItem.objects.filter(subject=subject).order_by("created_at", "id"), params=(str,)
)
_INSTANCE = CompiledQuery(
    lambda subject: (
        ProcessInstance.objects.filter(subject=subject)
        .select_related("definition")
        .defer("state", *(f"definition__{name}" for name in _DEFINITION_TEXT))
        .order_by("pk")
    ),
    params=(str,),
)


def work_items_for(subject: SubjectRef | str) -> list[WorkItem]:
    """Every work item of ``subject``'s process, oldest first (the case's review history)."""
    items: list[WorkItem] = _WORK_ITEMS.fetch(_subject_text(subject))
    return items


def instance_for(subject: SubjectRef | str) -> ProcessInstance | None:
    """The subject's process instance (without its engine state), or None."""
    return _INSTANCE.first(_subject_text(subject))


def rule_traces_for(subject: SubjectRef | str) -> tuple[RuleTrace, ...]:
    """The DMN rule traces recorded for the subject (empty if none ran)."""
    traces = (
        ProcessInstance.objects.filter(subject=_subject_text(subject)).values_list("rule_traces", flat=True).first()
    )
    return tuple(RuleTrace.from_dict(trace) for trace in traces or ())


def running_instances(*, process_key: str | None = None) -> QuerySet[ProcessInstance]:
    qs = ProcessInstance.objects.filter(status__in=[ProcessStatus.RUNNING, ProcessStatus.ERROR]).defer("state")
    if process_key:
        qs = qs.filter(definition__key=process_key)
    return qs.order_by("created_at", "id")


def process_definition_latest(key: str) -> ProcessDefinition | None:
    """The newest version of ``key`` (without its file texts), or None."""
    return ProcessDefinition.objects.filter(key=key).defer(*_DEFINITION_TEXT).order_by("-version").first()


def process_definition_get(*, key: str, version: int | None = None) -> ProcessDefinition | None:
    """One version with its BPMN/DMN texts (for the bpmn-js viewer), the newest if ``version`` is None."""
    qs = ProcessDefinition.objects.filter(key=key).defer("spec_json")
    if version is not None:
        return qs.filter(version=version).first()
    return qs.order_by("-version").first()


def process_definitions(*, latest_only: bool = True) -> list[DefinitionInfo]:
    """Installed processes (newest version of each key, or every version), by key."""
    rows = ProcessDefinition.objects.defer(*_DEFINITION_TEXT).order_by("key", "-version")
    seen: set[str] = set()
    result = []
    for row in rows:
        if latest_only and row.key in seen:
            continue
        seen.add(row.key)
        result.append(definition_info(row))
    return result


def definition_info(definition: ProcessDefinition) -> DefinitionInfo:
    return DefinitionInfo(
        id=definition.pk,
        key=definition.key,
        version=definition.version,
        name=definition.name,
        user_tasks=tuple(definition.user_tasks),
        decisions=dict(definition.decisions),
        created_at=definition.created_at,
    )


def work_item_info(item: WorkItem) -> WorkItemInfo:
    return WorkItemInfo(
        id=item.pk,
        subject=item.subject,
        process_key=item.process_key,
        task_name=item.task_name,
        title=item.title,
        role=item.role,
        department_id=item.department_id,
        status=item.status,
        due_date=item.due_date,
        created_at=item.created_at,
        claimed_by_id=item.claimed_by_id,
        completed_by_id=item.completed_by_id,
        completed_at=item.completed_at,
        outcome=dict(item.outcome or {}),
    )
