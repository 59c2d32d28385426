"""Catalogue search (placeholder interface; the full implementation replaces this module)."""

from __future__ import annotations

from typing import Any


def index_version(version: Any) -> None:
    """Put a published version into the search index (replacing the item's previous entry)."""


def remove_item(service_item_id: int) -> None:
    """Remove an item from the search index (retired)."""
