"""Searching: ``search_items`` runs the stages of a query plan, turns the ranked entries into
hits, and marks the matched terms in names and snippets (``highlight``)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from django.db import connection
from django.utils.translation import gettext_lazy as _

from govhall.catalog.constants import HandlingType, ItemType, ServiceObject
from govhall.catalog.search.analysis import _plan, _Stage
from govhall.catalog.search.backends import _Backend, _backend
from govhall.catalog.search.cache import _cache, _generation
from govhall.catalog.search.types import SearchFilters, SearchHit, SearchPage
from govhall.core.facade import ValidationFailed

MAX_QUERY_CHARS = 100
MAX_PAGE_SIZE = 50
RESULT_CAP = 200  # results reachable by paging, and the most a total counts exactly
SNIPPET_CHARS = 60
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")
_SPACES = re.compile(r"\s+")
_HTML_SPECIAL = re.compile(r"[&<>\"']")
_MARK = r"<mark>\g<0></mark>"


def search_items(*, query: str, filters: SearchFilters | None = None, page: int = 1, page_size: int = 20) -> SearchPage:
    """Search the published catalogue.

    ``query`` is free text (cut to ``MAX_QUERY_CHARS``; blank gives an empty page, not
    everything); ``page`` starts at 1; ``page_size`` is clamped to 1…``MAX_PAGE_SIZE``. The best
    ``RESULT_CAP`` results can be paged through; ``total`` counts up to it and says when there are
    more (the user should then narrow the query or filter).
    Raises ``ValidationFailed`` (``catalog.search_filter``) for a malformed filter value.
    Reads only; never raises for any query text.
    """
    _check_filters(filters)
    page = max(int(page), 1)
    page_size = min(max(int(page_size), 1), MAX_PAGE_SIZE)
    text = _SPACES.sub(" ", query or "").strip()[:MAX_QUERY_CHARS]
    terms, stages = _plan(text) if text else ((), ())
    if not stages:
        return SearchPage(hits=(), total=0, total_capped=False, page=page, page_size=page_size, mode="none")
    key = (connection.vendor, _generation(), terms, filters, page, page_size)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    result = _search(terms, stages, filters, page, page_size)
    _cache.put(key, result)
    return result


def _search(
    terms: tuple[str, ...], stages: Sequence[_Stage], filters: SearchFilters | None, page: int, page_size: int
) -> SearchPage:
    backend = _backend()
    with backend.reading():
        return _run_stages(backend, terms, stages, filters, page, page_size)


def _run_stages(
    backend: _Backend,
    terms: tuple[str, ...],
    stages: Sequence[_Stage],
    filters: SearchFilters | None,
    page: int,
    page_size: int,
) -> SearchPage:
    start = (page - 1) * page_size
    for stage in stages:
        ranked = backend.candidates(stage, filters, in_name=True, limit=RESULT_CAP + 1)
        if len(ranked) > RESULT_CAP:
            total = RESULT_CAP + 1
        elif start + page_size <= len(ranked):
            total = backend.count(stage, filters, RESULT_CAP + 1)
        else:
            ranked += backend.candidates(stage, filters, in_name=False, limit=RESULT_CAP + 1 - len(ranked))
            total = len(ranked)
        if not total:
            continue
        return SearchPage(
            hits=_hits(ranked[start : min(start + page_size, RESULT_CAP)], stage),
            total=min(total, RESULT_CAP),
            total_capped=total > RESULT_CAP,
            page=page,
            page_size=page_size,
            mode=stage.mode,
            terms=terms,
        )
    return SearchPage(hits=(), total=0, total_capped=False, page=page, page_size=page_size, mode="none", terms=terms)


def _check_filters(filters: SearchFilters | None) -> None:
    if filters is None:
        return
    problems = {
        "region_code": filters.region_code is not None
        and not (filters.region_code.isascii() and filters.region_code.isdigit() and len(filters.region_code) <= 12),
        "service_object": filters.service_object is not None and filters.service_object not in ServiceObject.values,
        "item_type": filters.item_type is not None and filters.item_type not in ItemType.values,
        "handling_type": filters.handling_type is not None and filters.handling_type not in HandlingType.values,
        "theme": filters.theme is not None and not _SLUG.match(filters.theme),
        "min_online_depth": filters.min_online_depth is not None and not 1 <= filters.min_online_depth <= 5,
    }
    for name, bad in problems.items():
        if bad:
            raise ValidationFailed(
                _("搜索条件“%(name)s”的取值无效，请清除该条件后重试。"),
                code="catalog.search_filter",
                field=name,
                params={"name": name},
            )


_HIT_COLUMNS = (
    "id, service_item_id, version_id, code, name, department_id, region_code, service_object, item_type, "
    "online_depth, summary, conditions, material_names, keywords"
)


def _hits(ranked: Sequence[tuple[int, float]], stage: _Stage) -> tuple[SearchHit, ...]:
    if not ranked:
        return ()
    placeholders = ", ".join(["%s"] * len(ranked))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_HIT_COLUMNS} FROM catalog_searchentry WHERE id IN ({placeholders})",  # noqa: S608 (fixed fragments)
            [pk for pk, _score in ranked],
        )
        rows = {row[0]: row for row in cursor.fetchall()}
    hits = []
    for pk, score in ranked:
        row = rows.get(pk)
        if row is None:  # removed between the two queries
            continue
        _id, item_id, version_id, code, name, department_id, region, service_object, item_type, depth, *text = row
        hits.append(
            SearchHit(
                service_item_id=item_id,
                version_id=version_id,
                code=code,
                name=name,
                name_highlighted=highlight(name, stage.highlight),
                snippet_highlighted=_snippet(text, stage.highlight),
                department_id=department_id,
                score=round(score, 6),
                region_code=region,
                service_object=service_object,
                item_type=item_type,
                online_depth=depth,
            )
        )
    return tuple(hits)


def highlight(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` as HTML with every match of ``pattern`` wrapped in ``<mark>``; all else escaped."""
    if not pattern.pattern:
        return html.escape(text)
    if not _HTML_SPECIAL.search(text):
        # Nothing to escape (the usual case): one pass in C. Query terms are letters and digits
        # only, so a match never contains a character that needs escaping either.
        return pattern.sub(_MARK, text)
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def _snippet(texts: Sequence[str], pattern: re.Pattern[str]) -> str:
    """A window of about ``SNIPPET_CHARS`` around the first match in the item's text: summary,
    conditions, materials, keywords — or the start of the first of them when nothing matches."""
    summary, conditions, material_names, keywords = texts
    sources = [summary, conditions, f"申请材料：{material_names}" if material_names else "", keywords]
    sources = [source for source in sources if source]
    if not sources:
        return ""
    text, start = _SPACES.sub(" ", sources[0]).strip(), 0
    for source in sources if pattern.pattern else ():
        if pattern.search(source):
            text = _SPACES.sub(" ", source).strip()
            match = pattern.search(text)
            start = max(match.start() - SNIPPET_CHARS // 4, 0) if match else 0
            break
    end = min(start + SNIPPET_CHARS, len(text))
    start = max(min(start, end - SNIPPET_CHARS), 0)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return lead + highlight(text[start:end], pattern) + tail
