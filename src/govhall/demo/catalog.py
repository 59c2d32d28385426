"""Load the demo catalogue (``catalog_data``) through the catalogue services. Idempotent: items
and bundles that exist are left alone."""

from __future__ import annotations

from typing import Any

from govhall.accounts import facade as accounts
from govhall.catalog import facade as catalog
from govhall.core.contracts import Actor
from govhall.demo import catalog_data

ACTOR = Actor.system("demo")
NON_VERSION_KEYS = {"materials", "fees", "themes", "form_fields"}


def implementation_code(department: Any, basic_code: str) -> str:
    """GB/T 39554.1 style: the implementing department's credit code + basic code + 3-digit 业务办理项."""
    return f"{department.credit_code}{basic_code}001"


def load_catalog(departments: dict[str, Any]) -> dict[str, int]:
    """Create themes, items (published version 1) and bundles that are missing. Returns counts."""
    created = {"themes": 0, "items": 0, "bundles": 0}
    existing_themes = {t.slug for t in catalog.themes()}
    for order, theme in enumerate(catalog_data.THEMES):
        if theme["slug"] not in existing_themes:
            catalog.theme_upsert(actor=ACTOR, sort_order=order * 10, **theme)
            created["themes"] += 1
    codes: dict[str, str] = {}
    for item in catalog_data.ITEMS:
        code = implementation_code(departments[item["department"]], item["basic_code"])
        codes[item["key"]] = code
        if catalog.item_by_code(code=code) is not None:
            continue
        basic = catalog.basic_item_upsert(
            actor=ACTOR,
            code=item["basic_code"],
            name=item["basic_name"],
            item_type=item["item_type"],
            exercise_level=item["exercise_level"],
            legal_basis=item["version"]["legal_basis"],
        )
        data = item["version"]
        fields = {k: v for k, v in data.items() if k not in NON_VERSION_KEYS}
        fields["form_schema"] = catalog.form_schema_from_fields(data["form_fields"], title=data["name"])
        version = catalog.service_item_create(
            actor=ACTOR,
            code=code,
            basic_item=basic,
            department=departments[item["department"]],
            region=accounts.region_require(item["region"]),
            fields=fields,
            materials=data["materials"],
            fees=data["fees"],
            theme_slugs=data["themes"],
        )
        catalog.version_publish(actor=ACTOR, version=version)
        created["items"] += 1
    existing_bundles = {b.code for b in catalog.bundles()}
    for bundle in catalog_data.BUNDLES:
        if bundle["code"] in existing_bundles:
            continue
        catalog.bundle_upsert(
            actor=ACTOR,
            code=bundle["code"],
            name=bundle["name"],
            summary=bundle["summary"],
            theme_slug=bundle["theme"],
            lead_department=departments[bundle["lead_department"]],
            item_codes=[codes[key] for key in bundle["items"]],
            statutory_limit=bundle["statutory_limit"],
            promised_limit=bundle["promised_limit"],
        )
        created["bundles"] += 1
    return created


__all__ = ["load_catalog"]
