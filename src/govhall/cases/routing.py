"""Between acceptance and decision a case follows its item's BPMN process (workflow app).

- ``start``: on acceptance, the item version's ``process_key`` starts with the case's department
  (and, for bundles, the departments reviewing in parallel); 秒批 rules may decide at once.
- ``complete_review`` / ``complete_decision``: staff finish their work items through the case
  services, so the case and its process move in one transaction.
- ``cancel``: withdrawal or refusal cancels the process.
- Hooks from workflow (registered in ``CasesConfig.ready``): the rule trace is stored on the case,
  new work items appear in the timeline, and a process that ends with a decision no person made
  (秒批) decides the case as the rules engine.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts import facade as accounts
from govhall.cases.constants import ApplicantKind, CaseKind, CaseStatus, MaterialSource
from govhall.cases.models import Case, CaseEvent
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import CompiledInsert, CompiledQuery, Conflict, NotFound, local_date
from govhall.workflow import facade as workflow

DEFAULT_PROCESS = "single_department"
BUNDLE_PROCESS = "parallel_review"  # [bundles]
RULES_ENGINE = Actor.system("rules-engine")


def _subject(case: Case | int) -> SubjectRef:
    return SubjectRef("case", str(case if isinstance(case, int) else case.pk))


def _start_data(case: Case) -> dict[str, Any]:
    data: dict[str, Any] = {
        key: value for key, value in case.form_data.items() if isinstance(key, str) and key.isidentifier()
    }
    # The applicant's age comes from their verified identity (the ID number's birth date), never
    # from what was typed into the form; rules never approve on missing facts: no identity → 0.
    age = None
    if case.applicant_person_id is not None and case.applicant_kind == ApplicantKind.PERSON:
        age = accounts.person_age(person_id=case.applicant_person_id, on=local_date(timezone.now()))
    data["age"] = age if age is not None else 0
    data["has_license"] = case.materials.filter(source=MaterialSource.LICENSE).exists()
    data["department_id"] = case.department_id
    data["lead_department_id"] = case.department_id
    data["departments"] = sorted({child.department_id for child in case.children.all()} or {case.department_id})
    if case.kind == CaseKind.BUNDLE:  # [bundles] parallel_review's branches each bind their own department_id
        data.pop("department_id", None)
    if case.statutory_due:
        data["due_date"] = case.statutory_due.isoformat()
    return data


def start(case: Case, *, actor: Actor) -> None:
    """Start the review process of ``case`` (inside the acceptance transaction)."""
    # [bundles] a 一件事 is reviewed in parallel by its children's departments; children run no process.
    if case.kind == CaseKind.CHILD:
        return
    if case.kind == CaseKind.BUNDLE:
        key = BUNDLE_PROCESS
    else:
        key = (case.item_version.process_key if case.item_version else "") or DEFAULT_PROCESS
    try:
        workflow.process_start(actor=actor, subject=_subject(case), process_key=key, data=_start_data(case))
    except NotFound:
        # The bundled templates are part of the code: install them on first use, then retry.
        workflow.install_default_processes(actor=Actor.system("workflow-install"))
        workflow.process_start(actor=actor, subject=_subject(case), process_key=key, data=_start_data(case))


def cancel(case: Case, *, actor: Actor) -> None:
    instance = workflow.instance_for(_subject(case))
    if instance is not None and instance.status in ("running", "error"):
        workflow.process_cancel(actor=actor, subject=_subject(case), reason=str(case.status))


def open_items(case: Case) -> list[Any]:
    return [item for item in workflow.work_items_for(_subject(case)) if item.status == "open"]


def _decision_tasks(case: Case, instance: Any = None) -> set[str]:
    """The decision tasks of the case's process (``instance`` when the caller has read it)."""
    instance = instance or workflow.instance_for(_subject(case))
    if instance is None:
        return set()
    info = workflow.definition_info(instance.definition)
    tasks = {t["id"] for t in info.user_tasks if t.get("requires_decision") == "true"}
    return tasks or {t["id"] for t in info.user_tasks if t.get("role") == "decider"}


