"""The case page (办件) in the staff workbench: what was applied for, the clock, the timeline, and
the actions allowed in the current status and role; material downloads and printable notices.

Who: staff holding window_clerk, reviewer, decider or department_admin in a department see that
department's cases (supervisors may open any case page, read-only). A case of another department
is "not found" (404), exactly like a missing one (``cases.facade.case_get_for_staff``). Each
action needs one role in the case's own department — accept/refuse/supplement notice: window
clerk; review opinion/special procedure/resume/extension: reviewer; decision/completion:
decider — and is shown only when the case's status allows it; anyone else gets 403 and nothing
changes.

Every change is a POST with CSRF that calls one case service and redirects (PRG). The services
compare-and-set on the status, so a repeated or concurrent action changes nothing and comes back
as the service's conflict message.

Between acceptance and decision a case follows its item's review process: the "当前环节" panel
lists the case's open work items, reviewers give their opinion on the review steps they may do
(审核/初审/复审), and the decision is offered once the decision step is open. A case without a
process (or before acceptance) shows the stage its status implies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from govhall.accounts import facade as accounts
from govhall.accounts.facade import Role, staff_required
from govhall.cases import facade as cases
from govhall.core import facade as core
from govhall.core.contracts import Actor
from govhall.core.facade import Conflict, GovhallError, NotFound, mask_personal_text
from govhall.workbench.forms import (
    AcceptForm,
    CompleteForm,
    DecideForm,
    ExtendForm,
    RefuseForm,
    ResumeForm,
    ReviewForm,
    SupplementForm,
    SuspendForm,
)
from govhall.workbench.worklist_views import CASE_ROLES, deadline_flags, local_today

# Supervisors (电子监察) may read any case page; they hold no action.
READER_ROLES = (*CASE_ROLES, Role.SUPERVISOR)
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
S = cases.CaseStatus


# --- the case page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    key: str
    label: Any
    role: str
    statuses: frozenset[str]
    success: Any
    button: str = "btn-primary"


ACTIONS: dict[str, Action] = {
    action.key: action
    for action in (
        Action(
            "accept",
            gettext_lazy("受理"),
            Role.WINDOW_CLERK,
            frozenset({S.SUBMITTED}),
            gettext_lazy("已受理，办结期限自受理之日起计算。"),
        ),
        Action(
            "supplement",
            gettext_lazy("一次性告知补正"),
            Role.WINDOW_CLERK,
            frozenset({S.SUBMITTED}),
            gettext_lazy("补正通知已发出，所有需补正的内容已一次性告知申请人。"),
            "btn-outline-primary",
        ),
        Action(
            "refuse",
            gettext_lazy("不予受理"),
            Role.WINDOW_CLERK,
            frozenset({S.SUBMITTED}),
            gettext_lazy("已作出不予受理决定，申请人将收到理由、依据和救济途径。"),
            "btn-outline-danger",
        ),
        Action(
            "suspend",
            gettext_lazy("进入特别程序"),
            Role.REVIEWER,
            frozenset({S.IN_REVIEW}),
            gettext_lazy("已进入特别程序，办理期限暂停计算。"),
            "btn-outline-primary",
        ),
        Action(
            "resume",
            gettext_lazy("结束特别程序"),
            Role.REVIEWER,
            frozenset({S.SUSPENDED}),
            gettext_lazy("特别程序已结束，办理期限恢复计算并已顺延。"),
        ),
        Action(
            "extend",
            gettext_lazy("延期"),
            Role.REVIEWER,
            frozenset({S.IN_REVIEW, S.SUSPENDED}),
            gettext_lazy("已延期，法定办结期限已顺延。"),
            "btn-outline-primary",
        ),
        Action(
            "review",
            gettext_lazy("提交审查意见"),
            Role.REVIEWER,
            frozenset({S.IN_REVIEW}),
            gettext_lazy("审查意见已提交，办件进入下一环节。"),
        ),
        Action(
            "decide",
            gettext_lazy("作出决定"),
            Role.DECIDER,
            frozenset({S.IN_REVIEW}),
            gettext_lazy("决定已作出。"),
        ),
        Action(
            "complete",
            gettext_lazy("办结"),
            Role.DECIDER,
            frozenset({S.DECIDED}),
            gettext_lazy("已办结。"),
        ),
    )
}


def _roles_in(user: Any, department_id: int) -> set[str]:
    return {a.role for a in accounts.user_roles(user=user) if a.department_id == department_id}


@dataclass(frozen=True)
class Desk:
    """Where the user stands on one case: their roles in its department and, when the case runs
    on a review process, its open work items and those the user may do."""

    roles: frozenset[str]
    has_process: bool = False
    items: tuple[Any, ...] = ()
    review_items: tuple[Any, ...] = ()

    @property
    def decision_open(self) -> bool:
        return any(item.role == Role.DECIDER for item in self.items)


def _desk(user: Any, case: Any) -> Desk:
    roles = frozenset(_roles_in(user, case.department_id))
    if case.status != S.IN_REVIEW or not cases.has_process(case):
        return Desk(roles=roles)
    items = tuple(cases.open_items(case))
    pairs = {(a.department_id, a.role) for a in accounts.user_roles(user=user)}
    # The decision step is the decider's (DESIGN.md §5: the decision comes last); the others are reviews.
    mine = tuple(i for i in items if i.role != Role.DECIDER and (i.department_id, i.role) in pairs)
    return Desk(roles=roles, has_process=True, items=items, review_items=mine)


def _available(action: Action, case: Any, desk: Desk) -> bool:
    if action.key == "review":
        # A review step belongs to its own department and role: in a 一件事 the reviewing
        # departments need no role in the lead department.
        return case.status in action.statuses and bool(desk.review_items)
    if action.role not in desk.roles or case.status not in action.statuses:
        return False
    if action.key == "extend":
        return not case.extension_days
    if action.key == "decide":
        return desk.decision_open or not desk.has_process
    return True


def _action_form(key: str, case: Any, desk: Desk, data: Any = None) -> forms.Form:
    # Several action forms share one page: each gets its own element ids (id_refuse_reason …).
    common: dict[str, Any] = {"auto_id": f"id_{key}_%s"}
    if key == "review":
        return ReviewForm(data, items=[(i.pk, i.title) for i in desk.review_items], **common)
    if key == "supplement":
        requirements = [(m.pk, m.name) for m in _requirements(case)]
        return SupplementForm(data, requirements=requirements, initial=_missing(case), **common)
    if key == "suspend":
        return SuspendForm(
            data, reasons=[(str(v), str(label)) for v, label in cases.SuspensionReason.choices], **common
        )
    if key == "decide":
        return DecideForm(
            data,
            decisions=[(str(v), str(label)) for v, label in cases.Decision.choices],
            denied=str(cases.Decision.DENIED),
            **common,
        )
    form_class: type[forms.Form] = {
        "accept": AcceptForm,
        "refuse": RefuseForm,
        "resume": ResumeForm,
        "extend": ExtendForm,
        "complete": CompleteForm,
    }[key]
    return form_class(data, **common)


def _requirements(case: Any) -> list[Any]:
    return list(case.item_version.materials.all()) if case.item_version is not None else []


def _missing(case: Any) -> dict[str, Any]:
    """Pre-tick the required materials that nothing was supplied for."""
    if case.item_version is None:
        return {}
    return {"requirements": [m.pk for m in cases.missing_materials(case)]}


def _form_rows(case: Any) -> list[tuple[str, str]]:
    """The application form as (label, value), labels from the version's schema titles."""
    children = cases.bundle_children(case)
    if children:  # 一件事: the combined form of its items
        schema = cases.bundle_form_schema([child.item_version for child in children])
    else:
        schema = case.item_version.form_schema if case.item_version is not None else {}
    properties = (schema or {}).get("properties") or {}
    data = case.form_data or {}
    rows = []
    for key in [*properties, *[k for k in data if k not in properties]]:
        if key not in data:
            continue
        value = data[key]
        if isinstance(value, bool):
            shown = _("是") if value else _("否")
        elif isinstance(value, list):
            shown = "、".join(str(v) for v in value)
        elif value is None or value == "":
            shown = "—"
        else:
            shown = mask_personal_text(str(value))  # ID and phone numbers masked (reveal: reveal_views)
        title = properties.get(key, {}).get("title") if isinstance(properties.get(key), dict) else None
        rows.append((str(title or key), shown))
    return rows


