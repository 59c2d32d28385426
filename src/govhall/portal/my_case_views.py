"""我的办件 (the applicant's space): the list, one case with its status, deadlines, supplement
notice, decision and rights, timeline and materials; answering a supplement notice; withdrawing.
Cases are loaded only through ``case_get_for_applicant`` (another person's case is "not found")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from govhall.accounts.facade import citizen_required
from govhall.cases import facade as cases
from govhall.cases.facade import CaseStatus
from govhall.core.facade import GovhallError, NotFound
from govhall.portal.application_form import material_rows, schema_fields
from govhall.portal.apply_views import (
    _case,
    _case_url,
    _draft_url,
    _item_name,
    _remaining,
    case_not_found,
    client_messages,
    pop_upload_errors,
)
from govhall.portal.document_views import documents_for
from govhall.portal.forms import WithdrawForm

PAGE_SIZE = 20
# Statuses in which the applicant may withdraw (行政许可法: before the decision).
WITHDRAWABLE = cases.WITHDRAWABLE_STATUSES
UPLOADABLE = frozenset({CaseStatus.DRAFT, CaseStatus.SUPPLEMENT_REQUESTED})

# The timeline as the applicant reads it. Staff notes are shown only where they are addressed to
# the applicant (a refusal, a supplement notice, a decision, an extension).
TIMELINE_LABELS = {
    "draft": gettext_lazy("创建申请草稿"),
    "submit": gettext_lazy("提交申请"),
    "accept": gettext_lazy("已受理"),
    "deemed_accept": gettext_lazy("受理期限届满未告知补正，依法视为受理"),
    "refuse": gettext_lazy("不予受理"),
    "supplement_request": gettext_lazy("一次性告知补正材料"),
    "resubmit": gettext_lazy("提交补正材料"),
    "withdraw": gettext_lazy("撤回申请"),
    "suspend": gettext_lazy("进入特别程序（暂停计时）"),
    "resume": gettext_lazy("特别程序结束，恢复计时"),
    "extend": gettext_lazy("办理期限延长"),
    "decide": gettext_lazy("作出决定"),
    "complete": gettext_lazy("办结"),
    "intake": gettext_lazy("窗口收件"),
    "review": gettext_lazy("完成一个审查环节"),
}
PUBLIC_NOTE_KINDS = frozenset({"refuse", "supplement_request", "decide", "extend", "withdraw", "deemed_accept"})


def rights_notice() -> str:
    """The applicant's rights against a decision (行政复议、行政诉讼), worded once in cases."""
    return str(cases.RIGHTS_NOTICE)


# --- 4. my cases -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseRow:
    case: Any
    item_name: str
    needs_action: bool


