"""Uploaded materials: the type is decided by the content, never by the name or the browser."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from io import BytesIO
from typing import IO

from django.utils.translation import gettext_lazy as _

from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import ValidationFailed, upload_scan

# (magic prefix, type)
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # legacy doc/xls
    (b"PK\x03\x04", "zip"),  # docx/xlsx/ofd/zip
]
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
    "zip": "application/zip",
}


def sniff_type(head: bytes, whole: IO[bytes] | None = None) -> str | None:
    """The file type from its first bytes (and, for ZIP containers, their member names)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "ole":
                return "doc"  # doc and xls share the container; both are accepted or neither
            if kind == "zip" and whole is not None:
                return _zip_kind(whole)
            return kind
    return None


def _zip_kind(stream: IO[bytes]) -> str:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist()[:2000])
    except (zipfile.BadZipFile, OSError):
        return "invalid"
    finally:
        stream.seek(0)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def accepted(kind: str | None, allowed: list[str]) -> bool:
    allowed_set = {"jpg" if t == "jpeg" else t for t in allowed}
    if kind == "doc":
        return bool({"doc", "xls"} & allowed_set)
    return kind is not None and kind in allowed_set


def safe_display_name(name: str, kind: str) -> str:
    """A file name safe to show: no path, no control characters, at most 80 characters, and the
    extension that matches the content."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    stem = base.rsplit(".", 1)[0].strip(" .") or "材料"
    return f"{stem[:80]}.{kind}"


def check_upload(*, head: bytes, stream: IO[bytes] | BytesIO, allowed: list[str]) -> str:
    """Return the detected type, or raise ``case.upload_type`` naming what is accepted."""
    kind = sniff_type(head, stream)
    if not accepted(kind, allowed):
        raise ValidationFailed(
            _("文件内容不是允许的类型（可上传：%(allowed)s）。请检查文件后重新上传。"),
            code="case.upload_type",
            field="file",
            params={"allowed": "、".join(allowed)},
        )
    return str(kind)


def scan_upload(*, stream: IO[bytes], user_id: int, case_id: int, requirement_id: int) -> IO[bytes]:
    """Virus-scan an upload when a scanner is configured (``core.scanning``, fail closed); call it
    before the upload's transaction. Returns the stream to store; raises ``file.quarantined``."""
    return upload_scan(
        stream=stream,
        actor=Actor(user_id=user_id, role="applicant"),
        subject=SubjectRef("case", str(case_id)),
        detail={"requirement": requirement_id},
    )
