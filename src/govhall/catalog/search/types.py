"""The public value types of catalogue search: the filters a search takes, the page it returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchFilters:
    """Optional narrowing of a search. ``None`` means "any".

    ``region_code`` selects a region and everything below it (a GB/T 2260 code such as 350600 is
    used as the prefix 3506; a shorter prefix is used as given). ``service_object`` ``person`` or
    ``enterprise`` also includes items for both; ``theme`` is a theme slug.
    """

    department_id: int | None = None
    region_code: str | None = None
    service_object: str | None = None
    theme: str | None = None
    item_type: str | None = None
    handling_type: str | None = None
    min_online_depth: int | None = None


@dataclass(frozen=True)
class SearchHit:
    """One result. ``name_highlighted`` and ``snippet_highlighted`` are HTML: every character of
    the catalogue text is escaped and only the ``<mark>…</mark>`` around matched terms is markup."""

    service_item_id: int
    version_id: int
    code: str
    name: str
    name_highlighted: str
    snippet_highlighted: str
    department_id: int
    score: float
    region_code: str = ""
    service_object: str = ""
    item_type: str = ""
    online_depth: int = 1


@dataclass(frozen=True)
class SearchPage:
    """A page of results. ``total`` is exact unless ``total_capped``: then more than ``total``
    items match, and only the best ``total`` (= ``RESULT_CAP``) can be paged through.

    ``mode`` is the stage that matched: ``all``, ``any``, ``fuzzy``, or ``none`` (empty query or
    nothing found); ``terms`` are the query terms searched for, after stop words were dropped.
    """

    hits: tuple[SearchHit, ...]
    total: int
    total_capped: bool
    page: int
    page_size: int
    mode: str
    terms: tuple[str, ...] = ()

    @property
    def has_next(self) -> bool:
        """Whether a next page has results (paging stops at ``RESULT_CAP`` results)."""
        return self.page * self.page_size < self.total