@citizen_required
@require_GET
def my_cases(request: HttpRequest) -> HttpResponse:
    """我的办件: drafts to continue, then every submitted case, newest first."""
    mine = cases.cases_for_applicant(user=request.user).filter(parent__isnull=True)
    drafts = [CaseRow(c, _item_name(c), False) for c in mine.filter(status=CaseStatus.DRAFT)[:50]]
    paginator = Paginator(mine.exclude(status=CaseStatus.DRAFT), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [CaseRow(c, _item_name(c), c.status == CaseStatus.SUPPLEMENT_REQUESTED) for c in page]
    return render(
        request,
        "portal/cases/list.html",
        {
            "drafts": drafts,
            "rows": rows,
            "total": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "page_window": list(range(max(1, page.number - 2), min(paginator.num_pages, page.number + 2) + 1)),
        },
    )


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: dt.datetime
    label: str
    note: str
    by_applicant: bool


def _status_label(status: str) -> str:
    try:
        return str(CaseStatus(status).label) if status else ""
    except ValueError:
        return ""


def timeline(case: Any) -> list[TimelineEntry]:
    entries = []
    for event in cases.case_timeline(case=case):
        label = str(TIMELINE_LABELS.get(event.kind) or _status_label(event.to_status) or event.kind)
        note = event.note if event.kind in PUBLIC_NOTE_KINDS else ""  # reviewers' opinions stay internal
        if event.kind == "task":  # a step of the review process began (审核, 决定 …): name the step only
            label, note = _("进入办理环节：%(step)s") % {"step": event.note}, ""
        if event.kind == "suspend" and isinstance(event.data, dict) and event.data.get("expected_end"):
            note = _("预计 %(date)s 结束，期间不计入办理时限。") % {"date": event.data["expected_end"]}
        entries.append(TimelineEntry(event.at, label, note, event.actor_role == "applicant"))
    return entries


def form_values(case: Any, children: list[Any] | None = None) -> list[tuple[str, str]]:
    """The submitted application form as (title, value) pairs, in the schema's order (for a
    一件事, the combined form of its ``children``)."""
    if children:
        schema = cases.bundle_form_schema([child.item_version for child in children])
    else:
        schema = case.item_version.form_schema if case.item_version is not None else {}
    result = []
    for item in schema_fields(schema or {}, case.form_data or {}, {}):
        labels = dict(item.choices)
        result.append((item.title, str(labels.get(item.value, item.value))))
    return result


def _open_supplement(case: Any) -> Any:
    """The unanswered supplement notice of ``case`` (loaded through the gatekeeper), if any."""
    if case.status != CaseStatus.SUPPLEMENT_REQUESTED:
        return None
    return case.supplement_requests.filter(responded_at__isnull=True).order_by("-requested_at").first()


@citizen_required
@require_GET
def my_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """One case: status, deadlines, the supplement notice with its upload area, the decision with
    its reasons and the applicant's rights, withdrawal, the timeline and the materials."""
    try:
        case = _case(request, case_id)
    except NotFound:
        return case_not_found(request)
    if case.parent_id is not None:  # an item of a 一件事 is shown on its bundle's page
        return HttpResponseRedirect(_case_url(case.parent_id))
    if case.status == CaseStatus.DRAFT:
        bundle_draft = reverse("portal:bundle_draft", args=[case.pk])
        return HttpResponseRedirect(_draft_url(case.pk) if case.bundle_id is None else bundle_draft)
    supplement = _open_supplement(case)
    rows = material_rows(case, pop_upload_errors(request, case.pk))
    children = cases.bundle_children(case)
    # 一件事: the materials are the items' (children's); the bundle itself has none.
    sections = [(child, material_rows(child, pop_upload_errors(request, child.pk))) for child in children]
    asked = set()
    if supplement is not None:
        asked = {item.get("requirement_id") for item in supplement.items if isinstance(item, dict)}
    return render(
        request,
        "portal/cases/detail.html",
        {
            "case": case,
            "item_name": _item_name(case),
            "supplement": supplement,
            "rows": rows,
            "asked_rows": [r for r in rows if r.requirement.pk in asked],
            "other_rows": [r for r in rows if r.requirement.pk not in asked],
            "can_upload": case.status in UPLOADABLE,
            "can_withdraw": case.status in WITHDRAWABLE,
            "withdraw_form": WithdrawForm(),
            "timeline": timeline(case),
            "rights_notice": rights_notice(),
            "acceptance_remaining": _remaining(case.acceptance_due) if case.status == CaseStatus.SUBMITTED else None,
            "decision_remaining": _remaining(case.promised_due or case.statutory_due)
            if case.status == CaseStatus.IN_REVIEW
            else None,
            "applicant_is_organization": case.applicant_kind == cases.ApplicantKind.ORGANIZATION,
            "form_values": form_values(case, children),
            "sections": sections,
            "documents": documents_for(case),
            "js_messages": client_messages(),
        },
    )


@citizen_required
@require_POST
def case_resubmit(request: HttpRequest, case_id: int) -> HttpResponse:
    """提交补正材料: answer the supplement notice; the acceptance period starts again."""
    try:
        case = _case(request, case_id)
    except NotFound:
        return case_not_found(request)
    try:
        cases.case_resubmit(user=request.user, case_id=case.pk)
    except NotFound:
        return case_not_found(request)
    except GovhallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("补正材料已提交，受理期限重新计算。工作人员审核后会通知您。"))
    return HttpResponseRedirect(_case_url(case.pk))


@citizen_required
@require_POST
def case_withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    """撤回申请, with a reason and an explicit confirmation; only before the decision."""
    try:
        case = _case(request, case_id)
    except NotFound:
        return case_not_found(request)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return HttpResponseRedirect(_case_url(case.pk) + "#withdraw")
    try:
        cases.case_withdraw(user=request.user, case_id=case.pk, reason=form.cleaned_data["reason"])
    except NotFound:
        return case_not_found(request)
    except GovhallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("申请已撤回。"))
    return HttpResponseRedirect(_case_url(case.pk))
