"""Whether a file says something new: its values compared with what is stored, the way a person
reading them would (CRLF and LF line breaks are the same text; dates and notes alone are not a
change)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import models

from govhall.catalog.constants import VersionStatus
from govhall.catalog.exchange.exporting import version_content
from govhall.catalog.exchange.formats import model_default
from govhall.catalog.models import Bundle, MaterialRequirement, ServiceItemVersion
from govhall.catalog.services import MATERIAL_FIELDS


def action_for(current: models.Model | None, values: Mapping[str, Any]) -> str:
    """``created``, ``updated`` or ``unchanged``: a theme or basic item given ``values``."""
    if current is None:
        return "created"
    same = all(same_text(getattr(current, k)) == same_text(v) for k, v in values.items())
    return "unchanged" if same else "updated"


def bundle_values(bundle: Bundle) -> dict[str, Any]:
    """A stored bundle as the import's values (``is_active`` only when it is off)."""
    return {
        "name": bundle.name,
        "summary": bundle.summary,
        "theme": bundle.theme.slug if bundle.theme else "",
        "lead_department": bundle.lead_department,
        "items": [link.service_item.code for link in bundle.bundle_items.all()],
        "statutory_limit": bundle.statutory_limit,
        "promised_limit": bundle.promised_limit,
        "form_schema": bundle.form_schema,
        **({} if bundle.is_active else {"is_active": False}),
    }


def current_version(versions: Sequence[ServiceItemVersion]) -> ServiceItemVersion | None:
    """The version an import builds on: the draft, else the published one, else the latest."""
    for status in (VersionStatus.DRAFT, VersionStatus.PUBLISHED):
        for version in versions:
            if version.status == status:
                return version
    return max(versions, key=lambda v: v.version, default=None)


def same_text(value: Any) -> Any:
    """Compare texts by what they show: spreadsheets turn CRLF line breaks into LF."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, list):
        return [same_text(v) for v in value]
    if isinstance(value, dict):
        return {k: same_text(v) for k, v in value.items()}
    return value


def _full_material(clean: Mapping[str, Any]) -> dict[str, Any]:
    return {name: clean.get(name, model_default(MaterialRequirement, name)) for name in MATERIAL_FIELDS}


def _fee_key(fee: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "name": fee["name"],
        "amount": str(Decimal(str(fee["amount"])).quantize(Decimal("0.01"))),
        "legal_basis": fee["legal_basis"],
        "note": fee.get("note", ""),
    }


def differs(
    version: ServiceItemVersion,
    *,
    values: Mapping[str, Any],
    materials: Sequence[Mapping[str, Any]] | None,
    fees: Sequence[Mapping[str, Any]] | None,
    themes: Sequence[str] | None,
) -> bool:
    """Whether the file's content for an item differs from ``version`` (dates and notes aside).

    ``None`` for materials, fees or themes: the file leaves them as they are.
    """
    stored = version_content(version)
    for name, value in values.items():
        if name not in ("change_note", "effective_from") and same_text(stored[name]) != same_text(value):
            return True
    if materials is not None:
        wanted = [_full_material(m) for m in materials]
        if same_text(wanted) != same_text(stored["materials"]):
            return True
    if fees is not None:
        wanted = [_fee_key(f) for f in fees]
        if same_text(wanted) != same_text([_fee_key(f) for f in stored["fees"]]):
            return True
    return themes is not None and sorted(set(themes)) != stored["themes"]
