"""Public catalogue API: /api/v1/catalog/… (no login; published items only)."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from pydantic import BaseModel

from govhall.catalog import search, selectors
from govhall.catalog.models import ServiceItemVersion
from govhall.core.facade import NotFound, ValidationFailed, rate_limit_check

router = Router(tags=["catalog"])
MAX_PAGE_SIZE = 50


class MaterialOut(Schema):
    name: str
    necessity: str
    condition_note: str
    form: str
    copies: int
    file_types: list[str]
    max_size_mb: int
    source: str
    legal_source: str
    satisfied_by_license_type: str
    satisfied_by_data_resource: str
    note: str


class FeeOut(Schema):
    name: str
    amount: Decimal
    legal_basis: str
    note: str


class ItemSummaryOut(Schema):
    code: str
    name: str
    version: int
    department: str
    department_id: int
    region_code: str
    item_type: str
    service_object: str
    handling_type: str
    statutory_limit: int
    promised_limit: int
    limit_unit: str
    visits_required: int
    online_application: bool
    online_depth: int
    online_depth_label: str


class ItemDetailOut(ItemSummaryOut):
    basic_code: str
    keywords: str
    summary: str
    conditions: str
    legal_basis: str
    is_free: bool
    fees: list[FeeOut]
    uses_pre_review: bool
    result_delivery: str
    issues_license: bool
    license_type_code: str
    handling_place: str
    handling_hours: str
    consultation_channel: str
    complaint_channel: str
    process_description: str
    faq: list[dict[str, str]]
    themes: list[str]
    materials: list[MaterialOut]
    form_schema: dict[str, Any]
    effective_from: dt.date | None


class ItemPageOut(Schema):
    items: list[ItemSummaryOut]
    next_cursor: str | None


# Plain pydantic models for the hot search path: ninja's Schema resolves attributes through a
# Django-aware getter on every field, which cost more than the (cached) search itself.
class SearchHitOut(BaseModel):
    code: str
    name: str
    name_highlighted: str
    snippet_highlighted: str
    department_id: int
    score: float


class SearchPageOut(BaseModel):
    query: str
    total: int
    page: int
    page_size: int
    hits: list[SearchHitOut]


class ThemeOut(Schema):
    slug: str
    name: str
    kind: str
    audience: str


class BundleOut(Schema):
    code: str
    name: str
    summary: str
    theme: str | None
    lead_department: str
    statutory_limit: int
    promised_limit: int
    items: list[ItemSummaryOut] = []


class ItemQuery(Schema):
    department: int | None = None
    theme: str | None = None
    object: str | None = None
    region: str | None = None
    type: str | None = None
    cursor: str | None = None
    limit: int = 20


class SearchQuery(Schema):
    q: str = ""
    department: int | None = None
    theme: str | None = None
    object: str | None = None
    region: str | None = None
    type: str | None = None
    page: int = 1
    page_size: int = 20


def _summary(version: ServiceItemVersion) -> dict[str, Any]:
    item = version.service_item
    depth = selectors.online_depth(version)
    return {
        "code": item.code,
        "name": version.name,
        "version": version.version,
        "department": item.department.name,
        "department_id": item.department_id,
        "region_code": item.region_id,
        "item_type": item.basic_item.item_type,
        "service_object": version.service_object,
        "handling_type": version.handling_type,
        "statutory_limit": version.statutory_limit,
        "promised_limit": version.promised_limit,
        "limit_unit": version.limit_unit,
        "visits_required": version.visits_required,
        "online_application": version.online_application,
        "online_depth": depth,
        "online_depth_label": selectors.online_depth_label(depth),
    }


def _bad_paging() -> ValidationFailed:
    return ValidationFailed(
        _("分页参数无效：每页条数应为1至%(max)d。"), code="request.paging", params={"max": MAX_PAGE_SIZE}
    )


@router.get("/items", response=ItemPageOut, auth=None, summary="List published service items (cursor pagination)")
def item_list(request: HttpRequest, params: Query[ItemQuery]) -> dict[str, Any]:
    if not 1 <= params.limit <= MAX_PAGE_SIZE:
        raise _bad_paging()
    filters = selectors.ItemFilters(
        department_id=params.department,
        theme=params.theme,
        service_object=params.object,
        region_code=params.region,
        item_type=params.type,
    )
    qs = selectors.published_items(filters=filters).prefetch_related("materials").order_by("pk")
    if params.cursor:
        try:
            after = int(base64.urlsafe_b64decode(params.cursor.encode()).decode())
        except (ValueError, UnicodeDecodeError):
            raise ValidationFailed(_("分页游标无效，请从第一页重新开始。"), code="request.cursor") from None
        qs = qs.filter(pk__gt=after)
    rows = list(qs[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    cursor = base64.urlsafe_b64encode(str(rows[-1].pk).encode()).decode() if more and rows else None
    return {"items": [_summary(v) for v in rows], "next_cursor": cursor}


@router.get("/search", response=SearchPageOut, auth=None, summary="Chinese keyword search over published items")
def item_search(request: HttpRequest, params: Query[SearchQuery]) -> dict[str, Any]:
    rate_limit_check(purpose="search", request=request)
    if not 1 <= params.page_size <= MAX_PAGE_SIZE or not 1 <= params.page <= 1000:
        raise _bad_paging()
    filters = search.SearchFilters(
        department_id=params.department,
        region_code=params.region,
        service_object=params.object,
        theme=params.theme,
        item_type=params.type,
    )
    result = search.search_items(query=params.q, filters=filters, page=params.page, page_size=params.page_size)
    return {
        "query": params.q,
        "total": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "hits": [
            {
                "code": hit.code,
                "name": hit.name,
                "name_highlighted": hit.name_highlighted,
                "snippet_highlighted": hit.snippet_highlighted,
                "department_id": hit.department_id,
                "score": hit.score,
            }
            for hit in result.hits
        ],
    }


@router.get("/items/{code}", response=ItemDetailOut, auth=None, summary="A published service guide with materials")
def item_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    version = selectors.published_version(code=code)
    if version is None:
        raise NotFound(_("事项不存在或已停用。"), code="catalog.item_not_found")
    materials = list(version.materials.all())
    return {
        **_summary(version),
        "basic_code": version.service_item.basic_item.code,
        "keywords": version.keywords,
        "summary": version.summary,
        "conditions": version.conditions,
        "legal_basis": version.legal_basis,
        "is_free": version.is_free,
        "fees": list(version.fees.all()),
        "uses_pre_review": version.uses_pre_review,
        "result_delivery": version.result_delivery,
        "issues_license": version.issues_license,
        "license_type_code": version.license_type_code,
        "handling_place": version.handling_place,
        "handling_hours": version.handling_hours,
        "consultation_channel": version.consultation_channel,
        "complaint_channel": version.complaint_channel,
        "process_description": version.process_description,
        "faq": version.faq,
        "themes": [t.slug for t in version.themes.all()],
        "materials": materials,
        "form_schema": version.form_schema,
        "effective_from": version.effective_from,
    }


@router.get("/themes", response=list[ThemeOut], auth=None, summary="Themes, life events and enterprise stages")
def theme_list(request: HttpRequest) -> Any:
    return list(selectors.themes())


def _bundle_out(bundle: Any, versions: list[ServiceItemVersion] | None = None) -> dict[str, Any]:
    return {
        "code": bundle.code,
        "name": bundle.name,
        "summary": bundle.summary,
        "theme": bundle.theme.slug if bundle.theme else None,
        "lead_department": bundle.lead_department.name,
        "statutory_limit": bundle.statutory_limit,
        "promised_limit": bundle.promised_limit,
        "items": [_summary(v) for v in versions or []],
    }


@router.get("/bundles", response=list[BundleOut], auth=None, summary="一件事 bundles")
def bundle_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_bundle_out(b) for b in selectors.bundles()]


@router.get("/bundles/{code}", response=BundleOut, auth=None, summary="A bundle with its items")
def bundle_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    found = selectors.bundle_detail(code=code)
    if found is None:
        raise NotFound(_("一件事主题不存在。"), code="catalog.bundle_not_found")
    bundle, versions = found
    return _bundle_out(bundle, versions)
