"""Text analysis (rjieba with the government dictionary, synonyms and stop words) and query
plans: a query becomes groups of terms and the stages (``all``, ``any``, ``fuzzy``) to try."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import rjieba

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MAX_TERMS = 8
PREFIX_MAX_CHARS = 1  # the last term also matches as a prefix when this short (still being typed)
FUZZY_MAX_CHARS = 12


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
