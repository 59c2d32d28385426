"""Upload scanning with ClamAV, fail closed (docs/adr/0009-csp-and-hardening.md).

``upload_scan`` is called by an upload path *before* its transaction (a scan can take seconds and
must not hold database locks). With ``GOVHALL_UPLOAD_SCANNER`` empty nothing is scanned. With a
scanner configured, only an explicit clean answer lets the file through; infected, engine error,
timeout or size limit all quarantine it: the file is kept under ``quarantine/`` in private
storage (never attached to anything), an audit event ``file.quarantine`` records why, and the
uploader gets ``UploadQuarantined`` (``file.quarantined``) telling them what happened.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from govhall.core.audit import RESULT_DENIED, audit_record
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.errors import ValidationFailed
from govhall.core.scanning.base import Scanner, ScanResult
from govhall.core.scanning.clamd import ClamdScanner
from govhall.core.scanning.clamscan import ClamscanScanner
from govhall.core.storage import CHUNK_BYTES, file_store

QUARANTINE_NAMESPACE = "quarantine"

__all__ = ["QUARANTINE_NAMESPACE", "ScanResult", "Scanner", "UploadQuarantined", "scanner", "upload_scan"]


class UploadQuarantined(ValidationFailed):
    default_code = "file.quarantined"


def scanner() -> Scanner | None:
    """The configured scanner, or None when scanning is off. Raises ``ValueError`` for an
    unknown ``GOVHALL_UPLOAD_SCANNER``."""
    name = settings.GOVHALL_UPLOAD_SCANNER
    timeout = float(settings.GOVHALL_SCAN_TIMEOUT_SECONDS)
    max_bytes = int(settings.GOVHALL_SCAN_MAX_BYTES)
    if not name:
        return None
    if name == "clamscan":
        return ClamscanScanner(
            path=settings.GOVHALL_CLAMSCAN_PATH or "clamscan",
            database=settings.GOVHALL_CLAMSCAN_DATABASE or "",
            timeout=timeout,
            max_bytes=max_bytes,
        )
    if name == "clamd":
        return ClamdScanner(address=settings.GOVHALL_CLAMD_ADDRESS or "", timeout=timeout, max_bytes=max_bytes)
    raise ValueError(f"unknown GOVHALL_UPLOAD_SCANNER {name!r} (expected '', 'clamd' or 'clamscan')")


def upload_scan(
    *, stream: IO[bytes], actor: Actor, subject: SubjectRef, detail: Mapping[str, Any] | None = None
) -> IO[bytes]:
    """Scan an upload; return a stream with the same bytes (positioned at 0) when it may proceed.

    Raises ``UploadQuarantined`` after quarantining the file and writing the audit event (in its
    own transaction: call this outside the caller's transaction so the record survives the
    failed upload). ``detail`` holds safe extra audit fields (ids, never personal data).
    """
    engine = scanner()
    if engine is None:
        return stream
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 (returned to the caller)
    size = 0
    limit = int(settings.GOVHALL_SCAN_MAX_BYTES)
    while chunk := stream.read(CHUNK_BYTES):
        size += len(chunk)
        spool.write(chunk)
        if size > limit:
            break  # fail closed without reading (or storing) the rest
    spool.seek(0)
    if size > limit:
        result = ScanResult("error", detail="size limit")
    else:
        try:
            result = engine.scan(spool, size=size)
        except Exception as exc:  # a provider bug must not let a file through
            result = ScanResult("error", detail=f"scanner failed: {type(exc).__name__}")
    if result.is_clean:
        spool.seek(0)
        return spool
    _quarantine(spool=spool, size=size, result=result, actor=actor, subject=subject, detail=detail or {})
    raise UploadQuarantined(
        _(
            "文件未通过病毒和安全检查，已被隔离，没有作为材料提交。请确认文件来源安全、没有加密或损坏后重新上传；"
            "如有疑问请联系平台运维并提供办件编号。"
        ),
        field="file",
    )


def _quarantine(
    *, spool: IO[bytes], size: int, result: ScanResult, actor: Actor, subject: SubjectRef, detail: Mapping[str, Any]
) -> None:
    spool.seek(0)
    stored = file_store(stream=spool, namespace=QUARANTINE_NAMESPACE, max_bytes=max(size, 1))
    spool.close()
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="file.quarantine",
            subject=subject,
            result=RESULT_DENIED,
            after={"sm3": stored.sm3, "size": stored.size},
            detail={
                **detail,
                "verdict": result.verdict,
                "signature": result.signature,
                "reason": result.detail,
                "quarantine_key": stored.key,
                "sm3": stored.sm3,
                "size": stored.size,
                "truncated": size > int(settings.GOVHALL_SCAN_MAX_BYTES),
            },
        )
