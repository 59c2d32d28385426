"""Upload scanning (govhall.core.scanning): ClamAV via clamscan with a locally written test
signature, clamd's INSTREAM protocol against a local fake daemon, and the fail-closed upload path."""

from __future__ import annotations

import hashlib
import io
import shutil
import socket
import struct
import threading
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govhall.cases.models import CaseMaterial
from govhall.core import scanning
from govhall.core.models import AuditEvent
from govhall.core.scanning.clamd import ClamdScanner
from govhall.core.scanning.clamscan import ClamscanScanner
from tests.cases.conftest import (  # noqa: F401 - fixtures
    PDF,
    _a_working_monday_in_2026,
    _files_in_tmp,
    applicant,
    basic_item,
    department,
    item,
    make_item,
)

CLAMSCAN = shutil.which("clamscan")
needs_clamscan = pytest.mark.skipif(
    CLAMSCAN is None, reason="Debian's clamscan is not installed (make system-deps installs clamav)"
)
# A harmless file that our own test signature (an MD5 .hdb entry) calls malware.
MALWARE = b"%PDF-1.7\n% govhall test malware sample - not a real virus\n%%EOF\n"
SIGNATURE = "Govhall.Test.Signature"


@pytest.fixture
def signatures(tmp_path: Path) -> Path:
    database = tmp_path / "clamav-db"
    database.mkdir()
    md5 = hashlib.md5(MALWARE, usedforsecurity=False).hexdigest()
    (database / "govhall-test.hdb").write_text(f"{md5}:{len(MALWARE)}:{SIGNATURE}\n")
    return database


@pytest.fixture
def clamscan_on(settings, signatures):
    settings.GOVHALL_UPLOAD_SCANNER = "clamscan"
    settings.GOVHALL_CLAMSCAN_DATABASE = str(signatures)
    settings.GOVHALL_SCAN_TIMEOUT_SECONDS = 60
    return settings


def _clamscan(database: Path, *, max_bytes: int = 10_000_000, path: str | None = None, timeout: float = 60):
    return ClamscanScanner(
        path=path or CLAMSCAN or "clamscan", database=str(database), timeout=timeout, max_bytes=max_bytes
    )


# --- the clamscan provider ------------------------------------------------------------------


@needs_clamscan
def test_clamscan_finds_the_test_signature_and_passes_a_clean_file(signatures):
    engine = _clamscan(signatures)
    found = engine.scan(io.BytesIO(MALWARE), size=len(MALWARE))
    assert found.verdict == "infected" and found.signature.startswith(SIGNATURE)
    assert engine.scan(io.BytesIO(PDF), size=len(PDF)).is_clean


@needs_clamscan
def test_clamscan_over_its_size_limit_is_not_clean(signatures):
    big = b"%PDF-1.7\n" + bytes(range(256)) * 8000
    result = _clamscan(signatures, max_bytes=100_000).scan(io.BytesIO(big), size=len(big))
    assert not result.is_clean
    assert "Limits.Exceeded" in result.signature


@needs_clamscan
def test_clamscan_engine_error_is_not_clean(tmp_path):
    result = _clamscan(tmp_path / "no-such-database").scan(io.BytesIO(PDF), size=len(PDF))
    assert result.verdict == "error" and result.detail == "clamscan exit 2"


def test_a_scanner_that_hangs_is_stopped_and_not_clean(tmp_path):
    hang = tmp_path / "hang.sh"
    hang.write_text("#!/bin/sh\nexec sleep 30\n")
    hang.chmod(0o755)
    result = _clamscan(tmp_path, path=str(hang), timeout=0.5).scan(io.BytesIO(PDF), size=len(PDF))
    assert (result.verdict, result.detail) == ("error", "timeout")


def test_a_missing_scanner_program_is_not_clean(tmp_path):
    result = _clamscan(tmp_path, path=str(tmp_path / "absent")).scan(io.BytesIO(PDF), size=len(PDF))
    assert result.verdict == "error"


# --- the clamd provider against a local fake daemon -----------------------------------------


def _fake_clamd(path: Path, answer: bytes, received: list[bytes]) -> threading.Thread:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def serve() -> None:
        connection, _ = server.accept()
        with connection, server:
            data = b""
            while not data.endswith(struct.pack("!L", 0)) or len(data) < 14:
                part = connection.recv(65536)
                if not part:
                    break
                data += part
            received.append(data)
            connection.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        (b"stream: OK\0", "clean"),
        (b"stream: Eicar-Test-Signature FOUND\0", "infected"),
        (b"INSTREAM size limit exceeded. ERROR\0", "error"),
        (b"stream: lstat() failed: No such file ERROR\0", "error"),
        (b"", "error"),
    ],
)
def test_clamd_instream_answers(tmp_path, answer, verdict):
    address = tmp_path / "clamd.sock"
    received: list[bytes] = []
    thread = _fake_clamd(address, answer, received)
    result = ClamdScanner(address=str(address), timeout=5, max_bytes=10_000).scan(io.BytesIO(PDF), size=len(PDF))
    thread.join(timeout=5)
    assert result.verdict == verdict
    # The INSTREAM framing: command, one length-prefixed chunk, the zero-length terminator.
    assert received == [b"zINSTREAM\0" + struct.pack("!L", len(PDF)) + PDF + struct.pack("!L", 0)]


