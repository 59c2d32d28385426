"""The public face of the catalogue for other apps."""

from __future__ import annotations

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
from govhall.catalog.services import (
    basic_item_upsert,
    service_item_create,
    version_draft_from,
    version_get,
    version_publish,
    version_retire,
    version_snapshot,
    version_update_draft,
)

__all__ = [
    "Audience",
    "ExerciseLevel",
    "HandlingType",
    "ItemType",
    "LimitUnit",
    "MaterialForm",
    "MaterialNecessity",
    "ServiceObject",
    "ThemeKind",
    "VersionStatus",
    "basic_item_upsert",
    "service_item_create",
    "version_draft_from",
    "version_get",
    "version_publish",
    "version_retire",
    "version_snapshot",
    "version_update_draft",
]
