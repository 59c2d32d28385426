"""The log scan (tests/plugins/log_scan.py): its scanner, and that it fails a whole session."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from tests.plugins.log_scan import ScanHandler, find_personal_data, record_text

ROOT = Path(__file__).resolve().parents[1]
VALID_ID = "11010519491231002X"  # DESIGN.md §6 sample
VALID_ID_2 = "350602198503120015"


def test_valid_id_numbers_are_found_and_reported_masked():
    findings = find_personal_data(f"applicant {VALID_ID} and {VALID_ID_2.lower()} applied")
    assert [(f.kind, f.masked) for f in findings] == [
        ("id_number", "1101**********002X"),
        ("id_number", "3506**********0015"),
    ]


def test_numbers_that_only_look_like_id_numbers_are_ignored():
    wrong_check = VALID_ID[:-1] + "1"
    bad_date = "110105194913310027"
    assert find_personal_data(f"{wrong_check} {bad_date} order 123456789012345678901 sm3 a{VALID_ID}b") == []


def test_mobile_numbers_are_found_but_not_other_long_numbers():
    assert [f.masked for f in find_personal_data("call 13800138000 now")] == ["138****8000"]
    assert find_personal_data("serial 12800138000, 138001380001, ts 1732345678901, key ab13800138000cd") == []


def test_url_encoded_values_in_logged_paths_and_queries_are_found():
    encoded_id = "".join(f"%{ord(ch):02X}" for ch in VALID_ID)
    findings = find_personal_data(f"Not Found: /lookup/{encoded_id}/?phone=%2B86+13900139000")
    assert {f.kind for f in findings} == {"id_number", "phone"}


def test_record_text_includes_tracebacks_and_stacks():
    try:
        raise ValueError(f"bad id {VALID_ID}")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("safely",), sys.exc_info())
    text = record_text(record)
    assert "failed safely" in text
    assert [f.kind for f in find_personal_data(text)] == ["id_number"]


def test_request_urls_are_scanned_too():
    handler = ScanHandler()
    handler.request_started(environ={"PATH_INFO": "/services/", "QUERY_STRING": "q=%E8%90%A5%E4%B8%9A"})
    assert handler.leaks == []
    handler.request_started(
        environ={"PATH_INFO": "/lookup/", "QUERY_STRING": f"id={VALID_ID}", "REQUEST_METHOD": "GET"}
    )
    assert [(leak.logger, leak.finding.kind) for leak in handler.leaks] == [("<request URL>", "id_number")]
    assert handler.urls == 2


def test_a_marked_test_may_log_personal_data_on_purpose():
    from tests.plugins.log_scan import ScanHandler

    handler = ScanHandler()
    handler.expected = True  # what the log_scan_expected mark sets for its test
    record = logging.LogRecord("govhall.probe", logging.WARNING, __file__, 1, "deliberate %s", (VALID_ID,), None)
    handler.emit(record)
    assert handler.leaks == [] and [leak.finding.kind for leak in handler.tolerated] == ["id_number"]


_INNER = """
import logging

import pytest


def test_logs_an_id_number():
    logging.getLogger("govhall.inner").debug("looked up %s", "{id}")


def test_logs_a_phone_in_a_traceback():
    try:
        raise RuntimeError("sms to 13900139000 failed")
    except RuntimeError:
        logging.getLogger("quiet").exception("delivery failed")


def test_clean():
    logging.getLogger("govhall.inner").info("case 42 accepted")


@pytest.mark.log_scan_expected
def test_tolerated():
    logging.getLogger("govhall.inner").info("on purpose %s", "{id}")
"""


def _run_inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, body: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_inner=body)
    pytester.makeini("[pytest]\naddopts = -p tests.plugins.log_scan\n")
    env_path = os.pathsep.join([str(ROOT), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    monkeypatch.setenv("PYTHONPATH", env_path)
    return pytester.runpytest_subprocess("-p", "no:django", "-p", "no:cacheprovider", *args)


def test_the_plugin_fails_a_session_that_logs_an_id_number(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    result = _run_inner(
        pytester, monkeypatch, _INNER.format(id=VALID_ID), "-k", "logs_an_id_number or clean or tolerated"
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    output = result.stdout.str()
    assert "3 passed" in output
    assert (
        "test_inner.py::test_logs_an_id_number: govhall.inner DEBUG logged a id_number (1101**********002X)" in output
    )
    assert "log scan FAILED: 1 finding(s)" in output
    assert VALID_ID not in output  # the report itself leaks nothing


def test_the_plugin_sees_tracebacks_of_any_logger(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    result = _run_inner(pytester, monkeypatch, _INNER.format(id=VALID_ID), "-k", "traceback")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert "quiet ERROR logged a phone (139****9000)" in result.stdout.str()


def test_the_plugin_passes_a_clean_session(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    result = _run_inner(pytester, monkeypatch, _INNER.format(id=VALID_ID), "-k", "clean or tolerated")
    assert result.ret == pytest.ExitCode.OK
    assert "no ID numbers or phone numbers (1 expected finding(s) in marked tests)" in result.stdout.str()


@pytest.mark.log_scan_expected
@pytest.mark.django_db
def test_a_request_with_an_id_number_in_its_url_is_caught(client):
    from django.core.signals import request_started

    probe = ScanHandler()
    request_started.connect(probe.request_started, weak=False)
    try:
        client.get("/services/search/", {"q": VALID_ID})
    finally:
        request_started.disconnect(probe.request_started)
    assert [leak.finding.masked for leak in probe.leaks] == ["1101**********002X"]
