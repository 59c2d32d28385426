"""证照共享接入管理: data-sharing administrators issue and revoke the API credentials department
systems use for the licence sharing API, and read the call log (who asked, why, with what result).

Who: staff holding the data-sharing administrator role; everyone else gets 403 from
``staff_required`` and the services check the role again. A new credential's token is rendered
once in the POST response (``Cache-Control: no-store``), never stored in clear, never put in a URL.
The call log shows a shortened keyed hash of the holder's number, never the number.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from govhall.accounts.facade import Role, department_list, staff_required
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError
from govhall.licenses import facade as licenses

ADMIN_ROLES = (Role.DATA_SHARING_ADMIN,)
SCOPE_LABELS = {"licenses.query": "licenses.query", "licenses.download": "licenses.download"}


def _actor(request: HttpRequest) -> Actor:
    return Actor(user_id=request.user.pk, role=Role.DATA_SHARING_ADMIN)


@staff_required(roles=ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def sharing_credentials(request: HttpRequest) -> HttpResponse:
    values: dict[str, object] = {"scopes": list(licenses.SHARING_SCOPES)}
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        values = {
            "name": request.POST.get("name", ""),
            "department": request.POST.get("department", ""),
            "scopes": request.POST.getlist("scopes"),
        }
        try:
            department_id = int(str(values["department"]) or 0)
        except ValueError:
            department_id = 0
        try:
            issued = licenses.sharing_credential_issue(
                actor=_actor(request),
                user=request.user,
                department_id=department_id,
                name=str(values["name"]),
                scopes=list(values["scopes"]),  # type: ignore[call-overload]
            )
        except GovhallError as error:
            errors.append(error.message)
            status = error.status
        else:
            response = render(request, "workbench/sharing/token.html", {"issued": issued})
            add_never_cache_headers(response)
            return response
    return render(
        request,
        "workbench/sharing/credentials.html",
        {
            "credentials": licenses.sharing_credentials(),
            "calls": licenses.sharing_call_log(limit=50),
            "departments": department_list(),
            "scopes": licenses.SHARING_SCOPES,
            "values": values,
            "errors": errors,
        },
        status=status,
    )


@staff_required(roles=ADMIN_ROLES)
@require_POST
def sharing_credential_revoke(request: HttpRequest, credential_id: int) -> HttpResponse:
    try:
        info = licenses.sharing_credential_revoke(actor=_actor(request), credential_id=credential_id, user=request.user)
    except GovhallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已停用“%(name)s”的接入凭证，立即生效。") % {"name": info.name})
    return HttpResponseRedirect(reverse("workbench:sharing_credentials"))
