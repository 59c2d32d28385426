"""Django admin is for system administrators (系统管理员) only, reached after the staff sign-in
with TOTP; its own password-only login form is never used."""

from __future__ import annotations

from functools import update_wrapper
from typing import Any
from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_protect

from govhall.accounts.facade import is_system_admin


class GovhallAdminSite(AdminSite):
    site_header = "govhall 系统管理"
    site_title = "govhall 系统管理"
    index_title = "系统管理（仅系统管理员）"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_authenticated and is_system_admin(user=user))

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse('workbench:login')}?{query}")
            if not self.has_permission(request):
                return HttpResponse(status=403)
            return view(request, *args, **kwargs)

        wrapped = csrf_protect(inner)
        return update_wrapper(wrapped, view)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        query = urlencode({"next": reverse("admin:index")})
        return HttpResponseRedirect(f"{reverse('workbench:login')}?{query}")
