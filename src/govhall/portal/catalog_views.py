"""Public service guides (办事指南): browse, search, the guide page, bundles (一件事), and the
elderly-friendly display switch. No login anywhere here; nothing personal in any URL.

Reads go through ``govhall.catalog.facade`` only. Draft and retired versions are never shown:
``published_version`` answers ``None`` for them and the page is a 404.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from govhall.accounts.facade import public
from govhall.catalog import facade as catalog
from govhall.core.facade import rate_limit, safe_next_url
from govhall.portal.forms import CatalogSearchForm

PAGE_SIZE = 20
ELDERLY_COOKIE = "govhall_elderly"
ELDERLY_COOKIE_SECONDS = 365 * 24 * 3600
# Offered when a search finds nothing: common requests in a prefecture-level city's hall.
SUGGESTED_SEARCHES = ("营业执照", "食品经营许可", "公积金提取", "新生儿", "社保卡", "户口迁移", "不动产登记")


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One line of a result list. ``name_html``/``snippet_html`` carry search highlights."""

    code: str
    name: str
    department: str
    name_html: str = ""
    snippet_html: str = ""
    depth: int | None = None
    depth_label: str = ""
    promised_limit: int | None = None
    statutory_limit: int | None = None
    limit_unit: str = ""
    visits: int | None = None
    online_application: bool = False
    service_object: str = ""
    handling_type: str = ""


def _row(version: Any, *, name_html: str = "", snippet_html: str = "") -> ItemRow:
    depth = catalog.online_depth(version)
    return ItemRow(
        code=version.service_item.code,
        name=version.name,
        department=version.service_item.department.name,
        name_html=name_html,
        snippet_html=snippet_html,
        depth=depth,
        depth_label=catalog.online_depth_label(depth),
        promised_limit=version.promised_limit,
        statutory_limit=version.statutory_limit,
        limit_unit=version.get_limit_unit_display(),
        visits=version.visits_required,
        online_application=version.online_application,
        service_object=version.get_service_object_display(),
        handling_type=version.get_handling_type_display(),
    )


def _rows(versions: Iterable[Any]) -> list[ItemRow]:
    return [_row(version) for version in versions]


def _rows_for_hits(hits: Sequence[Any], department_names: dict[int, str]) -> list[ItemRow]:
    """Search hits enriched with the guide facts (depth, limits, visits) of their published version."""
    codes = [hit.code for hit in hits]
    versions = {
        version.service_item.code: version
        for version in catalog.published_items().filter(service_item__code__in=codes).prefetch_related("materials")
    }
    rows = []
    for hit in hits:
        version = versions.get(hit.code)
        if version is not None:
            rows.append(_row(version, name_html=hit.name_highlighted, snippet_html=hit.snippet_highlighted))
        else:  # unpublished since it was indexed: still list it, the guide link explains
            rows.append(
                ItemRow(
                    code=hit.code,
                    name=hit.name,
                    department=department_names.get(hit.department_id, ""),
                    name_html=hit.name_highlighted,
                    snippet_html=hit.snippet_highlighted,
                )
            )
    return rows


def _page_window(page: int, pages: int, width: int = 2) -> list[int]:
    return list(range(max(1, page - width), min(pages, page + width) + 1))


def _paged_rows(request: HttpRequest, versions: Any) -> dict[str, Any]:
    """One page of a published-items list, with what the pagination include needs."""
    paginator = Paginator(versions.prefetch_related("materials"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "rows": _rows(page),
        "total": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "page_window": _page_window(page.number, paginator.num_pages),
    }


def departments_with_items() -> list[dict[str, Any]]:
    return catalog.departments_with_items()


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "portal/catalog/not_found.html", {"message": message}, status=404)


@public
@require_GET
def catalog_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/catalog/home.html",
        {
            "departments": departments_with_items(),
            "themes": catalog.themes(kind=catalog.ThemeKind.THEME),
            "life_events": catalog.themes(kind=catalog.ThemeKind.LIFE_EVENT),
            "business_events": catalog.themes(kind=catalog.ThemeKind.BUSINESS_EVENT),
            "bundles": catalog.bundles(),
            "suggested": SUGGESTED_SEARCHES,
        },
    )


