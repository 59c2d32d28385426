"""The per-process cache of result pages, and the index's generation token that keeps it fresh."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.db import connection

from govhall.catalog.search.types import SearchPage
from govhall.catalog.search_models import SearchIndexState

RESULT_CACHE_SIZE = 2000  # pages kept per process unless settings.GOVHALL_SEARCH_CACHE_PAGES says otherwise


class _ResultCache:
    """Recent pages of this process, keyed by the index's generation token.

    Every index write changes the token (in the writing transaction), and every search reads it
    first, so a page is served from here only while the index is exactly as when it was built —
    in any process. Pages are immutable, so sharing them is safe.
    """

    def __init__(self) -> None:
        self.size: int | None = None  # from settings on first use
        self.pages: OrderedDict[tuple[Any, ...], SearchPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> SearchPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: tuple[Any, ...], page: SearchPage) -> None:
        if self.size is None:
            self.size = int(getattr(settings, "GOVHALL_SEARCH_CACHE_PAGES", RESULT_CACHE_SIZE))
        if self.size <= 0:
            return
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


_cache = _ResultCache()


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
