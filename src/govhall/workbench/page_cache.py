"""A per-process cache of whole rendered workbench pages, for pages whose key names every input
they are built from — above all a database generation token that moves with the data (the case
worklist: ``cases.facade.worklist_generations``). A cached page is served only while its key is
exactly as when it was rendered, so it is never stale; old entries just age out (LRU, and at most
``MAX_AGE`` seconds for inputs no token covers, such as a renamed department).

The page is stored with a placeholder where the CSRF token goes, and each response gets the
current request's token, exactly as rendering would (a signed-in page has forms: sign-out,
language, elderly mode). Not cached, nor served from the cache:
- a page with flash messages pending (they belong to one response);
- inside a database transaction: a generation read there might be the transaction's own,
  uncommitted one, which a rollback could hand out again for other data.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from govhall.core.facade import LruCache

PAGES = 500  # per process, unless settings.GOVHALL_PAGE_CACHE_PAGES says otherwise (0: off)
MAX_AGE = 300.0  # seconds
# Random per process: user data on a page can never spell it.
CSRF_PLACEHOLDER = f"csrf-{secrets.token_hex(20)}"

_pages: LruCache[bytes] = LruCache(lambda: int(getattr(settings, "GOVHALL_PAGE_CACHE_PAGES", PAGES)), max_age=MAX_AGE)


def clear() -> None:
    """Forget this process's pages (never needed for correctness; for tests and measurements)."""
    _pages.clear()


def _cacheable(request: HttpRequest) -> bool:
    return not connection.in_atomic_block and not len(messages.get_messages(request))


def _with_token(request: HttpRequest, body: bytes) -> bytes:
    return body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())


def cached_page(request: HttpRequest, key: Hashable, render: Callable[[dict[str, Any]], HttpResponse]) -> HttpResponse:
    """The page for ``key``: from the cache, or ``render(extra_context)`` — which must pass
    ``extra_context`` into its template context — and then cached if it answered 200."""
    if not _cacheable(request):
        return render({})
    body = _pages.get(key)
    if body is not None:
        response = HttpResponse(_with_token(request, body))
        response["X-Page-Cache"] = "hit"
        return response
    response = render({"csrf_token": CSRF_PLACEHOLDER})
    body = response.content
    if response.status_code == 200:
        _pages.put(key, body)
    response.content = _with_token(request, body)
    response["X-Page-Cache"] = "miss"
    return response