@public
@require_GET
@rate_limit("search", methods=("GET",))
def catalog_search(request: HttpRequest) -> HttpResponse:
    """Keyword search (``q``) with filters; without ``q`` the filtered catalogue in guide order."""
    departments = departments_with_items()
    department_names = {row["id"]: row["name"] for row in departments}
    theme_list = list(catalog.themes())
    form = CatalogSearchForm(
        request.GET,
        departments=[(row["id"], row["name"]) for row in departments],
        theme_choices=[(theme.slug, theme.name) for theme in theme_list],
    )
    values = form.values()
    page = values["page"]
    capped = False
    if values["q"]:
        given = {"department_id": values["department"], "service_object": values["object"], "theme": values["theme"]}
        result = catalog.search_items(
            query=values["q"],
            filters=catalog.search_filters(**{name: value for name, value in given.items() if value}),
            page=page,
            page_size=PAGE_SIZE,
        )
        total = int(result.total)
        capped = bool(getattr(result, "total_capped", False))
        rows = _rows_for_hits(list(result.hits), department_names)
    else:
        versions = catalog.published_items(
            filters=catalog.ItemFilters(
                department_id=values["department"], theme=values["theme"], service_object=values["object"]
            )
        ).prefetch_related("materials")
        paginator = Paginator(versions, PAGE_SIZE)
        total = paginator.count
        page = min(page, max(paginator.num_pages, 1))
        rows = _rows(paginator.page(page)) if total else []
    pages = max(math.ceil(total / PAGE_SIZE), 1) + (1 if capped else 0)
    active = []
    if values["department"]:
        active.append(department_names.get(values["department"], ""))
    if values["object"]:
        active.append(dict(form.fields["object"].choices)[values["object"]])  # type: ignore[attr-defined]
    if values["theme"]:
        active.append(next((t.name for t in theme_list if t.slug == values["theme"]), ""))
    return render(
        request,
        "portal/catalog/search.html",
        {
            "form": form,
            "query": values["q"],
            "rows": rows,
            "total": total,
            "total_capped": capped,
            "page": page,
            "pages": pages,
            "page_window": _page_window(page, pages),
            "active_filters": [name for name in active if name],
            "suggested": SUGGESTED_SEARCHES,
            "themes": [t for t in theme_list if t.kind != catalog.ThemeKind.THEME][:8],
        },
    )


@public
@require_GET
def catalog_department(request: HttpRequest, department_id: int) -> HttpResponse:
    department = next((row for row in departments_with_items() if row["id"] == department_id), None)
    if department is None:
        return _not_found(request, _("该部门暂无公开的办事事项。"))
    versions = catalog.published_items(filters=catalog.ItemFilters(department_id=department_id))
    return render(
        request,
        "portal/catalog/list.html",
        {"heading": department["name"], "kind_label": _("办理部门"), **_paged_rows(request, versions)},
    )


@public
@require_GET
def catalog_theme(request: HttpRequest, slug: str) -> HttpResponse:
    theme = catalog.themes().filter(slug=slug).first()
    if theme is None:
        return _not_found(request, _("没有这个主题。"))
    versions = catalog.published_items(filters=catalog.ItemFilters(theme=slug))
    return render(
        request,
        "portal/catalog/list.html",
        {
            "heading": theme.name,
            "kind_label": theme.get_kind_display(),
            "description": theme.description,
            **_paged_rows(request, versions),
            "bundles": catalog.bundles().filter(theme__slug=slug),
        },
    )


def apply_url(code: str) -> str:
    """Where "在线申请" leads: ``/apply/<code>/`` once the cases app serves it, else sign-in first."""
    path = f"/apply/{quote(code, safe='')}/"
    try:
        resolve(path)
    except Resolver404:
        return f"{reverse('portal:login')}?{urlencode({'next': path})}"
    return path


def _faq(version: Any) -> list[dict[str, str]]:
    entries = version.faq if isinstance(version.faq, list) else []
    return [
        {"q": str(entry["q"]), "a": str(entry["a"])} for entry in entries if isinstance(entry, dict) and "q" in entry
    ]


@public
@require_GET
def service_guide(request: HttpRequest, code: str) -> HttpResponse:
    version = catalog.published_version(code=code)
    if version is None:
        return _not_found(request, _("该事项不存在、尚未发布或已停止办理。"))
    depth = catalog.online_depth(version)
    item = version.service_item
    return render(
        request,
        "portal/catalog/guide.html",
        {
            "version": version,
            "item": item,
            "item_type": item.basic_item.get_item_type_display(),
            "depth": depth,
            "depth_label": catalog.online_depth_label(depth),
            "materials": list(version.materials.all()),
            "fees": list(version.fees.all()),
            "faq": _faq(version),
            "themes": list(version.themes.all()),
            "bundles": list(item.bundles.filter(is_active=True)),
            "apply_url": apply_url(item.code),
            "guide_url": request.build_absolute_uri(request.path),
        },
    )


@public
@require_GET
def bundle_page(request: HttpRequest, code: str) -> HttpResponse:
    found = catalog.bundle_detail(code=code)
    if found is None:
        return _not_found(request, _("该“一件事”不存在或已停用。"))
    bundle, versions = found
    checklist = [
        {**entry, "necessity_label": catalog.MaterialNecessity(entry["necessity"]).label}
        for entry in catalog.materials_checklist(versions=versions)
    ]
    return render(
        request,
        "portal/catalog/bundle.html",
        {
            "bundle": bundle,
            "rows": _rows(versions),
            "checklist": checklist,
            "online": bool(versions) and all(version.online_application for version in versions),
            "guide_url": request.build_absolute_uri(request.path),
        },
    )


@public
@require_POST
def elderly_mode(request: HttpRequest) -> HttpResponse:
    """Switch the elderly-friendly display (长者模式) on or off: a cookie, no personal data."""
    response = HttpResponseRedirect(safe_next_url(request, reverse("portal:home")))
    if request.POST.get("enable") == "1":
        response.set_cookie(
            ELDERLY_COOKIE,
            "1",
            max_age=ELDERLY_COOKIE_SECONDS,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(ELDERLY_COOKIE, samesite="Lax")
    return response
