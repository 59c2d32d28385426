"""Every route declares its access rule (see govhall.accounts.permissions)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from ninja.constants import NOT_SET

from govhall.config.api import api

# Routes owned by Django itself, each with its own enforced rule.
FRAMEWORK_PREFIXES = {
    "admin/": "Django admin: has_permission() requires the system administrator role",
    "api/v1/": "django-ninja operations: checked by test_every_api_operation_declares_auth",
}


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, object]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if any(route.startswith(p) for p in FRAMEWORK_PREFIXES):
                continue
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_every_route_declares_an_access_rule():
    missing = [route for route, view in _walk(get_resolver().url_patterns) if not getattr(view, "access_rule", None)]
    assert missing == []


def test_route_walk_finds_the_known_routes():
    routes = dict(_walk(get_resolver().url_patterns))
    assert routes["me/"].access_rule == "citizen"
    assert routes["workbench/"].access_rule == "staff"
    assert routes["login/"].access_rule == "public"


def test_a_route_without_a_rule_is_reported():
    def naked_view(request):  # pragma: no cover - never called
        return None

    from django.urls import path

    found = [route for route, view in _walk([path("naked/", naked_view)]) if not getattr(view, "access_rule", None)]
    assert found == ["naked/"]


def _undeclared_operations(ninja_api) -> list[str]:
    """Operations that neither require auth nor say ``auth=None`` (public) explicitly."""
    undeclared = []
    for prefix, router in ninja_api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                router_auth = getattr(router, "auth", NOT_SET)
                if operation.auth_param is NOT_SET and router_auth is NOT_SET:
                    undeclared.append(f"{prefix}{path}")
    return undeclared


def test_every_api_operation_declares_auth():
    assert _undeclared_operations(api) == []


def test_an_api_operation_without_auth_declaration_is_reported():
    from ninja import NinjaAPI, Router

    router = Router()

    @router.get("/open")
    def open_view(request):  # pragma: no cover - never called
        return {}

    probe = NinjaAPI(urls_namespace="probe")
    probe.add_router("/x", router)
    assert any(item.endswith("/open") for item in _undeclared_operations(probe))


# --- the tests of the tests: take the rule away from any route and the checks must notice ----------


def _all_routes() -> list[tuple[str, object]]:
    return list(_walk(get_resolver().url_patterns))


def _missing(routes: list[tuple[str, object]]) -> list[str]:
    return [route for route, view in routes if not getattr(view, "access_rule", None)]


def test_removing_the_rule_of_any_route_is_reported():
    routes = _all_routes()
    assert len(routes) >= 50
    for route, view in routes:
        rule = view.access_rule  # type: ignore[attr-defined]
        del view.access_rule  # type: ignore[attr-defined]
        try:
            assert route in _missing(routes), route
        finally:
            view.access_rule = rule  # type: ignore[attr-defined]
    assert _missing(routes) == []


def test_removing_the_auth_declaration_of_any_api_operation_is_reported():
    checked = 0
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                saved = (getattr(router, "auth", NOT_SET), operation.auth_param)
                router.auth, operation.auth_param = NOT_SET, NOT_SET
                try:
                    assert f"{prefix}{path}" in _undeclared_operations(api), f"{prefix}{path}"
                finally:
                    router.auth, operation.auth_param = saved
                checked += 1
    assert checked >= 10
    assert _undeclared_operations(api) == []


def test_route_walk_covers_every_prefix_including_the_oidc_provider():
    routes = dict(_all_routes())
    prefixes = {route.split("/", 1)[0] + "/" for route in routes if "/" in route}
    assert {"o/", "workbench/", "me/", "services/", "i18n/"} <= prefixes
    assert routes["o/authorize/"].access_rule  # type: ignore[attr-defined]
    # Only Django admin and the ninja API are left to their own (tested) enforcement.
    assert not any(route.startswith(tuple(FRAMEWORK_PREFIXES)) for route in routes)


def _admin_urls() -> list[str]:
    """Every admin URL with placeholder arguments (object id 1, a real app label)."""
    from django.contrib import admin

    urls = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                urls.append(route)

    walk(admin.site.urls[0], "admin/")
    concrete = []
    for route in urls:
        route = route.replace("^", "").replace("$", "")
        route = re.sub(r"\(\?P<app_label>[^)]*\)", "accounts", route)
        route = re.sub(r"<path:[a-z_]+>|<[a-z_]+>|<int:[a-z_]+>", "1", route)
        route = re.sub(r"\(\?P<[a-z_]+>[^)]*\)", "1", route)
        concrete.append("/" + route)
    return sorted(set(concrete))


@pytest.mark.django_db
def test_every_django_admin_url_refuses_all_but_the_system_administrator():
    from django.test import Client

    from govhall.accounts import services as account_services
    from govhall.accounts.constants import Role
    from tests import factories

    urls = [url for url in _admin_urls() if not url.startswith(("/admin/login/", "/admin/logout/"))]
    assert len(urls) >= 20
    citizen, _number = factories.citizen()
    staff = factories.staff()
    security_admin = factories.staff()
    department = factories.department()
    account_services.role_grant(
        actor=factories.SYSTEM, user=security_admin, department=department, role=Role.SECURITY_ADMIN
    )
    callers = {"anonymous": Client()}
    for name, user in {"citizen": citizen, "staff": staff, "security_admin": security_admin}.items():
        callers[name] = Client()
        callers[name].force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    for url in urls:
        for name, client in callers.items():
            status = client.get(url).status_code
            assert status in {301, 302, 403, 404}, (name, url, status)
            if status == 302:
                assert name == "anonymous" or "/admin/" not in client.get(url)["Location"], (name, url)
    sysadmin = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=sysadmin, department=department, role=Role.SYSTEM_ADMIN)
    allowed = Client()
    allowed.force_login(sysadmin, backend="govhall.accounts.backends.GovhallBackend")
    assert allowed.get("/admin/").status_code == 200
