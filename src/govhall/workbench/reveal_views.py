"""查看完整身份信息: a staff member with a reveal role on the case states a purpose and sees the
applicant's full ID number or phone once (the audit log records who, what and why). The page is
never cached and the value is not kept anywhere; asking again needs a purpose again."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from govhall.accounts.facade import staff_required
from govhall.cases import facade as cases
from govhall.core.facade import GovhallError, NotFound


def _missing() -> dict[str, str]:
    return {"title": _("查看完整身份信息"), "message": _("办件不存在。"), "back_url": reverse("workbench:cases")}


@staff_required(roles=cases.REVEAL_ROLES)
@require_http_methods(["GET", "POST"])
@never_cache
def case_reveal(request: HttpRequest, case_id: int) -> HttpResponse:
    field = request.POST.get("field") or request.GET.get("field") or "id_number"
    context = {
        "case_id": case_id,
        "case_url": reverse("workbench:case", args=[case_id]),
        "field": field if field in cases.REVEAL_FIELDS else "id_number",
        "fields": [("id_number", _("身份证号码")), ("phone", _("手机号码"))],
        "purpose": request.POST.get("purpose", ""),
    }
    status = 200
    if request.method == "POST":
        try:
            context["revealed"] = cases.case_applicant_reveal(
                user=request.user, case_id=case_id, field=field, purpose=request.POST.get("purpose", "")
            )
        except NotFound:
            return render(request, "workbench/cases/message.html", _missing(), status=404)
        except GovhallError as error:
            context["error"] = error.message
            status = error.status
    else:
        try:
            cases.case_get_for_staff(user=request.user, case_id=case_id, roles=cases.REVEAL_ROLES)
        except NotFound:
            return render(request, "workbench/cases/message.html", _missing(), status=404)
    response = render(request, "workbench/cases/reveal.html", context, status=status)
    response["Cache-Control"] = "no-store, private"
    return response
