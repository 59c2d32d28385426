"""The English catalogue (src/govhall/locale/en) is complete, consistent and compiled.

Chinese is the source language (STYLE.md rule 14), so every msgid is Chinese and the ``en``
catalogue must translate all of them. Refresh the catalogue as described in
src/govhall/locale/README.md whenever user-facing text changes.
"""

from __future__ import annotations

import gettext
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from govhall.core.identifiers import IdentifierError, parse_id_number

SRC_DIR = Path(__file__).resolve().parents[1] / "src" / "govhall"
LOCALE_DIR = SRC_DIR / "locale"
PO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo"

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# printf-style conversions as Python's % operator understands them, including %(name)d and %%.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")
NAMED_PLACEHOLDER = re.compile(r"%\(\w+\)[diouxXeEfFgGcrsa]")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


# --- a small .po parser (polib is not a dependency) ----------------------------------------------


@dataclass
class PoEntry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a singular entry

    @property
    def label(self) -> str:
        return f"django.po:{self.line} {self.msgid!r}"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(text: str, line: int) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"django.po:{line}: expected a quoted string, got {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def parse_po(text: str) -> list[PoEntry]:
    """Entries of a .po file, header included (msgid ""); obsolete ``#~`` entries are skipped."""
    entries: list[PoEntry] = []
    entry: PoEntry | None = None
    target: tuple[str, int] | None = None  # which field a continuation line extends

    def current(line_no: int) -> PoEntry:
        nonlocal entry
        if entry is None or entry.msgstr:  # a keyword after msgstr starts the next entry
            entry = PoEntry(line=line_no)
            entries.append(entry)
        return entry

    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            target = None
            continue
        if line.startswith("#,"):
            current(line_no).flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt":
            current(line_no).msgctxt = _unquote(rest, line_no)
            target = ("msgctxt", 0)
        elif keyword == "msgid":
            e = current(line_no)
            e.msgid, e.line = _unquote(rest, line_no), line_no
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            assert entry is not None
            entry.msgid_plural = _unquote(rest, line_no)
            target = ("msgid_plural", 0)
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            assert entry is not None, f"django.po:{line_no}: msgstr without msgid"
            index = int(keyword[7:-1]) if keyword != "msgstr" else 0
            entry.msgstr[index] = _unquote(rest, line_no)
            target = ("msgstr", index)
        elif line.startswith('"') and target is not None and entry is not None:
            name, index = target
            more = _unquote(line, line_no)
            if name == "msgstr":
                entry.msgstr[index] += more
            else:
                setattr(entry, name, (getattr(entry, name) or "") + more)
        else:
            raise ValueError(f"django.po:{line_no}: cannot parse {raw!r}")
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[PoEntry]:
    return parse_po(PO_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(po_entries: list[PoEntry]) -> list[PoEntry]:
    return [e for e in po_entries if e.msgid]


def test_parser_reads_multiline_strings_flags_and_plurals():
    entries = parse_po(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid ""\n"第%(n)d行"\n"无效。"\nmsgstr "Line %(n)d is \\"bad\\"."\n\n'
        'msgctxt "menu"\nmsgid "一"\nmsgid_plural "多"\nmsgstr[0] "one"\nmsgstr[1] "many"\n\n'
        '#~ msgid "旧"\n#~ msgstr "old"\n'
    )
    assert [e.msgid for e in entries] == ["", "第%(n)d行无效。", "一"]
    assert entries[0].msgstr == {0: "Language: en\n"} and entries[0].flags == {"fuzzy"}
    assert entries[1].flags == {"fuzzy", "python-format"} and entries[1].msgstr == {0: 'Line %(n)d is "bad".'}
    assert (entries[2].msgctxt, entries[2].msgid_plural, entries[2].msgstr) == ("menu", "多", {0: "one", 1: "many"})


def test_catalogue_covers_every_app(messages: list[PoEntry]):
    # A makemessages run from the wrong directory silently drops apps; these all have user-facing text.
    text = PO_PATH.read_text(encoding="utf-8")
    for source in ("accounts/", "core/", "portal/", "workbench/", "config/settings.py", ".html:"):
        assert source in text, f"no message extracted from {source}"
    assert len(messages) >= 150


# --- (a) complete and not fuzzy -------------------------------------------------------------------


def test_header_declares_english_and_utf8(po_entries: list[PoEntry]):
    header = po_entries[0]
    assert header.msgid == ""
    assert "Language: en\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]


def test_every_message_is_translated_and_not_fuzzy(po_entries: list[PoEntry], messages: list[PoEntry]):
    fuzzy = [e.label for e in po_entries if "fuzzy" in e.flags]
    assert fuzzy == [], "review these guesses and remove the fuzzy flag"
    untranslated = [e.label for e in messages if not e.msgstr or not all(s.strip() for s in e.msgstr.values())]
    assert untranslated == [], "refresh and translate the catalogue (src/govhall/locale/README.md)"
    plural_incomplete = [e.label for e in messages if e.msgid_plural is not None and sorted(e.msgstr) != [0, 1]]
    assert plural_incomplete == []


def test_translations_are_english(messages: list[PoEntry]):
    # Only proper names may stay Chinese, and only inside an otherwise English sentence.
    still_chinese = [
        e.label for e in messages for s in e.msgstr.values() if CJK.search(s) and not re.search("[A-Za-z]{3}", s)
    ]
    assert still_chinese == []


# --- (b) placeholders and markup survive ----------------------------------------------------------


def test_placeholders_match(messages: list[PoEntry]):
    mismatched = []
    for e in messages:
        pattern = PLACEHOLDER if "python-format" in e.flags else NAMED_PLACEHOLDER
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        expected = Counter(pattern.findall(sources[-1]))
        named_in_source = set().union(*(NAMED_PLACEHOLDER.findall(s) for s in sources))
        for index, translated in e.msgstr.items():
            if not translated:
                continue  # untranslated: reported by test_every_message_is_translated_and_not_fuzzy
            found = Counter(pattern.findall(translated))
            # A plural singular form may say "one" instead of showing the count.
            ok = found == expected or (e.msgid_plural is not None and set(found) <= named_in_source)
            if not ok:
                mismatched.append(f"{e.label}[{index}]: {sorted(expected)} != {sorted(found)}")
    assert mismatched == []


def test_html_tags_match(messages: list[PoEntry]):
    mismatched = [
        e.label
        for e in messages
        for s in e.msgstr.values()
        if s and Counter(HTML_TAG.findall(e.msgid)) != Counter(HTML_TAG.findall(s))
    ]
    assert mismatched == []


# --- (c) the compiled catalogue is current --------------------------------------------------------


def test_compiled_catalogue_matches_po(messages: list[PoEntry]):
    assert MO_PATH.exists(), "run compilemessages (src/govhall/locale/README.md)"
    with MO_PATH.open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    assert mo.info().get("language") == "en"
    stale = []
    for e in messages:
        if not any(e.msgstr.values()):
            continue  # untranslated: reported by test_every_message_is_translated_and_not_fuzzy
        if e.msgid_plural is None:
            got = [mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt is not None else mo.gettext(e.msgid)]
        elif e.msgctxt is not None:
            got = [mo.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n) for n in (1, 2)]
        else:
            got = [mo.ngettext(e.msgid, e.msgid_plural, n) for n in (1, 2)]
        if got != [e.msgstr[i] for i in sorted(e.msgstr)]:
            stale.append(e.label)
    assert stale == [], "django.mo is older than django.po: run compilemessages"


