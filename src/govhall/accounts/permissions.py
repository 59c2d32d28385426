"""Every view declares who may use it. ``tests/test_routes.py`` fails for a route without a rule.

Rules are decorators that both enforce and label a view (``view.access_rule``):

- ``public``: anyone, signed in or not.
- ``citizen_required``: a signed-in citizen or enterprise handler (公众用户).
- ``staff_required(roles=...)``: a signed-in staff member (after TOTP), optionally holding one
  of ``roles`` in some department. Finer checks (which department, which case) live in each
  app's ``access.py`` gatekeepers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from govhall.accounts.selectors import roles_memoized
from govhall.accounts.session_store import preloaded_role_pairs

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])

RULE_PUBLIC = "public"
RULE_CITIZEN = "citizen"
RULE_STAFF = "staff"


def public(view: ViewFunc) -> ViewFunc:
    view.access_rule = RULE_PUBLIC  # type: ignore[attr-defined]
    return view


def _redirect_to_login(request: HttpRequest, login_url_name: str) -> HttpResponse:
    return HttpResponseRedirect(f"{reverse(login_url_name)}?{urlencode({'next': request.get_full_path()})}")


def citizen_required(view: ViewFunc) -> ViewFunc:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or not getattr(user, "is_citizen", False):
            return _redirect_to_login(request, "portal:login")
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    wrapper.access_rule = RULE_CITIZEN  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def staff_required(roles: Iterable[str] = ()) -> Callable[[ViewFunc], ViewFunc]:
    wanted = frozenset(roles)

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated or not getattr(user, "is_staff_member", False):
                return _redirect_to_login(request, "workbench:login")
            with roles_memoized(user, preloaded_role_pairs(request)) as pairs:
                if wanted and not any(role in wanted for _department, role in pairs):
                    return HttpResponse(status=403)
                response: HttpResponse = view(request, *args, **kwargs)
            return response

        wrapper.access_rule = RULE_STAFF + (":" + ",".join(sorted(wanted)) if wanted else "")  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator
