"""Writes for the workflow app: install process versions, start, advance and cancel instances.

Every state change runs in one transaction with an audit event (on the case's subject, so the
case's audit trail shows its route) and fires the ``hooks`` callbacks inside that transaction.
Completing a work item locks its instance row (``select_for_update``; SQLite's IMMEDIATE
transactions serialise writers anyway), then closes the item with a compare-and-set on its
status, so of two people completing the same item exactly one succeeds and the other gets a
``Conflict`` that changed nothing.

The caller (the cases app) decides who may start or cancel a case's process; who may complete a
work item is decided here, from the staff member's role assignments (see ``access``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts.facade import department_list
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    RESULT_FAILED,
    CompiledCompareAndSet,
    CompiledQuery,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    audit_record,
)
from govhall.workflow import engine, hooks
from govhall.workflow.access import require_process_admin, work_item_get_for_staff
from govhall.workflow.constants import (
    BUNDLED_DIR,
    BUNDLED_PROCESSES,
    DECISIONS,
    MAX_DATA_BYTES,
    MAX_NAME_LENGTH,
    VARIABLE_RE,
    ProcessStatus,
    WorkItemStatus,
)
from govhall.workflow.contracts import RuleTrace
from govhall.workflow.models import ProcessDefinition, ProcessInstance, WorkItem
from govhall.workflow.selectors import work_item_info

logger = logging.getLogger(__name__)

ACTIVE_STATUSES = (ProcessStatus.RUNNING, ProcessStatus.ERROR)
_DEFINITION_HEAVY = ("bpmn_xml", "dmn_xml", "spec_json", "user_tasks", "decisions")


# -- helpers -------------------------------------------------------------------------------------


def _subject_text(subject: SubjectRef | str) -> str:
    try:
        return str(subject if isinstance(subject, SubjectRef) else SubjectRef.parse(subject))
    except (ValueError, TypeError):
        raise ValidationFailed(_("办理对象标识不正确。"), code="workflow.subject_invalid", field="subject") from None


def _check_data(value: Any, *, field: str) -> dict[str, Any]:
    """A JSON-only copy of start data or an outcome; raises ``ValidationFailed``."""
    if not isinstance(value, Mapping):
        raise ValidationFailed(_("数据格式不正确，应为键值对象。"), code="workflow.data_invalid", field=field)
    for key in value:
        if not isinstance(key, str) or not VARIABLE_RE.match(key):
            raise ValidationFailed(
                _("数据项名称“%(name)s”不合法：只能使用字母、数字和下划线，并以字母开头。"),
                code="workflow.data_key_invalid",
                field=field,
                params={"name": str(key)[:64]},
            )
    try:
        text = json.dumps(dict(value), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("数据中含有无法保存的值，只能使用文字、数字、是/否、列表和对象。"),
            code="workflow.data_invalid",
            field=field,
        ) from None
    if len(text.encode("utf-8")) > MAX_DATA_BYTES:
        raise ValidationFailed(_("数据过大（超过 64 KB），请精简后重试。"), code="workflow.data_too_large", field=field)
    result: dict[str, Any] = json.loads(text)
    return result


def _specs_for(definition: ProcessDefinition) -> engine.Specs:
    def fetch() -> str:
        return ProcessDefinition.objects.values_list("spec_json", flat=True).get(pk=definition.pk)

    return engine.load_specs(definition.spec_digest, fetch)


def _definition_light(pk: int) -> ProcessDefinition:
    return ProcessDefinition.objects.only("id", "key", "version", "name", "spec_digest").get(pk=pk)


# Every completed work item runs these: compiled once per process (core/compiled.py).
# Lock only the instance row (not its definition, which every instance of the version shares).
_INSTANCE_LOCKED = CompiledQuery(
    lambda instance_id: (
        ProcessInstance.objects.select_for_update(of=("self",))
        .select_related("definition")
        .defer(*(f"definition__{name}" for name in _DEFINITION_HEAVY))
        .filter(pk=instance_id)
    ),
    params=(int,),
)
_OPEN_TASK_IDS = CompiledQuery(
    lambda instance_id: WorkItem.objects.filter(instance_id=instance_id, status=WorkItemStatus.OPEN).values_list(
        "task_id"
    ),
    params=(int,),
)
# Every case acceptance starts a process with these.
_NEWEST_DEFINITION = CompiledQuery(
    lambda key: (
        ProcessDefinition.objects.filter(key=key)
        .only("id", "key", "version", "name", "spec_digest")
        .order_by("-version")
    ),
    params=(str,),
)
_SUBJECT_HAS_INSTANCE = CompiledQuery(
    lambda subject: ProcessInstance.objects.filter(subject=subject).values_list("pk")[:1], params=(str,)
)
_ITEM_STATUS_CAS = CompiledCompareAndSet(WorkItem, "status")
_INSTANCE_REVISION_CAS = CompiledCompareAndSet(ProcessInstance, "revision")


def _department_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str) and value.isdigit() and int(value) > 0:
        return int(value)
    return None


def _sync_work_items(instance: ProcessInstance, workflow: Any, *, fresh: bool = False) -> list[WorkItem]:
    """Create a work item for each READY user task that has none; cancel open items whose task
    the engine withdrew. Raises ``EngineError`` for a task without a valid, active department."""
    ready = engine.ready_user_tasks(workflow)
    open_ids: set[str] = set() if fresh else {task_id for (task_id,) in _OPEN_TASK_IDS.fetch(instance.pk)}
    stale = open_ids - {task.task_id for task in ready}
    if stale:
        WorkItem.objects.filter(instance=instance, status=WorkItemStatus.OPEN, task_id__in=stale).update(
            status=WorkItemStatus.CANCELLED
        )
    new = [task for task in ready if task.task_id not in open_ids]
    if not new:
        return []
    departments: dict[str, int] = {}
    for task in new:
        department_id = _department_id(task.department_id)
        if department_id is None:
            raise engine.EngineError(
                f"task {task.task_name} has no valid department id",
                message=_("流程环节“%(task)s”缺少办理部门：请在流程数据中提供部门编号。") % {"task": task.title},
            )
        departments[task.task_id] = department_id
    active = set(department_list().filter(pk__in=set(departments.values())).values_list("pk", flat=True))
    for task in new:
        if departments[task.task_id] not in active:
            raise engine.EngineError(
                f"department {departments[task.task_id]} of task {task.task_name} is unknown or inactive",
                message=_("流程环节“%(task)s”的办理部门不存在或已停用。") % {"task": task.title},
            )
    now = timezone.now()
    return WorkItem.objects.bulk_create(
        [
            WorkItem(
                instance=instance,
                subject=instance.subject,
                process_key=instance.definition.key,
                task_id=task.task_id,
                task_name=task.task_name[:100],
                title=task.title,
                role=task.role,
                department_id=departments[task.task_id],
                due_date=engine.parse_due_date(task.due_date),
                created_at=now,
            )
            for task in new
        ]
    )


def _fire_after_step(
    instance: ProcessInstance, created: Sequence[WorkItem], traces: list[dict[str, Any]], *, completed: bool
) -> None:
    for item in created:
        hooks.fire_work_item_created(work_item_info(item))
    if traces:
        hooks.fire_rules_evaluated(instance.subject, tuple(RuleTrace.from_dict(trace) for trace in traces))
    if completed:
        hooks.fire_process_completed(instance.subject, instance.data)


def _audit_completion(actor: Actor, instance: ProcessInstance) -> None:
    audit_record(
        actor=actor,
        action="workflow.process.complete",
        subject=SubjectRef.parse(instance.subject),
        after=instance.data,
        detail={
            "instance": instance.pk,
            "decision": instance.data.get("decision") if isinstance(instance.data.get("decision"), str) else None,
        },
    )


# -- definitions ---------------------------------------------------------------------------------


@transaction.atomic
def process_definition_install(
    *, actor: Actor, key: str, name: str = "", bpmn_xml: str, dmn_xmls: Sequence[str] = ()
) -> ProcessDefinition:
    """Validate and install a new version of process ``key`` (the BPMN process id).

    Only the system actor or staff holding a process-admin role (``PROCESS_ADMIN_ROLES``) may
    install: process files carry expressions. Raises ``PermissionDenied``, ``ValidationFailed``
    (with what to fix) or ``Conflict`` (another version installed at the same moment). Installing
    content identical to the newest version returns that version unchanged.
    """
    require_process_admin(actor)
    name = (name or "").strip()
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed(_("流程名称不能超过 200 个字。"), code="workflow.name_too_long", field="name")
    dmn_list = [str(dmn) for dmn in dmn_xmls]
    parsed = engine.parse_process(key=key, bpmn_xml=bpmn_xml, dmn_xmls=dmn_list)
    name = name or parsed.name[:MAX_NAME_LENGTH]
    dmn_text = json.dumps(dmn_list, ensure_ascii=False)
    latest = ProcessDefinition.objects.filter(key=key).order_by("-version").first()
    if latest is not None and (latest.bpmn_xml, latest.dmn_xml, latest.name) == (bpmn_xml, dmn_text, name):
        return latest
    try:
        with transaction.atomic():
            definition = ProcessDefinition.objects.create(
                key=key,
                version=(latest.version + 1) if latest else 1,
                name=name,
                bpmn_xml=bpmn_xml,
                dmn_xml=dmn_text,
                spec_json=parsed.spec_json,
                spec_digest=parsed.spec_digest,
                user_tasks=parsed.user_tasks,
                decisions=parsed.decisions,
                uploaded_by_id=actor.user_id,
            )
    except IntegrityError:
        raise Conflict(
            _("该流程的另一个版本刚刚被安装，请刷新后重试。"), code="workflow.definition_version_taken"
        ) from None
    audit_record(
        actor=actor,
        action="workflow.definition.install",
        subject=SubjectRef("process_definition", str(definition.pk)),
        after={"key": key, "version": definition.version, "spec_digest": parsed.spec_digest},
        detail={"key": key, "version": definition.version},
    )
    return definition


def install_default_processes(*, actor: Actor) -> list[ProcessDefinition]:
    """Install the templates bundled in ``processes/`` (idempotent: unchanged ones are kept)."""
    installed = []
    with transaction.atomic():
        for key, (name, dmn_files) in BUNDLED_PROCESSES.items():
            bpmn_xml = (BUNDLED_DIR / f"{key}.bpmn").read_text(encoding="utf-8")
            dmn_xmls = [(BUNDLED_DIR / file).read_text(encoding="utf-8") for file in dmn_files]
            installed.append(
                process_definition_install(actor=actor, key=key, name=name, bpmn_xml=bpmn_xml, dmn_xmls=dmn_xmls)
            )
    return installed


# -- instances -----------------------------------------------------------------------------------


@transaction.atomic
def process_start(
    *, actor: Actor, subject: SubjectRef | str, process_key: str, data: Mapping[str, Any]
) -> ProcessInstance:
    """Start the newest version of ``process_key`` for ``subject`` (e.g. ``case:42``) with ``data``.

    Runs the automatic steps at once: DMN business-rule tasks evaluate (their traces are stored in
    ``rule_traces`` and passed to ``on_rules_evaluated``), and a process that needs no person
    (an instant approval) completes here, firing ``on_process_completed``. A work item is created
    for each user task that becomes ready. Raises ``NotFound`` (no such process), ``Conflict``
    (the subject already has a process) or ``ValidationFailed`` (the data cannot drive the process).
    """
    subject_text = _subject_text(subject)
    payload = _check_data(data, field="data")
    definition = _NEWEST_DEFINITION.first(process_key)
    if definition is None:
        raise NotFound(
            _("流程“%(key)s”尚未安装，请联系事项管理员。"),
            code="workflow.process_not_found",
            params={"key": process_key},
        )
    if _SUBJECT_HAS_INSTANCE.first(subject_text) is not None:
        raise Conflict(_("该办件已启动审批流程。"), code="workflow.process_exists")
    workflow = engine.new_workflow(_specs_for(definition), payload)
    try:
        traces = engine.run_engine(workflow)
    except engine.EngineError as exc:
        raise ValidationFailed(
            exc.message or _("申请数据不足以启动审批流程，请检查表单内容后重试。"), code="workflow.start_failed"
        ) from exc
    completed = engine.is_completed(workflow)
    now = timezone.now()
    try:
        with transaction.atomic():
            instance = ProcessInstance.objects.create(
                subject=subject_text,
                definition=definition,
                status=ProcessStatus.COMPLETED if completed else ProcessStatus.RUNNING,
                state=engine.dump_workflow(workflow),
                data=engine.workflow_data(workflow),
                rule_traces=traces,
                started_by_id=actor.user_id,
                created_at=now,
                updated_at=now,
                completed_at=now if completed else None,
            )
    except IntegrityError:
        raise Conflict(_("该办件已启动审批流程。"), code="workflow.process_exists") from None
    try:
        created = _sync_work_items(instance, workflow, fresh=True)
    except engine.EngineError as exc:
        raise ValidationFailed(exc.message or _("申请数据不足以启动审批流程。"), code="workflow.start_failed") from exc
    audit_record(
        actor=actor,
        action="workflow.process.start",
        subject=SubjectRef.parse(subject_text),
        after={"process": definition.key, "version": definition.version, "data": payload},
        detail={
            "instance": instance.pk,
            "process": definition.key,
            "version": definition.version,
            "work_items": len(created),
            "rules": ",".join(rule["id"] for trace in traces for rule in trace["matched_rules"])[:200],
        },
    )
    if completed:
        _audit_completion(actor, instance)
    _fire_after_step(instance, created, traces, completed=completed)
    return instance


class _StepFailed(Exception):
    def __init__(self, instance: ProcessInstance, error: engine.EngineError) -> None:
        super().__init__(error.detail)
        self.instance = instance
        self.error = error


def work_item_complete(*, actor: Actor, work_item_id: int, outcome: Mapping[str, Any]) -> WorkItem:
    """Complete an open work item with ``outcome`` and advance its process.

    The actor must hold the item's role in its department (else ``NotFound``, as for a missing
    item) and, if someone claimed the item, be that person (``Conflict``). A task with
    ``requires_decision`` needs ``outcome["decision"]`` in grant/deny (``ValidationFailed``); a
    task with ``separate_from`` refuses whoever completed the named earlier tasks
    (``PermissionDenied``). A second completion of the same item raises ``Conflict``.

    Where the outcome goes in the process data: see ``engine.complete_user_task``. New work items
    are created for the next tasks; when the process ends, the instance is marked completed and
    ``on_process_completed`` fires, in the same transaction. If the engine cannot continue on
    the data (a process defect), nothing changes except that the instance is flagged ``error``
    with the engine's explanation, and ``ValidationFailed`` is raised.
    """
    try:
        return _work_item_complete(actor=actor, work_item_id=work_item_id, outcome=outcome)
    except _StepFailed as failure:
        logger.warning("workflow step failed on instance %s: %s", failure.instance.pk, failure.error.detail)
        _instance_record_error(actor=actor, instance=failure.instance, detail=failure.error.detail)
        raise ValidationFailed(
            failure.error.message or _("流程无法继续办理，已通知流程管理员处理，请稍后再试。"),
            code="workflow.step_failed",
        ) from None


@transaction.atomic
def _work_item_complete(*, actor: Actor, work_item_id: int, outcome: Mapping[str, Any]) -> WorkItem:
    payload = _check_data(outcome, field="outcome")
    item = work_item_get_for_staff(actor=actor, work_item_id=work_item_id)
    # Lock only the instance row (not its definition, which every instance of the version shares).
    instance = _INSTANCE_LOCKED.first(item.instance_id)
    if instance is None:  # an item's instance is never deleted (PROTECT)
        raise NotFound(_("该待办对应的流程不存在。"), code="workflow.instance_not_found")
    if instance.status not in ACTIVE_STATUSES:
        raise Conflict(_("该办件的审批流程已结束，待办不能再办理。"), code="workflow.process_finished")
    if item.claimed_by_id is not None and item.claimed_by_id != actor.user_id:
        raise Conflict(_("该待办已由其他人员认领，请刷新待办列表。"), code="workflow.claimed_by_other")
    now = timezone.now()
    closed = _ITEM_STATUS_CAS.update(
        item.pk,
        [WorkItemStatus.OPEN],
        status=WorkItemStatus.COMPLETED,
        completed_at=now,
        completed_by_id=actor.user_id,
        outcome=payload,
    )
    if closed != 1:
        raise Conflict(_("该待办已被办理或已取消，请刷新待办列表。"), code="workflow.work_item_closed")

    try:
        workflow = engine.restore_workflow(_specs_for(instance.definition), instance.state)
    except engine.EngineError as exc:
        raise _StepFailed(instance, exc) from exc
    task = engine.describe_task(workflow, item.task_id)
    if task is None:
        raise Conflict(_("该待办对应的流程环节已不在办理中，请刷新待办列表。"), code="workflow.task_not_ready")
    if task.requires_decision and payload.get("decision") not in DECISIONS:
        raise ValidationFailed(
            _("请作出审批决定：准予许可（grant）或不予许可（deny）。"),
            code="workflow.decision_required",
            field="decision",
        )
    if (
        task.separate_from
        and WorkItem.objects.filter(
            instance=instance,
            task_name__in=task.separate_from,
            status=WorkItemStatus.COMPLETED,
            completed_by_id=actor.user_id,
        ).exists()
    ):
        raise PermissionDenied(
            _("按照审批分离要求，此环节须由前序环节以外的人员办理。"), code="workflow.separation_of_duties"
        )

    try:
        engine.complete_user_task(workflow, item.task_id, payload, department_id=item.department_id)
    except engine.ProtectedVariable as exc:
        raise ValidationFailed(
            _("办理结果不能修改申请数据中的“%(name)s”，请换用其他名称。"),
            code="workflow.outcome_protected",
            field="outcome",
            params={"name": exc.names[0]},
        ) from None
    except engine.EngineError as exc:
        raise _StepFailed(instance, exc) from exc
    try:
        traces = engine.run_engine(workflow)
        created = _sync_work_items(instance, workflow)
    except engine.EngineError as exc:
        raise _StepFailed(instance, exc) from exc
    completed = engine.is_completed(workflow)

    instance.state = engine.dump_workflow(workflow)
    instance.data = engine.workflow_data(workflow)
    instance.rule_traces = [*instance.rule_traces, *traces]
    instance.status = ProcessStatus.COMPLETED if completed else ProcessStatus.RUNNING
    instance.completed_at = now if completed else None
    instance.last_error = ""
    instance.updated_at = now
    saved = _INSTANCE_REVISION_CAS.update(
        instance.pk,
        [instance.revision],
        state=instance.state,
        data=instance.data,
        rule_traces=instance.rule_traces,
        status=instance.status,
        completed_at=instance.completed_at,
        last_error="",
        updated_at=now,
        revision=instance.revision + 1,
    )
    if saved != 1:  # cannot happen while the row is locked; refuse rather than overwrite
        raise Conflict(_("流程已被同时修改，请刷新后重试。"), code="workflow.instance_changed")
    instance.revision += 1

    item.status, item.completed_at, item.completed_by_id, item.outcome = (
        WorkItemStatus.COMPLETED,
        now,
        actor.user_id,
        payload,
    )
    audit_record(
        actor=actor,
        action="workflow.work_item.complete",
        subject=SubjectRef.parse(item.subject),
        after=payload,
        detail={
            "work_item": item.pk,
            "task": item.task_name,
            "department": item.department_id,
            "decision": payload.get("decision") if isinstance(payload.get("decision"), str) else None,
        },
    )
    if completed:
        _audit_completion(actor, instance)
    hooks.fire_work_item_completed(work_item_info(item))
    _fire_after_step(instance, created, traces, completed=completed)
    return item


@transaction.atomic
def _instance_record_error(*, actor: Actor, instance: ProcessInstance, detail: str) -> None:
    flagged = ProcessInstance.objects.filter(pk=instance.pk, status__in=ACTIVE_STATUSES).update(
        status=ProcessStatus.ERROR, last_error=detail, updated_at=timezone.now()
    )
    if flagged:
        audit_record(
            actor=actor,
            action="workflow.process.error",
            subject=SubjectRef.parse(instance.subject),
            result=RESULT_FAILED,
            detail={"instance": instance.pk},
        )


@transaction.atomic
def work_item_claim(*, actor: Actor, work_item_id: int) -> WorkItem:
    """Take an open work item into the actor's own worklist (签收). Claiming one's own item again is
    a no-op; an item claimed by someone else raises ``Conflict``."""
    item = work_item_get_for_staff(actor=actor, work_item_id=work_item_id)
    if item.status != WorkItemStatus.OPEN:
        raise Conflict(_("该待办已被办理或已取消，请刷新待办列表。"), code="workflow.work_item_closed")
    if item.claimed_by_id == actor.user_id:
        return item
    claimed = WorkItem.objects.filter(pk=item.pk, status=WorkItemStatus.OPEN, claimed_by__isnull=True).update(
        claimed_by_id=actor.user_id
    )
    if claimed != 1:
        raise Conflict(_("该待办已由其他人员认领，请刷新待办列表。"), code="workflow.claimed_by_other")
    audit_record(
        actor=actor,
        action="workflow.work_item.claim",
        subject=SubjectRef.parse(item.subject),
        detail={"work_item": item.pk},
    )
    item.refresh_from_db()
    return item


@transaction.atomic
def work_item_release(*, actor: Actor, work_item_id: int) -> WorkItem:
    """Give a claimed work item back to the department's worklist (only its claimer may)."""
    item = work_item_get_for_staff(actor=actor, work_item_id=work_item_id)
    released = WorkItem.objects.filter(pk=item.pk, status=WorkItemStatus.OPEN, claimed_by_id=actor.user_id).update(
        claimed_by=None
    )
    if released != 1:
        raise Conflict(_("只能退回本人认领且尚未办理的待办。"), code="workflow.not_claimed_by_you")
    audit_record(
        actor=actor,
        action="workflow.work_item.release",
        subject=SubjectRef.parse(item.subject),
        detail={"work_item": item.pk},
    )
    item.refresh_from_db()
    return item


