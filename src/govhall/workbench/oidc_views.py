"""统一身份认证接入管理: system administrators register departmental systems as OIDC clients.

Who: staff holding the system administrator role (三员 — the security and audit admins do not
manage clients); everyone else gets 403 from ``staff_required`` and the services check again.
A new or re-keyed client's secret is rendered once in the POST response (``Cache-Control:
no-store``), never stored in clear, never put in a URL or the session.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from govhall.accounts.facade import (
    OidcAudience,
    Role,
    department_list,
    oidc_client_create,
    oidc_client_delete,
    oidc_client_get,
    oidc_client_list,
    oidc_client_rotate_secret,
    staff_required,
)
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError

ADMIN_ROLES = (Role.SYSTEM_ADMIN,)


def _actor(request: HttpRequest) -> Actor:
    return Actor(user_id=request.user.pk, role=Role.SYSTEM_ADMIN)


def _endpoints(request: HttpRequest) -> dict[str, str]:
    return {
        "discovery": request.build_absolute_uri(reverse("oauth2_provider:oidc-connect-discovery-info")),
        "issuer": request.build_absolute_uri(reverse("oauth2_provider:oidc-connect-discovery-info")).removesuffix(
            "/.well-known/openid-configuration"
        ),
    }


def _secret_page(request: HttpRequest, issued: Any, *, rotated: bool) -> HttpResponse:
    response = render(
        request,
        "workbench/oidc/secret.html",
        {"issued": issued, "rotated": rotated, "endpoints": _endpoints(request)},
    )
    add_never_cache_headers(response)
    return response


@staff_required(roles=ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def client_list(request: HttpRequest) -> HttpResponse:
    values: dict[str, str] = {}
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        values = {
            key: request.POST.get(key, "")
            for key in ("name", "department", "audience", "redirect_uris", "post_logout_redirect_uris", "client_type")
        }
        try:
            department_id = int(values["department"] or 0)
        except ValueError:
            department_id = 0
        try:
            issued = oidc_client_create(
                actor=_actor(request),
                name=values["name"],
                department_id=department_id,
                audience=values["audience"],
                redirect_uris=values["redirect_uris"],
                post_logout_redirect_uris=values["post_logout_redirect_uris"],
                confidential=values["client_type"] != "public",
            )
        except GovhallError as error:
            errors.append(error.message)
            status = error.status
        else:
            return _secret_page(request, issued, rotated=False)
    context = {
        "clients": oidc_client_list(),
        "departments": department_list(),
        "audiences": OidcAudience.choices,
        "values": values,
        "errors": errors,
        "endpoints": _endpoints(request),
    }
    return render(request, "workbench/oidc/list.html", context, status=status)


@staff_required(roles=ADMIN_ROLES)
@require_http_methods(["GET"])
def client_detail(request: HttpRequest, client_id: str) -> HttpResponse:
    client = oidc_client_get(client_id=client_id)
    if client is None:
        raise Http404
    return render(request, "workbench/oidc/detail.html", {"client": client, "endpoints": _endpoints(request)})


@staff_required(roles=ADMIN_ROLES)
@require_POST
def client_rotate(request: HttpRequest, client_id: str) -> HttpResponse:
    try:
        issued = oidc_client_rotate_secret(actor=_actor(request), client_id=client_id)
    except GovhallError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("workbench:oidc_clients"))
    return _secret_page(request, issued, rotated=True)


@staff_required(roles=ADMIN_ROLES)
@require_POST
def client_delete(request: HttpRequest, client_id: str) -> HttpResponse:
    try:
        oidc_client_delete(actor=_actor(request), client_id=client_id)
    except GovhallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已删除接入系统，其签发的令牌全部失效。"))
    return HttpResponseRedirect(reverse("workbench:oidc_clients"))