def _material_rows(case: Any) -> list[dict[str, Any]]:
    supplied: dict[int, list[Any]] = {}
    for material in case.materials.all():
        supplied.setdefault(material.requirement_id, []).append(material)
    rows = []
    for requirement in _requirements(case):
        items = supplied.pop(requirement.pk, [])
        rows.append(
            {
                "requirement": requirement,
                "materials": [_material_view(case, m) for m in items],
                "missing": requirement.necessity == "required" and not items,
            }
        )
    return rows


def _material_view(case: Any, material: Any) -> dict[str, Any]:
    url = reverse("workbench:case_material", args=[case.pk, material.pk]) if material.file_key else ""
    return {
        "material": material,
        "url": url,
        "preview": f"{url}?inline=1" if url and material.content_type in INLINE_TYPES else "",
        "is_image": material.content_type.startswith("image/"),
    }


EVENT_LABELS = {
    "draft": gettext_lazy("保存草稿"),
    "submit": gettext_lazy("提交申请"),
    "accept": gettext_lazy("受理"),
    "deemed_accept": gettext_lazy("逾期未告知，依法视为受理"),
    "refuse": gettext_lazy("不予受理"),
    "supplement_request": gettext_lazy("一次性告知补正"),
    "resubmit": gettext_lazy("提交补正材料"),
    "withdraw": gettext_lazy("申请人撤回申请"),
    "suspend": gettext_lazy("进入特别程序"),
    "resume": gettext_lazy("结束特别程序"),
    "extend": gettext_lazy("延期"),
    "decide": gettext_lazy("作出决定"),
    "complete": gettext_lazy("办结"),
    "intake": gettext_lazy("窗口受理"),
    "task": gettext_lazy("进入环节"),
    "review": gettext_lazy("审查意见"),
}
RECOMMENDATIONS = {"approve": gettext_lazy("建议准予"), "reject": gettext_lazy("建议不予")}


