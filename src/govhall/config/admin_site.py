"""Django admin is for system administrators (系统管理员) only, reached after the staff sign-in
with TOTP; its own password-only login form is never used."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from govhall.accounts.facade import is_system_admin


def restrict_admin_site(site: AdminSite) -> None:
    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_authenticated and is_system_admin(user=user))  # type: ignore[arg-type]

    def login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
        target = request.GET.get("next", reverse("admin:index"))
        if request.user.is_authenticated:
            # Signed in but not a system administrator: no admin for you.
            return HttpResponse(status=403)
        return HttpResponseRedirect(f"{reverse('workbench:login')}?next={target}")

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.login = login  # type: ignore[assignment,method-assign]
    site.site_header = "govhall 系统管理"
    site.site_title = "govhall 系统管理"
