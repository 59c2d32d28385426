"""Chinese keyword search over the published catalogue (事项搜索).

One interface, two backends chosen by ``connection.vendor``: SQLite FTS5 (the embedded default)
and PostgreSQL ``tsvector('simple')`` + GIN. Both index the same text: rjieba tokens joined by
spaces, so the database never segments Chinese itself.

Indexing (``index_version``, called by ``version_publish`` inside its transaction; ``remove_item``
called by ``version_retire``; ``reindex_all`` for a rebuild) writes one ``SearchEntry`` row per
published item. The full-text structures follow that row in the same transaction (SQLite
triggers, PostgreSQL generated column), so the index is never ahead of or behind the catalogue.
Text is cut in search mode (``cut_for_search`` plus the custom-dictionary words it omits inside
long compounds), with the government terms of ``data/dictionary.txt`` added to rjieba.

Querying (``search_items``) cuts the query in normal mode, drops stop words, and turns every
remaining term into a group: the term, its synonyms (``data/synonyms.txt``), for a compound of
4+ characters the dictionary words that tile it, and for a last term of one character a prefix
match (公积金提 → 公积金 AND 提*: the user is still typing). Stages are tried in order, the first
that matches anything wins:

1. ``all``   — every group must match (AND across groups, OR within a group);
2. ``any``   — at least one group matches; a term rjieba does not know (typos: 营业执找 is cut
   into 营业 / 执找) also matches tokens starting with one of its characters;
3. ``fuzzy`` — any token starting with one of the query's characters (营造 → 营业…).

Ranking: items whose *name* matches the stage come first (found through a name-only index: a
small FTS5 table / a GIN index on a name tsvector), then the other matches. Within each list:
how many groups occur in the name, then relevance — per group 10 if in the name, 5 in keywords,
2 in materials, 1 in summary/conditions, +3 if the name has the query's own word rather than a
synonym — then the shorter name. Relevance is the same SQL arithmetic on both databases; FTS5
``bm25`` and PostgreSQL ``ts_rank`` are not used because they read the full posting lists of
every term (``bm25`` for its statistics: 70–150 ms for 营业执照 at 100,000 items).

Cost is bounded, whatever the query: each list ranks at most ``RESULT_CAP + 1`` candidates (the
database's first matches; for a query matching thousands of items, the best of those), only the
best ``RESULT_CAP`` results can be paged through, and ``total`` counts no further than that.
Pages are cached per process under a generation token that every index write changes in its own
transaction, so a cached page is never stale.

Results are HTML-safe: ``name_highlighted`` and ``snippet_highlighted`` escape all catalogue text
and add only ``<mark>`` around matched terms. FTS5 / tsquery syntax typed by the user never reaches
the database as syntax: only letters and digits survive tokenisation, and every term is quoted.

Modules: ``types`` (the public value types), ``analysis`` (rjieba, query plans), ``backends``
(the SQL per database), ``cache`` (result pages, generation token), ``query`` (searching,
highlighting), ``indexing`` (entries, publish / retire / rebuild). Import from this package; the
constants here are copies for reading: to change one (in a test), patch the module that uses it.
"""

from govhall.catalog.search.analysis import DATA_DIR, FUZZY_MAX_CHARS, MAX_TERMS, PREFIX_MAX_CHARS
from govhall.catalog.search.backends import FIELD_WEIGHTS, OWN_WORD_BONUS
from govhall.catalog.search.cache import RESULT_CACHE_SIZE, clear_cache
from govhall.catalog.search.indexing import REINDEX_CHUNK, index_version, index_versions_bulk, reindex_all, remove_item
from govhall.catalog.search.query import (
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    RESULT_CAP,
    SNIPPET_CHARS,
    highlight,
    search_items,
)
from govhall.catalog.search.types import SearchFilters, SearchHit, SearchPage

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