@transaction.atomic
def process_cancel(*, actor: Actor, subject: SubjectRef | str, reason: str = "") -> ProcessInstance:
    """Cancel the subject's running process (withdrawal, refusal): its open work items are
    cancelled. Raises ``NotFound`` if the subject has no process and ``Conflict`` if it already
    ended. The caller decides who may cancel."""
    subject_text = _subject_text(subject)
    instance = ProcessInstance.objects.select_for_update().filter(subject=subject_text).first()
    if instance is None:
        raise NotFound(_("该办件没有审批流程。"), code="workflow.instance_not_found")
    if instance.status not in ACTIVE_STATUSES:
        raise Conflict(_("审批流程已结束，无法撤销。"), code="workflow.process_finished")
    state = instance.state
    try:
        workflow = engine.restore_workflow(_specs_for(_definition_light(instance.definition_id)), instance.state)
        engine.cancel(workflow)
        state = engine.dump_workflow(workflow)
    except engine.EngineError as exc:  # a broken state must not block a withdrawal
        logger.warning("cancelling instance %s without engine state: %s", instance.pk, exc.detail)
    now = timezone.now()
    updated = ProcessInstance.objects.filter(
        pk=instance.pk, revision=instance.revision, status__in=ACTIVE_STATUSES
    ).update(
        status=ProcessStatus.CANCELLED, state=state, updated_at=now, completed_at=now, revision=instance.revision + 1
    )
    if updated != 1:
        raise Conflict(_("流程已被同时修改，请刷新后重试。"), code="workflow.instance_changed")
    cancelled = WorkItem.objects.filter(instance=instance, status=WorkItemStatus.OPEN).update(
        status=WorkItemStatus.CANCELLED
    )
    audit_record(
        actor=actor,
        action="workflow.process.cancel",
        subject=SubjectRef.parse(subject_text),
        after={"reason": reason},
        detail={"instance": instance.pk, "cancelled_work_items": cancelled},
    )
    instance.refresh_from_db()
    return instance