def _timeline(case: Any) -> list[dict[str, Any]]:
    events = list(cases.case_timeline(case=case))
    ids = {e.actor_id for e in events if e.actor_id}
    names: dict[int, str] = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "display_name"))
    role_labels = dict(Role.choices)
    reasons = dict(cases.SuspensionReason.choices)
    decisions = dict(cases.Decision.choices)
    rows = []
    for event in events:
        data = event.data or {}
        if event.actor_role == "applicant":
            who = _("申请人")
        elif event.kind == "task":  # a step of the review process arrived for a role
            who = str(role_labels.get(event.actor_role, event.actor_role))
        elif event.actor_id:
            who = f"{names.get(event.actor_id, '#' + str(event.actor_id))}（{role_labels.get(event.actor_role, '')}）"
        else:
            who = _("系统")
        details = []
        if data.get("reason") in reasons:
            details.append(_("事由：%(reason)s") % {"reason": reasons[data["reason"]]})
        if data.get("expected_end"):
            details.append(_("预计结束：%(date)s") % {"date": data["expected_end"]})
        if data.get("decision") in decisions:
            details.append(str(decisions[data["decision"]]))
        if data.get("recommendation") in RECOMMENDATIONS:
            details.append(str(RECOMMENDATIONS[data["recommendation"]]))
        rows.append(
            {
                "at": event.at,
                "label": EVENT_LABELS.get(event.kind, event.kind),
                "who": who,
                "note": event.note,
                "details": details,
                "items": data.get("items") or [],
            }
        )
    return rows


