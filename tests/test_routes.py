"""Every route declares its access rule (see govhall.accounts.permissions)."""

from __future__ import annotations

from collections.abc import Iterator

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