def has_process(case: Case) -> bool:
    return workflow.instance_for(_subject(case)) is not None


def complete_review(case: Case, *, actor: Actor, work_item_id: int, outcome: dict[str, Any]) -> Any:
    """Finish a (non-decision) review item of this case."""
    item = next((i for i in open_items(case) if i.pk == work_item_id), None)
    if item is None or item.task_name in _decision_tasks(case):
        raise NotFound(_("该待办事项不存在或已办理。"), code="case.work_item_not_found")
    return workflow.work_item_complete(actor=actor, work_item_id=work_item_id, outcome=outcome)


def complete_decision(case: Case, *, actor: Actor, decision: str, reason: str) -> None:
    """Finish the case's open decision item as ``actor`` (called by ``case_decide``).

    Raises ``case.review_pending`` while reviews are still open: the decision comes last."""
    instance = workflow.instance_for(_subject(case))
    if instance is None:
        return
    decision_tasks = _decision_tasks(case, instance)
    items = [i for i in open_items(case) if i.task_name in decision_tasks]
    if not items:
        raise Conflict(_("审查环节尚未完成，暂不能作出决定。"), code="case.review_pending")
    outcome = {"decision": "grant" if decision == "granted" else "deny", "reason": reason[:500]}
    workflow.work_item_complete(actor=actor, work_item_id=items[0].pk, outcome=outcome)


# --- reactions to the workflow (registered in CasesConfig.ready) ----------------------------


def _case_id(subject: str) -> int | None:
    kind, _sep, ident = subject.partition(":")
    if kind != "case" or not (ident.isascii() and ident.isdigit()):
        return None
    return int(ident)


# Read on every step of every case's process: compiled once per process (core/compiled.py).
_CASE = CompiledQuery(lambda case_id: Case.objects.filter(pk=case_id), params=(int,))
_CASE_STATUS = CompiledQuery(lambda case_id: Case.objects.filter(pk=case_id).values_list("status"), params=(int,))


def _case_for(subject: str) -> Case | None:
    case_id = _case_id(subject)
    return None if case_id is None else _CASE.first(case_id)


def on_rules_evaluated(subject: str, traces: Any) -> None:
    case = _case_for(subject)
    if case is None:
        return
    trace = [
        {
            "decision_id": t.decision_id,
            "matched_rules": list(t.matched_rules),
            "inputs": list(t.inputs),
            "outputs": dict(t.outputs),
        }
        for t in traces
    ]
    Case.objects.filter(pk=case.pk).update(rule_trace={"traces": trace})


_TASK_EVENT_INSERT = CompiledInsert(CaseEvent)  # one per new process step (core/compiled.py)


def on_work_item_created(item: Any) -> None:
    case_id = _case_id(item.subject)
    row = None if case_id is None else _CASE_STATUS.first(case_id)
    if row is None:
        return
    (status,) = row
    _TASK_EVENT_INSERT.create(
        case_id=case_id,
        kind="task",
        from_status=status,
        to_status=status,
        actor_role=item.role,
        note=str(item.title),
        data={"work_item": item.id, "department": item.department_id},
    )


def on_process_completed(subject: str, data: Any) -> None:
    """A process that ended while the case is still in review was decided by rules (秒批)."""
    case = _case_for(subject)
    if case is None or case.status != CaseStatus.IN_REVIEW:
        return
    decision = data.get("decision")
    if decision not in ("grant", "deny"):
        return
    from govhall.cases.services import case_decide

    reason = str(data.get("reason") or _("符合自动审批规则"))
    case_decide(
        actor=RULES_ENGINE,
        case_id=case.pk,
        decision="granted" if decision == "grant" else "denied",
        reason=reason,
        legal_basis=str(data.get("legal_basis") or (case.item_version.legal_basis if case.item_version else "")),
        from_workflow=True,
    )


def register() -> None:
    workflow.on_rules_evaluated(on_rules_evaluated)
    workflow.on_work_item_created(on_work_item_created)
    workflow.on_process_completed(on_process_completed)