# --- the catalogue is up to date with the source --------------------------------------------------


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogue_has_every_source_string(tmp_path: Path, settings, monkeypatch, messages: list[PoEntry]):
    """Extract afresh from a copy of the source; a string missing from django.po was never translated."""
    copy = tmp_path / "govhall"
    shutil.copytree(
        SRC_DIR, copy, ignore=shutil.ignore_patterns("locale", "static", "migrations", "__pycache__", "*.pyc")
    )
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], no_obsolete=True, ignore_patterns=["migrations/*"], verbosity=0)
    fresh = parse_po((copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    known = {(e.msgctxt, e.msgid) for e in messages}
    missing = sorted(e.msgid for e in fresh if e.msgid and (e.msgctxt, e.msgid) not in known)
    assert missing == [], "new user-facing text: refresh the catalogue (src/govhall/locale/README.md)"


# --- (d), (e) behaviour ---------------------------------------------------------------------------


def test_identifier_error_follows_the_active_language():
    # ``message`` is translated when read, so read it while the language is active.
    with translation.override("en"), pytest.raises(IdentifierError) as english:
        parse_id_number("123")
    with translation.override("en"):
        english_message = english.value.message
    assert "ID number" in english_message
    assert "you entered 3" in english_message
    assert not CJK.search(english_message)

    with translation.override("zh-hans"), pytest.raises(IdentifierError) as chinese:
        parse_id_number("123")
    with translation.override("zh-hans"):
        chinese_message = chinese.value.message
    assert "身份证号码" in chinese_message
    assert not re.search("[A-Za-z]", chinese_message)
    assert english.value.code == chinese.value.code == "identifier.id_number.length"


@pytest.mark.django_db
def test_login_page_in_english():
    response = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en">' in page
    for label in ("ID number or mobile number", "Password", "Sign in", "Skip to main content"):
        assert label in page
    for chinese in ("身份证号码或手机号码", "密码", "登录", "跳到主要内容"):
        assert chinese not in page


@pytest.mark.django_db
def test_login_page_in_chinese_by_default():
    page = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "身份证号码或手机号码" in page
    assert "ID number or mobile number" not in page