STAGES = {
    S.SUBMITTED: (gettext_lazy("受理"), gettext_lazy("窗口人员审查申请材料：受理、一次性告知补正或不予受理。")),
    S.SUPPLEMENT_REQUESTED: (
        gettext_lazy("等待申请人补正"),
        gettext_lazy("已一次性告知需补正的全部内容；申请人提交补正材料后重新计算受理期限。"),
    ),
    S.IN_REVIEW: (gettext_lazy("审查与决定"), gettext_lazy("审核人员审查，审批人员作出准予或不予许可的决定。")),
    S.SUSPENDED: (gettext_lazy("特别程序"), gettext_lazy("听证、检验检测、专家评审等特别程序期间，办理期限暂停计算。")),
    S.DECIDED: (gettext_lazy("送达与办结"), gettext_lazy("已作出决定，送达结果后办结。")),
}


def _current_task(case: Any, desk: Desk) -> dict[str, Any] | None:
    """当前环节: the case's open work items when it runs on a review process (each with its
    department, role, due date and claimer), else the stage its status implies."""
    stage = STAGES.get(case.status)
    if stage is None:
        return None
    if not desk.items:
        return {"name": stage[0], "description": stage[1], "work_items": []}
    departments = {d.pk: d.name for d in accounts.department_list()}
    role_labels = dict(Role.choices)
    claimers = {i.claimed_by_id for i in desk.items if i.claimed_by_id}
    names = dict(get_user_model().objects.filter(pk__in=claimers).values_list("pk", "display_name"))
    work_items = [
        {
            "id": item.pk,
            "title": item.title,
            "department": departments.get(item.department_id, ""),
            "role": role_labels.get(item.role, item.role),
            "due_date": item.due_date,
            "claimed_by": names.get(item.claimed_by_id, ""),
            "mine": item in desk.review_items
            or (item.role == Role.DECIDER and Role.DECIDER in desk.roles and item.department_id == case.department_id),
        }
        for item in desk.items
    ]
    name = "、".join(dict.fromkeys(str(item.title) for item in desk.items))
    return {"name": name, "description": stage[1], "work_items": work_items}


def _remaining(due: dt.date | None, today: dt.date) -> dict[str, Any] | None:
    """Working days left until ``due`` (negative: overdue) with its wording, or ``None``."""
    if due is None:
        return None
    try:
        days = core.working_days_remaining(due, today)
    except (core.ConfigurationError, ValueError):
        return None
    if today > due:
        text = ngettext("已超 %(days)d 个工作日", "已超 %(days)d 个工作日", -days) % {"days": -days}
    elif days == 0:
        text = _("今日到期")
    else:
        text = ngettext("剩 %(days)d 个工作日", "剩 %(days)d 个工作日", days) % {"days": days}
    return {"days": days, "late": today > due, "text": text}


def _clock(case: Any, today: dt.date) -> dict[str, Any]:
    def remaining(due: dt.date | None) -> dict[str, Any] | None:
        return _remaining(due, today)

    running = case.status == S.IN_REVIEW
    return {
        "acceptance_remaining": remaining(case.acceptance_due) if case.status == S.SUBMITTED else None,
        "statutory_remaining": remaining(case.statutory_due) if running else None,
        "promised_remaining": remaining(case.promised_due) if running else None,
        "suspensions": list(case.suspensions.all()),
        **deadline_flags(case, today),
    }


def _documents(case: Any) -> list[dict[str, str]]:
    """Printable notices for the current state (PDF; wired by the documents module)."""
    docs = []
    if case.accepted_at is not None:
        docs.append({"kind": "acceptance", "label": _("打印受理通知书")})
    if case.supplement_requests.exists():
        docs.append({"kind": "supplement", "label": _("打印补正通知书")})
    if case.status == S.REFUSED:
        docs.append({"kind": "refusal", "label": _("打印不予受理决定书")})
    if case.decision:
        docs.append({"kind": "decision", "label": _("打印决定书")})
    for doc in docs:
        doc["url"] = reverse("workbench:case_document", args=[case.pk, doc["kind"]])
    return docs


