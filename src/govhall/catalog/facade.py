"""The public face of the catalogue for other apps."""

from __future__ import annotations

from typing import Any

from govhall.catalog.access import (
    CatalogScope,
    catalog_admin_scope,
    service_item_get_for_admin,
    version_get_for_admin,
)
from govhall.catalog.constants import (
    Audience,
    ExerciseLevel,
    HandlingType,
    ItemType,
    LimitUnit,
    MaterialForm,
    MaterialNecessity,
    ServiceObject,
    ThemeKind,
    VersionStatus,
)
from govhall.catalog.selectors import (
    FieldChange,
    ItemFilters,
    bundle_detail,
    bundles,
    departments_with_items,
    item_admin_list,
    item_by_code,
    item_versions,
    materials_checklist,
    online_depth,
    online_depth_label,
    published_items,
    published_version,
    themes,
    version_diff,
    version_requirements,
    version_with_children,
)
from govhall.catalog.services import (
    basic_item_upsert,
    bundle_upsert,
    form_schema_from_fields,
    service_item_create,
    theme_upsert,
    version_draft_from,
    version_get,
    version_publish,
    version_retire,
    version_snapshot,
    version_update_draft,
)


def catalog_import(**kwargs: Any) -> Any:
    """Import a catalogue file (JSON or xlsx); see ``govhall.catalog.exchange.catalog_import``."""
    from govhall.catalog import exchange

    return exchange.catalog_import(**kwargs)


def catalog_export(**kwargs: Any) -> Any:
    from govhall.catalog import exchange

    return exchange.catalog_export(**kwargs)


def search_items(**kwargs: Any) -> Any:
    """Chinese keyword search over published items; see ``govhall.catalog.search.search_items``."""
    from govhall.catalog import search

    return search.search_items(**kwargs)


def search_filters(**kwargs: Any) -> Any:
    """Build a ``SearchFilters`` (department_id, region_code, service_object, theme, item_type)."""
    from govhall.catalog import search

    return search.SearchFilters(**kwargs)


__all__ = [
    "Audience",
    "CatalogScope",
    "ExerciseLevel",
    "FieldChange",
    "HandlingType",
    "ItemFilters",
    "ItemType",
    "LimitUnit",
    "MaterialForm",
    "MaterialNecessity",
    "ServiceObject",
    "ThemeKind",
    "VersionStatus",
    "basic_item_upsert",
    "bundle_detail",
    "bundle_upsert",
    "bundles",
    "catalog_admin_scope",
    "catalog_export",
    "catalog_import",
    "departments_with_items",
    "form_schema_from_fields",
    "item_admin_list",
    "item_by_code",
    "item_versions",
    "materials_checklist",
    "online_depth",
    "online_depth_label",
    "published_items",
    "published_version",
    "search_filters",
    "search_items",
    "service_item_create",
    "service_item_get_for_admin",
    "theme_upsert",
    "themes",
    "version_diff",
    "version_draft_from",
    "version_get",
    "version_get_for_admin",
    "version_publish",
    "version_requirements",
    "version_retire",
    "version_snapshot",
    "version_update_draft",
    "version_with_children",
]
