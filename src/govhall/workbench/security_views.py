"""Staff security pages: one's own signed-in sessions (any staff member), every staff member's
sessions for the security administrator (安全保密管理员, 三员分立), and the window clerk's record
of a mandate (帮办代办) confirmed in person.

ID numbers are typed into POST forms only and never shown back in full.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.accounts import facade as accounts
from govhall.accounts.facade import Role, staff_required
from govhall.cases import facade as cases
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError, NotFound


class InPersonMandateForm(forms.Form):
    principal_id_number = forms.CharField(label=gettext_lazy("委托人身份证号码"), min_length=15, max_length=18)
    principal_name = forms.CharField(label=gettext_lazy("委托人姓名"), max_length=64)
    agent_id_number = forms.CharField(label=gettext_lazy("代办人身份证号码"), min_length=15, max_length=18)
    agent_name = forms.CharField(label=gettext_lazy("代办人姓名"), max_length=64)
    all_items = forms.BooleanField(label=gettext_lazy("委托办理全部事项"), required=False)
    item_codes = forms.CharField(
        label=gettext_lazy("委托事项编码（多个用空格或逗号分隔）"), required=False, max_length=2000
    )
    expires_on = forms.DateField(label=gettext_lazy("有效期至"), widget=forms.DateInput(attrs={"type": "date"}))
    originals_checked = forms.BooleanField(
        label=gettext_lazy("已当面核验委托人、代办人身份证原件，委托人本人当面确认委托。"),
        error_messages={"required": gettext_lazy("请当面核验原件并确认后再登记。")},
    )


@staff_required()
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    rows = [(row, accounts.session_is_current(row, request)) for row in accounts.sessions_active(user=request.user)]
    return render(request, "workbench/security/sessions.html", {"rows": rows})


@staff_required()
@require_POST
def my_session_end(request: HttpRequest, session_id: int) -> HttpResponse:
    try:
        accounts.session_end(user=request.user, session_id=session_id)
    except NotFound:
        return HttpResponse(status=404)
    messages.success(request, _("已结束该登录会话。"))
    return HttpResponseRedirect(reverse("workbench:my_sessions"))


@staff_required(roles=(Role.SECURITY_ADMIN,))
@require_GET
def staff_sessions(request: HttpRequest) -> HttpResponse:
    return render(request, "workbench/security/staff_sessions.html", {"rows": accounts.staff_with_sessions()})


@staff_required(roles=(Role.SECURITY_ADMIN,))
@require_POST
def staff_sessions_end(request: HttpRequest, user_id: int) -> HttpResponse:
    try:
        ended = accounts.staff_sessions_end(actor_user=request.user, user_id=user_id)
    except NotFound:
        return HttpResponse(status=404)
    except GovhallError as error:
        return HttpResponse(error.message, status=error.status)
    messages.success(request, _("已结束该工作人员的 %(count)d 个登录会话。") % {"count": ended})
    return HttpResponseRedirect(reverse("workbench:staff_sessions"))


def _clerk_actor(request: HttpRequest) -> Actor:
    user: Any = request.user
    departments = sorted(cases.staff_departments(user=user, roles=(Role.WINDOW_CLERK,)))
    return Actor(user_id=user.pk, role=Role.WINDOW_CLERK, department_id=departments[0] if departments else None)


@staff_required(roles=(Role.WINDOW_CLERK,))
@require_http_methods(["GET", "POST"])
def mandate_in_person(request: HttpRequest) -> HttpResponse:
    """窗口登记代办委托: the principal confirms in person; the clerk records it."""
    form = InPersonMandateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            raw = data.get("item_codes") or ""
            try:
                mandate = accounts.mandate_record_in_person(
                    actor=_clerk_actor(request),
                    principal_id_number=data["principal_id_number"],
                    principal_name=data["principal_name"],
                    agent_id_number=data["agent_id_number"],
                    agent_name=data["agent_name"],
                    all_items=data["all_items"],
                    item_codes=[c for c in raw.replace(",", " ").replace("，", " ").split() if c],
                    expires_on=data["expires_on"],
                )
            except GovhallError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(
                    request,
                    _("已登记代办委托（编号 %(id)d），即时生效。委托人可在“我的账户—代办委托”中查看或撤销。")
                    % {"id": mandate.pk},
                )
                return HttpResponseRedirect(reverse("workbench:mandate_in_person"))
        else:
            status = 422
    return render(request, "workbench/security/mandate_in_person.html", {"form": form}, status=status)
