"""窗口实名核验: a window clerk checks a citizen's ID card in person and raises the account to L3.

Who: staff holding the window clerk or department admin role (``IN_PERSON_ROLES``; the service
checks again). The ID number is typed into a POST form — never in a URL — and the page shows
only the masked record. The confirmation posts the account id, not the ID number.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govhall.accounts.facade import (
    RealNameMethod,
    Role,
    person_by_id_number,
    realname_citizen_get,
    realname_info,
    realname_record_in_person,
    staff_required,
)
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError, parse_id_number

WINDOW_ROLES = (Role.WINDOW_CLERK, Role.DEPARTMENT_ADMIN)


@staff_required(roles=WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def in_person(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "methods": [
            (RealNameMethod.IN_PERSON, RealNameMethod.IN_PERSON.label),
            (RealNameMethod.FACE, RealNameMethod.FACE.label),
        ]
    }
    status = 200
    action = request.POST.get("action", "")
    if action == "lookup":
        try:
            number = parse_id_number(request.POST.get("id_number", "")).value
        except GovhallError as error:
            context["error"] = error.message
            status = error.status
        else:
            person = person_by_id_number(id_number=number)
            if person is None or person.user is None:
                context["error"] = _("没有使用该身份证号码注册的账户。请让办事人先注册，或核对号码。")
                status = 404
            else:
                context["person"] = person
                context["info"] = realname_info(user=person.user)
    elif action == "confirm":
        user = realname_citizen_get(user_id=_int(request.POST.get("user_id")))
        if user is None or request.POST.get("checked") != "on":
            context["error"] = _("请先查询办事人，并勾选“已当面核对身份证原件”。")
            status = 422
        else:
            try:
                level = realname_record_in_person(
                    actor=Actor(user_id=request.user.pk, role=Role.WINDOW_CLERK),
                    user=user,
                    method=request.POST.get("method", RealNameMethod.IN_PERSON),
                )
            except GovhallError as error:
                context["error"] = error.message
                status = error.status
            else:
                messages.success(request, _("已登记当面核验，该账户的实名等级现为 L%(level)d。") % {"level": level})
                return HttpResponseRedirect(reverse("workbench:realname_in_person"))
    return render(request, "workbench/realname/in_person.html", context, status=status)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
