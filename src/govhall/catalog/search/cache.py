"""The per-process cache of result pages, and the index's generation token that keeps it fresh."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import connection

from govhall.catalog.search.types import SearchPage
from govhall.catalog.search_models import SearchIndexState
from govhall.core.facade import LruCache

RESULT_CACHE_SIZE = 2000  # pages kept per process unless settings.GOVHALL_SEARCH_CACHE_PAGES says otherwise


_cache: LruCache[SearchPage] = LruCache(lambda: int(getattr(settings, "GOVHALL_SEARCH_CACHE_PAGES", RESULT_CACHE_SIZE)))


def clear_cache() -> None:
    """Forget this process's cached pages (never needed for correctness; for measurements)."""
    _cache.clear()


def _generation() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM catalog_searchindexstate WHERE id = 1")
        row = cursor.fetchone()
    return str(row[0]) if row else ""


def _bump_generation() -> None:
    """Give the index a new generation token (call inside the transaction that changes it).

    A random token rather than a counter: a rolled-back change must never reuse a token that a
    cached page may already carry."""
    token = secrets.token_hex(8)
    SearchIndexState.objects.bulk_create([SearchIndexState(id=1, token=token)], ignore_conflicts=True)
    SearchIndexState.objects.filter(id=1).update(token=token)
