"""The applicant's copies of their case's written notices (文书): 受理通知书, 补正通知书, 不予受理决定书
and the decision (决定书), as PDF — the same documents staff print, served only to the applicant
through ``case_get_for_applicant`` (another person's case is "not found")."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from govhall.accounts.facade import citizen_required
from govhall.cases import facade as cases
from govhall.core.facade import Conflict, NotFound


def documents_for(case: object) -> list[dict[str, str]]:
    """The notices ``case`` has now, for the applicant's case page: (kind, label)."""
    docs = []
    if getattr(case, "accepted_at", None) is not None:
        docs.append({"kind": "acceptance", "label": _("受理通知书")})
    if case.supplement_requests.exists():  # type: ignore[attr-defined]
        docs.append({"kind": "supplement", "label": _("补正通知书")})
    if getattr(case, "status", "") == cases.CaseStatus.REFUSED:
        docs.append({"kind": "refusal", "label": _("不予受理决定书")})
    if getattr(case, "decision", ""):
        docs.append({"kind": "decision", "label": _("决定书")})
    return docs


@citizen_required
@require_GET
def case_document(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """One notice of the applicant's own case as a PDF; 409 with the reason when the case does not
    have it (yet)."""
    try:
        case = cases.case_get_for_applicant(user=request.user, case_id=case_id)
    except NotFound:
        case = None
    if case is None or kind not in cases.DOCUMENT_KINDS:
        context = {"title": _("文书不存在"), "message": _("没有找到这份文书。请从“我的办件”中打开您的申请。")}
        return render(request, "portal/cases/message.html", context, status=404)
    try:
        pdf = cases.case_document_pdf(case=case, kind=kind)
    except (Conflict, NotFound) as error:
        return render(
            request, "portal/cases/message.html", {"title": _("文书暂不可用"), "message": error.message}, status=409
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{case.number or case.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
