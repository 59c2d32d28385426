"""pytest plugin: everything the test suite logs is scanned for personal data.

A handler on the root logger (and on every logger that does not propagate) sees every record of
every level — before ``MaskPersonalDataFilter`` would mask it, because that filter sits on the
console handler and is only a safety net: code must not log personal data at all. Each record's
message, exception traceback and stack are searched, as typed and URL-decoded (paths and query
strings are logged percent-encoded), for

- a VALID GB 11643 citizen ID number (region, birth date and check digit verified by
  ``govhall.core.identifiers``), and
- a valid mainland mobile number (``1[3-9]`` + 9 digits, standing alone).

The path and query string of every request the suite makes (Django's ``request_started``) are
scanned the same way: URLs end up in access logs and browser histories.

Any finding fails the session (exit status 1) and is reported masked, with the test and logger
that produced it. A test that logs personal data on purpose marks itself
``@pytest.mark.log_scan_expected``; its findings are kept apart and not counted.

Registered from ``tests/conftest.py``; ``-p no:log_scan`` is not offered on purpose.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import unquote_plus

import pytest

from govhall.core.identifiers import IdentifierError, mask_id_number, mask_phone, parse_id_number

_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_PHONE_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
_FORMATTER = logging.Formatter()


@dataclass(frozen=True)
class Finding:
    kind: str  # "id_number" | "phone"
    masked: str


def find_personal_data(text: str) -> list[Finding]:
    """Valid ID numbers and mobile numbers in ``text`` (also after URL-decoding), masked."""
    found: list[Finding] = []
    seen: set[str] = set()
    variants = [text]
    decoded = unquote_plus(text) if "%" in text or "+" in text else text
    if decoded != text:
        variants.append(decoded)
    today = dt.date.today()
    for variant in variants:
        for match in _ID_CANDIDATE.finditer(variant):
            value = match.group().upper()
            try:
                parse_id_number(value, today=today)
            except IdentifierError:
                continue
            if value not in seen:
                seen.add(value)
                found.append(Finding("id_number", mask_id_number(value)))
        for match in _PHONE_CANDIDATE.finditer(variant):
            value = match.group()
            if value not in seen:
                seen.add(value)
                found.append(Finding("phone", mask_phone(value)))
    return found


def record_text(record: logging.LogRecord) -> str:
    """Everything a handler could write for ``record``: message, traceback, stack."""
    try:
        parts = [record.getMessage()]
    except Exception:  # a broken format string: scan the raw pieces instead
        parts = [str(record.msg), repr(record.args)]
    if record.exc_info:
        parts.append(_FORMATTER.formatException(record.exc_info))
    elif record.exc_text:
        parts.append(record.exc_text)
    if record.stack_info:
        parts.append(record.stack_info)
    return "\n".join(parts)


@dataclass(frozen=True)
class Leak:
    test: str
    logger: str
    level: str
    finding: Finding


class ScanHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.current_test = "<session>"
        self.expected = False
        self.leaks: list[Leak] = []
        self.tolerated: list[Leak] = []
        self.records = 0
        self.urls = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1
        self._found(record_text(record), record.name, record.levelname)

    def request_started(self, sender: object = None, environ: dict | None = None, **kwargs: object) -> None:
        """Every request the suite makes (test client or in-process WSGI): its path and query
        string end up in access logs, so they must not carry personal data either."""
        if environ is not None:
            self.urls += 1
            url = f"{environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}"
            self._found(url, "<request URL>", environ.get("REQUEST_METHOD", ""))

    def _found(self, text: str, source: str, level: str) -> None:
        for finding in find_personal_data(text):
            leak = Leak(self.current_test, source, level, finding)
            (self.tolerated if self.expected else self.leaks).append(leak)


_KEY = pytest.StashKey[ScanHandler]()
_config: pytest.Config | None = None


def _attach(handler: ScanHandler) -> None:
    """Put ``handler`` FIRST on the root logger (the console's masking filter rewrites records in
    place, so a later handler would only see masked text) and on non-propagating loggers."""
    root = logging.getLogger()
    if root.level > logging.DEBUG or root.level == logging.NOTSET:
        # Every level: records below a logger's own level are never created, so lower the root,
        # but keep what the other handlers print as it was.
        previous = root.level or logging.WARNING
        for other in root.handlers:
            if other is not handler and other.level == logging.NOTSET:
                other.setLevel(previous)
        reporting = _config.pluginmanager.get_plugin("logging-plugin") if _config else None
        if reporting is not None and reporting.report_handler.level == logging.NOTSET:
            reporting.report_handler.setLevel(previous)  # "Captured log" sections as before
        root.setLevel(logging.DEBUG)
    loggers = [root] + [
        logger
        for logger in list(logging.Logger.manager.loggerDict.values())
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    for logger in loggers:
        if not logger.handlers or logger.handlers[0] is not handler:
            if handler in logger.handlers:
                logger.removeHandler(handler)
            logger.handlers.insert(0, handler)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "log_scan_expected: the test logs personal data on purpose (not counted)")
    config.stash[_KEY] = ScanHandler()
    global _config
    _config = config


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    handler = session.config.stash[_KEY]
    _attach(handler)
    try:
        from django.conf import settings
        from django.core.signals import request_started

        if settings.configured:
            request_started.connect(handler.request_started, weak=False)
    except ImportError:  # pragma: no cover - Django is always installed here
        pass


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    handler = item.config.stash[_KEY]
    _attach(handler)  # again: a test may have reconfigured logging
    handler.current_test = item.nodeid
    handler.expected = item.get_closest_marker("log_scan_expected") is not None


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    handler = item.config.stash[_KEY]
    handler.current_test = "<session>"
    handler.expected = False


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    handler = session.config.stash[_KEY]
    if handler.leaks and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    handler = terminalreporter.config.stash[_KEY]
    if handler.leaks:
        terminalreporter.section("log scan: personal data in logs", red=True)
        for leak in handler.leaks[:50]:
            terminalreporter.line(
                f"{leak.test}: {leak.logger} {leak.level} logged a {leak.finding.kind} ({leak.finding.masked})"
            )
        terminalreporter.line(
            f"log scan FAILED: {len(handler.leaks)} finding(s) in {handler.records} records "
            f"and {handler.urls} request URLs"
        )
    else:
        terminalreporter.line(
            f"log scan: {handler.records} log records and {handler.urls} request URLs scanned, "
            "no ID numbers or phone numbers "
            f"({len(handler.tolerated)} expected finding(s) in marked tests)"
        )
