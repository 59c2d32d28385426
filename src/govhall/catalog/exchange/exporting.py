"""The export: the catalogue as the ``govhall-catalog/1`` document, and that document as JSON or as
the exchange workbook. ``version_content`` is also what an import compares a file against."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.catalog.constants import VersionStatus
from govhall.catalog.exchange.formats import (
    BASIC_ITEMS,
    BUNDLES,
    ENTITIES,
    FEES,
    FORMAT,
    ITEM_LEVEL,
    ITEMS,
    MATERIALS,
    THEMES,
    XLSX_CELL_MAX,
    Column,
    Entity,
    choice_label,
)
from govhall.catalog.exchange.values import xlsx_escape
from govhall.catalog.models import BasicItem, Bundle, ServiceItemVersion, Theme
from govhall.catalog.services import FEE_FIELDS, MATERIAL_FIELDS, VERSION_FIELDS
from govhall.core.facade import ValidationFailed


def catalog_document(*, include_drafts: bool = False) -> dict[str, Any]:
    """The catalogue as a ``govhall-catalog/1`` document (JSON-able).

    Each item appears with its published version; with ``include_drafts`` an item's draft is
    written instead where it has one (so never-published items appear too). Only active bundles.
    """
    statuses = [VersionStatus.PUBLISHED, *([VersionStatus.DRAFT] if include_drafts else [])]
    chosen: dict[int, ServiceItemVersion] = {}
    for version in with_children(ServiceItemVersion.objects.filter(status__in=statuses)):
        if version.service_item_id not in chosen or version.status == VersionStatus.DRAFT:
            chosen[version.service_item_id] = version
    items = []
    for version in sorted(chosen.values(), key=lambda v: v.service_item.code):
        item = version.service_item
        items.append(
            {
                "code": item.code,
                "basic_code": item.basic_item.code,
                "department_credit_code": item.department.credit_code,
                "region_code": item.region.code,
                "version": version_content(version),
            }
        )
    bundles = Bundle.objects.filter(is_active=True).select_related("theme", "lead_department")
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "themes": [
            {name: getattr(theme, name) for name in ("slug", "name", "kind", "audience", "description", "sort_order")}
            for theme in Theme.objects.order_by("sort_order", "slug")
        ],
        "basic_items": [
            {name: getattr(basic, name) for name in ("code", "name", "item_type", "legal_basis", "exercise_level")}
            for basic in BasicItem.objects.order_by("code")
        ],
        "service_items": items,
        "bundles": [
            {
                "code": bundle.code,
                "name": bundle.name,
                "summary": bundle.summary,
                "theme": bundle.theme.slug if bundle.theme else "",
                "lead_department_credit_code": bundle.lead_department.credit_code,
                "items": [link.service_item.code for link in bundle.bundle_items.all()],
                "statutory_limit": bundle.statutory_limit,
                "promised_limit": bundle.promised_limit,
                "form_schema": bundle.form_schema,
            }
            for bundle in bundles.prefetch_related("bundle_items__service_item").order_by("code")
        ],
    }


def catalog_export(*, fmt: str, include_drafts: bool = False) -> bytes:
    """The catalogue as a JSON document or an xlsx workbook (see ``catalog_document``).

    Raises ``ValidationFailed`` (``catalog.export_cell_too_long``) if a value does not fit in an
    xlsx cell — export JSON instead then.
    """
    document = catalog_document(include_drafts=include_drafts)
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2).encode()
    if fmt == "xlsx":
        return _write_xlsx(document)
    raise ValueError(f"unknown catalogue format {fmt!r}")


def with_children(queryset: models.QuerySet[ServiceItemVersion]) -> models.QuerySet[ServiceItemVersion]:
    """Versions with what ``version_content`` reads, fetched up front."""
    return queryset.select_related(
        "service_item__department", "service_item__region", "service_item__basic_item"
    ).prefetch_related("materials", "fees", "themes")


def version_content(version: ServiceItemVersion) -> dict[str, Any]:
    """A version's content in document form (uses prefetched children)."""
    data: dict[str, Any] = {name: getattr(version, name) for name in VERSION_FIELDS}
    data["effective_from"] = version.effective_from.isoformat() if version.effective_from else None
    data["themes"] = sorted(theme.slug for theme in version.themes.all())
    data["materials"] = [{name: getattr(m, name) for name in MATERIAL_FIELDS} for m in version.materials.all()]
    data["fees"] = [
        {**{name: getattr(f, name) for name in FEE_FIELDS}, "amount": str(f.amount)} for f in version.fees.all()
    ]
    return data


# --- the workbook -----------------------------------------------------------------------------


def _sheet_rows(document: Mapping[str, Any]) -> Iterator[tuple[Entity, dict[str, Any]]]:
    basics = {basic["code"]: basic for basic in document["basic_items"]}
    for item in document["service_items"]:
        version = item["version"]
        basic = basics.get(item["basic_code"], {})
        yield (
            ITEMS,
            {
                **{k: v for k, v in version.items() if k not in ("materials", "fees")},
                **{k: item[k] for k in ITEM_LEVEL},
                "item_type": basic.get("item_type"),
                "exercise_level": basic.get("exercise_level"),
            },
        )
    for item in document["service_items"]:
        for order, material in enumerate(item["version"]["materials"], start=1):
            yield MATERIALS, {**material, "item_code": item["code"], "order": order}
    for item in document["service_items"]:
        for fee in item["version"]["fees"]:
            yield FEES, {**fee, "item_code": item["code"]}
    for bundle in document["bundles"]:
        yield BUNDLES, bundle
    for theme in document["themes"]:
        yield THEMES, theme
    for basic in document["basic_items"]:
        yield BASIC_ITEMS, basic


def _cell_value(spec: Column, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "choice":
        assert spec.choices is not None
        return choice_label(spec.choices, value)
    if spec.kind == "bool":
        return "是" if value else "否"
    if spec.kind == "not_bool":
        return "否" if value else "是"
    if spec.kind == "list":
        return spec.joiner.join(value)
    if spec.kind in ("json_list", "json_object"):
        return json.dumps(value, ensure_ascii=False) if value else ""
    if spec.kind == "decimal":
        return Decimal(value)
    return value


def _write_xlsx(document: Mapping[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheets = {}
    bold = Font(bold=True)
    for entity in ENTITIES:
        sheet = workbook.create_sheet(entity.sheet)
        sheet.freeze_panes = "A2"
        for index, spec in enumerate(entity.fields, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = 24 if spec.kind == "code" else 16
        header = []
        for spec in entity.fields:
            cell = WriteOnlyCell(sheet, value=spec.header)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        sheets[entity.sheet] = sheet
    for entity, row in _sheet_rows(document):
        sheet = sheets[entity.sheet]
        cells = []
        for spec in entity.fields:
            value = _cell_value(spec, row.get(spec.name))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                value = cell.value = xlsx_escape(value)
                if len(value) > XLSX_CELL_MAX:
                    raise ValidationFailed(
                        _("“%(code)s”的“%(column)s”超过了xlsx单元格的长度上限，请改用JSON格式导出。"),
                        code="catalog.export_cell_too_long",
                        params={"code": row.get("code") or row.get("item_code") or "", "column": spec.header},
                    )
                cell.data_type = "s"  # text starting with "=" stays text, never a formula
                if spec.kind == "code":
                    cell.number_format = "@"
            elif spec.kind == "decimal":
                cell.number_format = "0.00"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
