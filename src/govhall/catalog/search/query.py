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
"""

from __future__ import annotations

import html
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import rjieba
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.catalog import selectors
from govhall.catalog.constants import HandlingType, ItemType, ServiceObject, VersionStatus
from govhall.catalog.models import MaterialRequirement, ServiceItemVersion
from govhall.catalog.search_models import SearchEntry, SearchIndexState
from govhall.core.facade import ValidationFailed

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MAX_QUERY_CHARS = 100
MAX_PAGE_SIZE = 50
MAX_TERMS = 8
PREFIX_MAX_CHARS = 1  # the last term also matches as a prefix when this short (still being typed)
FUZZY_MAX_CHARS = 12
RESULT_CAP = 200  # results reachable by paging, and the most a total counts exactly
RESULT_CACHE_SIZE = 2000  # pages kept per process unless settings.GOVHALL_SEARCH_CACHE_PAGES says otherwise
SNIPPET_CHARS = 60
# Where a query term occurs, and what that is worth for relevance.
FIELD_WEIGHTS = (("e.name_tokens", 10), ("e.keyword_tokens", 5), ("e.material_tokens", 2), ("e.body_tokens", 1))
OWN_WORD_BONUS = 3
REINDEX_CHUNK = 2000
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")
_SPACES = re.compile(r"\s+")
_HTML_SPECIAL = re.compile(r"[&<>\"']")
_MARK = r"<mark>\g<0></mark>"


# --- public types ---------------------------------------------------------------------------


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


# --- text analysis --------------------------------------------------------------------------


def _data_lines(name: str) -> Iterable[str]:
    for raw in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line


class _Analyzer:
    """rjieba with the government dictionary, plus the synonym and stop-word lists."""

    def __init__(self) -> None:
        self.jieba = rjieba.Jieba()
        for line in _data_lines("dictionary.txt"):
            word, _sep, freq = line.partition(" ")
            self.jieba.add_word(word, int(freq) if freq.strip().isdigit() else None, None)
        self.synonyms: dict[str, tuple[str, ...]] = {}
        for line in _data_lines("synonyms.txt"):
            if "=>" in line:
                left, right = line.split("=>", 1)
                sources, targets = _split_terms(left), _split_terms(right)
            else:
                sources = targets = _split_terms(line)
            for source in sources:
                for word in (source, *targets):
                    if not self.jieba.has_word(word):
                        self.jieba.add_word(word, None, None)
                known = self.synonyms.get(source, ())
                extra = tuple(t for t in targets if t != source and t not in known)
                self.synonyms[source] = known + extra
        self.stopwords = frozenset(_data_lines("stopwords.txt"))

    def index_tokens(self, text: str) -> list[str]:
        """Search-mode tokens: ``cut_for_search`` plus dictionary words of 4+ characters inside
        longer words (``cut_for_search`` only adds 2- and 3-character parts), so that 住房公积金
        is found inside 住房公积金提取."""
        tokens: list[str] = []
        for token in self.jieba.cut_for_search(text):
            tokens.append(token)
            for length in range(4, len(token)):
                for start in range(len(token) - length + 1):
                    part = token[start : start + length]
                    if self.jieba.has_word(part):
                        tokens.append(part)
        return [t.lower() for t in tokens if t.isalnum()]

    def words(self, text: str) -> list[str]:
        """Normal-mode tokens, lower-cased, without punctuation or repeats."""
        return list(dict.fromkeys(t.lower() for t in self.jieba.cut(text) if t.isalnum()))

    def query_tokens(self, text: str) -> list[str]:
        tokens = self.words(text)
        meaningful = [t for t in tokens if t not in self.stopwords]
        return (meaningful or tokens)[:MAX_TERMS]

    def cover(self, token: str) -> tuple[str, ...]:
        """Dictionary words that exactly tile ``token`` (longest first), or () if none do."""
        if len(token) < 4:
            return ()
        taken = [False] * len(token)
        parts: list[tuple[int, str]] = []
        for length in range(len(token) - 1, 1, -1):
            for start in range(len(token) - length + 1):
                if any(taken[start : start + length]):
                    continue
                part = token[start : start + length]
                if self.jieba.has_word(part):
                    parts.append((start, part))
                    taken[start : start + length] = [True] * length
        if not all(taken):
            return ()
        return tuple(part for _start, part in sorted(parts))


def _split_terms(text: str) -> list[str]:
    return [t.strip().lower() for t in re.split(r"[,，、]", text) if t.strip()]


_analyzer_instance: _Analyzer | None = None
_analyzer_lock = threading.Lock()


def _analyzer() -> _Analyzer:
    """The process-wide analyzer, built on first use (loading the dictionary takes ~0.2 s)."""
    global _analyzer_instance
    if _analyzer_instance is None:
        with _analyzer_lock:
            if _analyzer_instance is None:
                _analyzer_instance = _Analyzer()
    return _analyzer_instance


def _joined(tokens: Sequence[str]) -> str:
    # Padded with spaces so ``' term '`` finds a whole token (used for the name-match tier).
    return f" {' '.join(tokens)} " if tokens else ""


# --- query plans ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class _Group:
    """Matches when any alternative matches; an alternative matches when all its terms do."""

    alternatives: tuple[tuple[_Term, ...], ...]


@dataclass(frozen=True)
class _Stage:
    mode: str  # "all" | "any" | "fuzzy"
    groups: tuple[_Group, ...]
    fts5: str = field(init=False)
    tsquery: str = field(init=False)
    highlight: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        joiner = " AND " if self.mode == "all" else " OR "
        fts5 = joiner.join(_render(g, _fts5_term, " AND ", " OR ") for g in self.groups)
        tsquery = (" & " if self.mode == "all" else " | ").join(
            _render(g, _tsquery_term, " & ", " | ") for g in self.groups
        )
        texts = sorted({t.text for g in self.groups for alt in g.alternatives for t in alt}, key=lambda s: -len(s))
        object.__setattr__(self, "fts5", fts5)
        object.__setattr__(self, "tsquery", tsquery)
        object.__setattr__(self, "highlight", re.compile("|".join(map(re.escape, texts)), re.IGNORECASE))


def _fts5_term(term: _Term) -> str:
    # Quoted, so FTS5 syntax in user input (OR, NEAR, *, :, ^, quotes) is only ever a string.
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + " *" if term.prefix else quoted


def _tsquery_term(term: _Term) -> str:
    quoted = "'" + term.text.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if term.prefix else quoted


def _render(group: _Group, term: Any, and_: str, or_: str) -> str:
    alternatives = [and_.join(term(t) for t in alt) for alt in group.alternatives]
    return "(" + or_.join(f"({a})" for a in alternatives) + ")"


@lru_cache(maxsize=4096)
def _plan(query: str) -> tuple[tuple[str, ...], tuple[_Stage, ...]]:
    """The query terms and the stages to try, in order. Cached: queries repeat a lot."""
    analyzer = _analyzer()
    tokens = analyzer.query_tokens(query)
    if not tokens:
        return (), ()
    groups: list[_Group] = []
    for position, token in enumerate(tokens):
        alternatives: list[tuple[_Term, ...]] = [(_Term(token),)]
        if position == len(tokens) - 1 and len(token) <= PREFIX_MAX_CHARS:
            alternatives.append((_Term(token, prefix=True),))
        for synonym in analyzer.synonyms.get(token, ()):
            parts = analyzer.words(synonym)
            if parts:
                alternatives.append(tuple(_Term(p) for p in parts))
        cover = analyzer.cover(token)
        if cover:
            alternatives.append(tuple(_Term(p) for p in cover))
        groups.append(_Group(tuple(dict.fromkeys(alternatives))))
    stages = [_Stage("all", tuple(groups))]
    # Words rjieba does not know are mostly typos (营业执找 → 营业 / 执找): in the "any" stage they
    # also match tokens starting with one of their characters, so 执找 still meets 执照 and the
    # item whose name has both 营业 and 执照 ranks first.
    loose = tuple(
        group
        if token.isascii() or analyzer.jieba.has_word(token)
        else _Group(group.alternatives + tuple((_Term(c, prefix=True),) for c in dict.fromkeys(token)))
        for token, group in zip(tokens, groups, strict=True)
    )
    if len(groups) > 1 or loose != tuple(groups):
        stages.append(_Stage("any", loose))
    characters = list(dict.fromkeys(c for token in tokens for c in token if not c.isascii()))[:FUZZY_MAX_CHARS]
    latin = [t for t in tokens if t.isascii() and len(t) > 1]
    fuzzy = tuple(_Group(((_Term(t, prefix=True),),)) for t in characters + latin)
    if fuzzy and fuzzy != tuple(groups):
        stages.append(_Stage("fuzzy", fuzzy))
    return tuple(tokens), tuple(stages)


# --- backends -------------------------------------------------------------------------------


class _Backend:
    """SQL for one database. Subclasses give the full-text parts; filters are shared.

    SQL text is assembled only from fixed fragments of this module; every value (query terms,
    filter values, limits) is passed as a parameter.
    """

    contains = ""  # SQL function: position of a substring, 0 when absent

    def _present(self, group: _Group, column: str, params: list[Any]) -> str:
        """SQL true when ``group`` occurs in the space-padded token ``column`` (params appended)."""
        alternatives = []
        for alt in group.alternatives:
            alternatives.append("(" + " AND ".join(f"{self.contains}({column}, %s) > 0" for _t in alt) + ")")
            params.extend(f" {t.text}" if t.prefix else f" {t.text} " for t in alt)
        return "(" + " OR ".join(alternatives) + ")"

    def tier(self, stage: _Stage, params: list[Any]) -> str:
        """SQL counting the stage's groups that occur in the item name."""
        return " + ".join(
            f"(CASE WHEN {self._present(g, 'e.name_tokens', params)} THEN 1 ELSE 0 END)" for g in stage.groups
        )

    def relevance(self, stage: _Stage, params: list[Any]) -> str:
        """SQL weighing where each group occurs: name 10, keywords 5, materials 2, other text 1,
        plus 3 when the name has the query's own word (not only a synonym or a looser match).

        The same arithmetic on both databases (no bm25 / ts_rank): their statistics would make
        every query pay for scanning the full posting lists of its terms.
        """
        parts = []
        for group in stage.groups:
            for column, weight in FIELD_WEIGHTS:
                parts.append(f"(CASE WHEN {self._present(group, column, params)} THEN {weight} ELSE 0 END)")
            own_word = _Group(group.alternatives[:1])
            parts.append(
                f"(CASE WHEN {self._present(own_word, 'e.name_tokens', params)} THEN {OWN_WORD_BONUS} ELSE 0 END)"
            )
        return " + ".join(parts)

    def in_name(self, stage: _Stage, params: list[Any]) -> str:
        """SQL true when the name alone matches the stage (what the name index finds)."""
        tier = self.tier(stage, params)
        return f"({tier}) = {len(stage.groups)}" if stage.mode == "all" else f"({tier}) > 0"

    def filters(self, filters: SearchFilters | None) -> tuple[str, list[Any]]:
        if filters is None:
            return "", []
        clauses: list[str] = []
        params: list[Any] = []
        if filters.department_id is not None:
            clauses.append("e.department_id = %s")
            params.append(filters.department_id)
        if filters.region_code:
            clauses.append("e.region_code LIKE %s")
            params.append(_region_prefix(filters.region_code) + "%")
        if filters.service_object:
            if filters.service_object == ServiceObject.BOTH:
                clauses.append("e.service_object = %s")
                params.append(ServiceObject.BOTH.value)
            else:
                clauses.append("e.service_object IN (%s, %s)")
                params.extend([filters.service_object, ServiceObject.BOTH.value])
        if filters.theme:
            clauses.append(f"{self.contains}(e.themes, %s) > 0")
            params.append(f" {filters.theme} ")
        if filters.item_type:
            clauses.append("e.item_type = %s")
            params.append(filters.item_type)
        if filters.handling_type:
            clauses.append("e.handling_type = %s")
            params.append(filters.handling_type)
        if filters.min_online_depth is not None:
            clauses.append("e.online_depth >= %s")
            params.append(filters.min_online_depth)
        return "".join(f" AND {c}" for c in clauses), params

    def candidates(
        self, stage: _Stage, filters: SearchFilters | None, *, in_name: bool, limit: int
    ) -> list[tuple[int, float]]:
        """(entry id, score) best first, for at most ``limit`` matching entries.

        ``in_name``: entries whose name alone matches the stage; otherwise the other matching
        entries. Each list takes the database's first ``limit`` matches and orders them by name
        tier, then relevance, then shorter name. The score is the tier plus the relevance mapped
        into [0, 1), so it orders the two lists as one.
        """
        params: list[Any] = []
        tier = self.tier(stage, params)
        relevance = self.relevance(stage, params)
        source, match = self.match(stage, params, in_name=in_name)
        where, where_params = self.filters(filters)
        # MATERIALIZED: otherwise SQLite folds the CTE into the sorting query and the inner LIMIT
        # no longer bounds the full-text scan (measured: 0.2 ms → 45 ms at 100,000 items).
        sql = (
            "WITH candidates AS MATERIALIZED ("  # noqa: S608 (fixed fragments; values are parameters)
            f"SELECT e.id AS id, {tier} AS tier, {relevance} AS relevance, length(e.name) AS name_length "
            f"FROM {source} WHERE {match}{where} LIMIT %s"
            ") SELECT id, tier, relevance FROM candidates ORDER BY tier DESC, relevance DESC, name_length, id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *where_params, limit])
            return [(pk, tier + _unit(relevance)) for pk, tier, relevance in cursor.fetchall()]

    def match(self, stage: _Stage, params: list[Any], *, in_name: bool) -> tuple[str, str]:
        """FROM clause and full-text condition (the name index, or all fields minus name matches)."""
        raise NotImplementedError

    def count(self, stage: _Stage, filters: SearchFilters | None, cap: int) -> int:
        """How many entries match the stage, counting no further than ``cap``."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Make the index compact after a rebuild."""

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Around the queries of one search."""
        yield


class _SqliteBackend(_Backend):
    contains = "instr"

    def match(self, stage: _Stage, params: list[Any], *, in_name: bool) -> tuple[str, str]:
        # FTS5 yields matches in rowid order and stops at the outer LIMIT: the work is bounded.
        if in_name:
            params.append(stage.fts5)
            return (
                "catalog_search_name_fts JOIN catalog_searchentry e ON e.id = catalog_search_name_fts.rowid",
                "catalog_search_name_fts MATCH %s",
            )
        params.append(stage.fts5)
        in_name_sql = self.in_name(stage, params)
        return (
            "catalog_search_fts JOIN catalog_searchentry e ON e.id = catalog_search_fts.rowid",
            f"catalog_search_fts MATCH %s AND NOT ({in_name_sql})",
        )

    def count(self, stage: _Stage, filters: SearchFilters | None, cap: int) -> int:
        where, where_params = self.filters(filters)
        join = " JOIN catalog_searchentry e ON e.id = catalog_search_fts.rowid" if where else ""
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM catalog_search_fts{join} "  # noqa: S608 (fixed fragments; values are parameters)
            f"WHERE catalog_search_fts MATCH %s{where} LIMIT %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [stage.fts5, *where_params, cap])
            return int(cursor.fetchone()[0])

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            for table in ("catalog_search_fts", "catalog_search_name_fts"):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608 (fixed names)


class _PostgresBackend(_Backend):
    contains = "strpos"

    def match(self, stage: _Stage, params: list[Any], *, in_name: bool) -> tuple[str, str]:
        if in_name:
            params.append(stage.tsquery)
            return "catalog_searchentry e", "e.name_vector @@ to_tsquery('simple', %s)"
        params.extend([stage.tsquery, stage.tsquery])
        return (
            "catalog_searchentry e",
            "e.search_vector @@ to_tsquery('simple', %s) AND NOT e.name_vector @@ to_tsquery('simple', %s)",
        )

    def count(self, stage: _Stage, filters: SearchFilters | None, cap: int) -> int:
        where, where_params = self.filters(filters)
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM catalog_searchentry e "  # noqa: S608 (fixed fragments; values are parameters)
            f"WHERE e.search_vector @@ to_tsquery('simple', %s){where} LIMIT %s) AS matches"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [stage.tsquery, *where_params, cap])
            return int(cursor.fetchone()[0])

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalog_searchentry")

    @contextmanager
    def reading(self) -> Iterator[None]:
        # With a LIMIT, the planner prefers a sequential scan that it expects to meet enough
        # matches early; matches cluster (by department, by region), so it reads most of the
        # table instead (measured at 100,000 items: 134 ms, against 5 ms through the GIN index).
        nested = connection.in_atomic_block
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield
            if nested:  # a released savepoint keeps SET LOCAL: give the outer transaction its setting back
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def _unit(relevance: float | None) -> float:
    value = max(float(relevance or 0.0), 0.0)
    return value / (1.0 + value)


def _backend() -> _Backend:
    if connection.vendor == "postgresql":
        return _PostgresBackend()
    if connection.vendor == "sqlite":
        return _SqliteBackend()
    raise NotImplementedError(f"catalogue search does not support {connection.vendor}")


def _region_prefix(code: str) -> str:
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


# --- result cache ---------------------------------------------------------------------------


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


# --- searching ------------------------------------------------------------------------------


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


# --- indexing -------------------------------------------------------------------------------


def _entry(
    version: ServiceItemVersion, materials: Sequence[MaterialRequirement], theme_slugs: Sequence[str]
) -> SearchEntry:
    analyzer = _analyzer()
    item = version.service_item
    material_names = [m.name for m in materials]
    body = "\n".join(s for s in (version.summary, version.conditions) if s)
    return SearchEntry(
        service_item_id=item.pk,
        version_id=version.pk,
        code=item.code,
        name=version.name,
        department_id=item.department_id,
        region_code=item.region_id,
        service_object=version.service_object,
        item_type=item.basic_item.item_type,
        handling_type=version.handling_type,
        online_depth=selectors.online_depth(version),
        themes=_joined(sorted(theme_slugs))[:1000],
        keywords=version.keywords,
        summary=version.summary,
        conditions=version.conditions,
        material_names="、".join(material_names),
        name_tokens=_joined(analyzer.index_tokens(version.name)),
        keyword_tokens=_joined(analyzer.index_tokens(version.keywords)),
        material_tokens=_joined(analyzer.index_tokens("\n".join(material_names))),
        body_tokens=_joined(analyzer.index_tokens(body)),
        indexed_at=timezone.now(),
    )


_ENTRY_FIELDS = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname not in {"id", "service_item_id"}]


def index_version(version: ServiceItemVersion) -> None:
    """Put a published version into the index, replacing its item's previous entry.

    Call inside the publishing transaction: the entry (and the database's full-text index over
    it) commits or rolls back with the publication. Raises ``ValueError`` for an unpublished
    version.
    """
    if version.status != VersionStatus.PUBLISHED:
        raise ValueError(f"version {version.pk} is {version.status}, only published versions are indexed")
    fresh = ServiceItemVersion.objects.select_related("service_item__basic_item").get(pk=version.pk)
    entry = _entry(fresh, list(fresh.materials.all()), list(fresh.themes.values_list("slug", flat=True)))
    with transaction.atomic():
        SearchEntry.objects.update_or_create(
            service_item_id=fresh.service_item_id,
            defaults={name: getattr(entry, name) for name in _ENTRY_FIELDS},
        )
        _bump_generation()


def remove_item(service_item_id: int) -> None:
    """Remove an item from the index (it was retired). A no-op if it is not indexed."""
    with transaction.atomic():
        SearchEntry.objects.filter(service_item_id=service_item_id).delete()
        _bump_generation()


def index_versions_bulk(versions: Sequence[ServiceItemVersion]) -> int:
    """Insert entries for published versions that are not indexed yet (reindex, bulk loads).

    ``versions`` must have ``service_item__basic_item`` selected and ``materials`` (ordered) and
    ``themes`` prefetched, as ``reindex_all`` does; otherwise this costs queries per version.
    """
    entries = [
        _entry(v, list(v.materials.all()), [t.slug for t in v.themes.all()])
        for v in versions
        if v.status == VersionStatus.PUBLISHED
    ]
    with transaction.atomic():
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        _bump_generation()
    return len(entries)


def reindex_all() -> int:
    """Rebuild the whole index from the published versions, in one transaction. Returns the
    number of items indexed. Run after changing the dictionary (``govhall catalog_reindex``)."""
    published = (
        ServiceItemVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("service_item__basic_item")
        .prefetch_related(
            Prefetch(
                "materials",
                queryset=MaterialRequirement.objects.only("id", "version_id", "name", "sort_order", "blank_form_file"),
            ),
            "themes",
        )
        .order_by("pk")
    )
    indexed = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        _bump_generation()
        last = 0
        while True:
            chunk = list(published.filter(pk__gt=last)[:REINDEX_CHUNK])
            if not chunk:
                break
            indexed += index_versions_bulk(chunk)
            last = chunk[-1].pk
        _backend().optimize()
    return indexed
