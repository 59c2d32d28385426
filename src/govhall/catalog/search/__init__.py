"""Chinese keyword search over the published catalogue (事项搜索): the public interface.

Everything lives in ``query`` for now; it is being split into modules.
"""

from govhall.catalog.search.query import (
    DATA_DIR,
    FIELD_WEIGHTS,
    FUZZY_MAX_CHARS,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    OWN_WORD_BONUS,
    PREFIX_MAX_CHARS,
    REINDEX_CHUNK,
    RESULT_CACHE_SIZE,
    RESULT_CAP,
    SNIPPET_CHARS,
    SearchFilters,
    SearchHit,
    SearchPage,
    clear_cache,
    highlight,
    index_version,
    index_versions_bulk,
    reindex_all,
    remove_item,
    search_items,
)

__all__ = [
    "DATA_DIR",
    "FIELD_WEIGHTS",
    "FUZZY_MAX_CHARS",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "OWN_WORD_BONUS",
    "PREFIX_MAX_CHARS",
    "REINDEX_CHUNK",
    "RESULT_CACHE_SIZE",
    "RESULT_CAP",
    "SNIPPET_CHARS",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "clear_cache",
    "highlight",
    "index_version",
    "index_versions_bulk",
    "reindex_all",
    "remove_item",
    "search_items",
]