def test_clamd_unreachable_or_over_the_limit_is_not_clean(tmp_path):
    absent = ClamdScanner(address=str(tmp_path / "absent.sock"), timeout=1, max_bytes=10_000)
    assert absent.scan(io.BytesIO(PDF), size=len(PDF)).verdict == "error"
    small = ClamdScanner(address=str(tmp_path / "absent.sock"), timeout=1, max_bytes=10)
    assert small.scan(io.BytesIO(PDF), size=len(PDF)).detail == "size limit"


def test_scanner_choice_follows_the_setting(settings):
    settings.GOVHALL_UPLOAD_SCANNER = ""
    assert scanning.scanner() is None
    settings.GOVHALL_UPLOAD_SCANNER = "clamd"
    assert isinstance(scanning.scanner(), ClamdScanner)
    settings.GOVHALL_UPLOAD_SCANNER = "virustotal"
    with pytest.raises(ValueError, match="GOVHALL_UPLOAD_SCANNER"):
        scanning.scanner()


# --- the upload path: fail closed -----------------------------------------------------------


def _upload(client: Client, item, content: bytes):  # noqa: F811
    draft = client.post(
        "/api/v1/cases/drafts",
        {"item_code": item.service_item.code, "form_data": {"shop_name": "闽南小吃"}},
        content_type="application/json",
    )
    assert draft.status_code == 201, draft.content
    case_id = draft.json()["id"]
    requirement = item.materials.first()
    response = client.post(
        f"/api/v1/cases/drafts/{case_id}/materials/{requirement.pk}",
        {"file": SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")},
    )
    return case_id, response


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    return client


@needs_clamscan
@pytest.mark.django_db
def test_an_infected_upload_is_quarantined_audited_and_not_attached(clamscan_on, applicant, item):  # noqa: F811
    client = _client(applicant)
    case_id, response = _upload(client, item, MALWARE)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "file.quarantined"
    assert "已被隔离" in response.json()["title"]
    assert not CaseMaterial.objects.filter(case_id=case_id).exists()
    event = AuditEvent.objects.get(action="file.quarantine")
    assert event.subject == f"case:{case_id}" and event.result == "denied" and event.actor_id == applicant.pk
    assert event.detail["verdict"] == "infected" and event.detail["signature"].startswith(SIGNATURE)
    key = event.detail["quarantine_key"]
    assert key.startswith("quarantine/")
    with default_storage.open(key, "rb") as kept:
        assert kept.read() == MALWARE
    # Only the quarantine holds the file: no material file was kept.
    assert not default_storage.exists("materials") or default_storage.listdir("materials") == ([], [])


@needs_clamscan
@pytest.mark.django_db
def test_a_clean_upload_goes_through_when_scanning_is_on(clamscan_on, applicant, item):  # noqa: F811
    _case_id, response = _upload(_client(applicant), item, PDF)
    assert response.status_code == 201, response.content
    assert not AuditEvent.objects.filter(action="file.quarantine").exists()


@pytest.mark.django_db
def test_an_engine_failure_quarantines_the_upload(settings, tmp_path, applicant, item):  # noqa: F811
    settings.GOVHALL_UPLOAD_SCANNER = "clamd"
    settings.GOVHALL_CLAMD_ADDRESS = str(tmp_path / "no-clamd.sock")
    case_id, response = _upload(_client(applicant), item, PDF)
    assert response.status_code == 422 and response.json()["code"] == "file.quarantined"
    assert not CaseMaterial.objects.filter(case_id=case_id).exists()
    assert AuditEvent.objects.get(action="file.quarantine").detail["verdict"] == "error"


@pytest.mark.django_db
def test_an_upload_over_the_scan_limit_is_quarantined_unread(settings, applicant, item):  # noqa: F811
    settings.GOVHALL_UPLOAD_SCANNER = "clamd"  # never contacted: the size decides first
    settings.GOVHALL_SCAN_MAX_BYTES = 16
    _case_id, response = _upload(_client(applicant), item, PDF)
    assert response.status_code == 422
    detail = AuditEvent.objects.get(action="file.quarantine").detail
    assert (detail["reason"], detail["truncated"]) == ("size limit", True)


@pytest.mark.django_db
def test_without_a_scanner_uploads_are_not_scanned(settings, applicant, item):  # noqa: F811
    settings.GOVHALL_UPLOAD_SCANNER = ""
    _case_id, response = _upload(_client(applicant), item, MALWARE)
    assert response.status_code == 201