def _case_page(
    request: HttpRequest, case: Any, *, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    desk = _desk(request.user, case)
    available = [a for a in ACTIONS.values() if _available(a, case, desk)]
    bound = bound or {}
    action_forms = [
        {"action": a, "form": bound.get(a.key) or _action_form(a.key, case, desk), "open": a.key in bound}
        for a in available
    ]
    today = local_today()
    applicant = case.applicant_person
    return render(
        request,
        "workbench/cases/case.html",
        {
            "case": case,
            "version": case.item_version,
            "item_code": case.item_version.service_item.code if case.item_version is not None else "",
            "applicant_id_masked": applicant.id_number_masked if applicant is not None else "",
            "applicant_phone_masked": applicant.phone_masked if applicant is not None else "",
            "organization": case.applicant_organization,
            "submitted_by": case.submitted_by.display_name if case.submitted_by is not None else "",
            "form_rows": _form_rows(case),
            "material_rows": _material_rows(case),
            "supplement_requests": list(case.supplement_requests.order_by("-requested_at")),
            "timeline": _timeline(case),
            "clock": _clock(case, today),
            "current_task": _current_task(case, desk),
            "actions": action_forms,
            "can_reveal": bool(desk.roles & cases.REVEAL_ROLES),
            "read_only": not (desk.roles & {Role.WINDOW_CLERK, Role.REVIEWER, Role.DECIDER} or desk.review_items),
            "children": _children(request.user, case),
            "bundle_case": case.parent if case.parent_id is not None else None,
            "documents": _documents(case),
            "today": today,
        },
        status=status,
    )


def _children(user: Any, case: Any) -> list[dict[str, Any]]:
    """一件事: each item's child case with its department, status and materials. Materials are
    listed for the lead department and for each item's own department only."""
    lead = bool(_roles_in(user, case.department_id))
    rows = []
    for child in cases.bundle_children(case):
        visible = lead or bool(_roles_in(user, child.department_id))
        rows.append({"case": child, "material_rows": _material_rows(child) if visible else None})
    return rows


def _message(request: HttpRequest, title: str, message: str, *, status: int) -> HttpResponse:
    return render(
        request,
        "workbench/cases/message.html",
        {"title": title, "message": message, "back_url": reverse("workbench:cases")},
        status=status,
    )


def _not_found(request: HttpRequest) -> HttpResponse:
    return _message(request, _("办件不存在"), _("办件不存在，或不属于您所在部门。"), status=404)


def _load(request: HttpRequest, case_id: int) -> Any:
    """The case if the user may see it (raises ``NotFound`` otherwise)."""
    return cases.case_get_for_staff(user=request.user, case_id=case_id)


@staff_required(roles=READER_ROLES)
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = _load(request, case_id)
    except NotFound:
        return _not_found(request)
    return _case_page(request, case)


# --- actions ------------------------------------------------------------------------------------


def _call(key: str, actor: Actor, case: Any, form: forms.Form) -> Any:
    """Call the one service behind ``key`` with the validated form."""
    data = form.cleaned_data
    calls: dict[str, Callable[[], Any]] = {
        "accept": lambda: cases.case_accept(actor=actor, case_id=case.pk, note=data["note"]),
        "refuse": lambda: cases.case_refuse(
            actor=actor, case_id=case.pk, reason=data["reason"], legal_basis=data["legal_basis"]
        ),
        "supplement": lambda: cases.case_request_supplement(
            actor=actor,
            case_id=case.pk,
            items=form.items(),  # type: ignore[attr-defined]
            note=data["note"],
        ),
        "suspend": lambda: cases.case_suspend(
            actor=actor, case_id=case.pk, reason=data["reason"], expected_end=data["expected_end"], note=data["note"]
        ),
        "resume": lambda: cases.case_resume(actor=actor, case_id=case.pk),
        "review": lambda: cases.case_review(
            actor=actor,
            case_id=case.pk,
            work_item_id=data["work_item"],
            opinion=data["opinion"],
            recommendation=data["recommendation"],
        ),
        "extend": lambda: cases.case_extend(actor=actor, case_id=case.pk, reason=data["reason"]),
        "decide": lambda: cases.case_decide(
            actor=actor,
            case_id=case.pk,
            decision=data["decision"],
            reason=data["reason"],
            legal_basis=data["legal_basis"],
        ),
        "complete": lambda: cases.case_complete(actor=actor, case_id=case.pk, note=data["note"]),
    }
    return calls[key]()


@staff_required(roles=READER_ROLES)
@require_POST
def case_action(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    """One action on a case (``action`` is fixed by the URL). 404 outside the user's departments,
    403 without the action's role in the case's department, the page again (422) for invalid
    input, and a redirect to the case page with the result or the service's conflict message."""
    spec = ACTIONS[action]
    try:
        case = _load(request, case_id)
    except NotFound:
        return _not_found(request)
    desk = _desk(request.user, case)
    if spec.role not in desk.roles and not (action == "review" and desk.review_items):
        return _message(
            request,
            _("无权办理"),
            _("“%(action)s”须由本部门的%(role)s办理。") % {"action": spec.label, "role": Role(spec.role).label},
            status=403,
        )
    page_url = reverse("workbench:case", args=[case.pk])
    if action == "review" and not desk.review_items:
        messages.error(request, _("该办件当前没有待您办理的审查环节，请刷新页面查看最新状态。"))
        return HttpResponseRedirect(page_url)
    form = _action_form(action, case, desk, request.POST)
    if not form.is_valid():
        return _case_page(request, case, bound={action: form}, status=422)
    actor = Actor(user_id=request.user.pk, role=spec.role, department_id=case.department_id)
    if action == "review":  # acts on the work item: its role in its department
        item = next(i for i in desk.review_items if i.pk == form.cleaned_data["work_item"])
        actor = Actor(user_id=request.user.pk, role=item.role, department_id=item.department_id)
    try:
        _call(action, actor, case, form)
    except Conflict as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(page_url)
    except GovhallError as error:
        if error.field and error.field in form.fields:
            form.add_error(error.field, error.message)
        else:
            form.add_error(None, error.message)
        return _case_page(request, _load(request, case.pk), bound={action: form}, status=error.status)
    messages.success(request, str(spec.success))
    return HttpResponseRedirect(page_url)


# --- materials and documents --------------------------------------------------------------------


@staff_required(roles=READER_ROLES)
@require_GET
@xframe_options_sameorigin  # the case page previews PDFs and images in a frame of its own origin
def case_material(request: HttpRequest, case_id: int, material_id: int) -> HttpResponseBase:
    """An uploaded material of a case: a download (attachment), or with ``?inline=1`` a PDF or
    image shown in the browser. Each access is recorded in the audit log."""
    try:
        case = _load(request, case_id)
    except NotFound:
        return _not_found(request)
    try:
        material = cases.case_material_get_for_staff(user=request.user, case_id=case_id, material_id=material_id)
    except NotFound:
        return _message(request, _("材料不存在"), _("该材料不存在或不是上传的文件。"), status=404)
    inline = request.GET.get("inline") == "1" and material.content_type in INLINE_TYPES
    try:
        handle = core.file_open(key=material.file_key)
    except NotFound:
        return _message(request, _("材料不存在"), _("文件已不在存储中，请联系系统管理员。"), status=404)
    roles = _roles_in(request.user, case.department_id)
    role = next((r for r in READER_ROLES if r in roles), Role.SUPERVISOR)
    cases.case_material_access_record(
        actor=Actor(user_id=request.user.pk, role=role, department_id=case.department_id),
        case_id=case.pk,
        material_id=material.pk,
        requirement_id=material.requirement_id,
        inline=inline,
    )
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=material.display_name or f"material-{material.pk}",
        content_type=material.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(roles=READER_ROLES)
@require_GET
def case_document(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """Printable notices (受理通知书、补正通知书、不予受理决定书、决定书) as PDF, checked like the
    case page; a document the case does not have yet answers 409 with the reason."""
    try:
        case = _load(request, case_id)
    except NotFound:
        return _not_found(request)
    if kind not in cases.DOCUMENT_KINDS:
        return _message(request, _("文书不存在"), _("没有这种文书。"), status=404)
    try:
        pdf = cases.case_document_pdf(case=case, kind=kind)
    except Conflict as error:
        return _message(request, _("文书暂不可用"), error.message, status=409)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{case.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
