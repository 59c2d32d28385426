"""File storage behind one small interface: the embedded default keeps files in
``GOVHALL_FILES_DIR`` (outside any web root); production can swap Django's default storage for
S3-compatible object storage without touching callers.

Files are stored under opaque keys (never the uploaded name, which may carry personal data), with
their SM3 digest computed while streaming and a hard size limit enforced before anything is kept.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from cryptography.hazmat.primitives import hashes
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from govhall.core.errors import NotFound, ValidationFailed

CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str
    size: int
    sm3: str


class FileTooLarge(ValidationFailed):
    default_code = "file.too_large"
    status = 413


def _chunks(stream: IO[bytes] | Iterable[bytes]) -> Iterable[bytes]:
    if hasattr(stream, "read"):
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk
    else:
        yield from stream


def file_store(*, stream: IO[bytes] | Iterable[bytes], namespace: str, max_bytes: int) -> StoredFile:
    """Stream ``stream`` into storage under a new opaque key in ``namespace``.

    Raises ``FileTooLarge`` (``file.too_large``) as soon as more than ``max_bytes`` arrive; nothing
    is kept then. Raises ``ValidationFailed`` (``file.empty``) for an empty file.
    """
    if not namespace.replace("_", "").isalnum():
        raise ValueError("namespace must be alphanumeric")
    digest = hashes.Hash(hashes.SM3())
    size = 0
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
        for chunk in _chunks(stream):
            size += len(chunk)
            if size > max_bytes:
                raise FileTooLarge(
                    _("文件超过大小上限（%(limit)s），请压缩或拆分后重新上传。"),
                    params={"limit": _human_size(max_bytes)},
                )
            digest.update(chunk)
            spool.write(chunk)
        if size == 0:
            raise ValidationFailed(_("文件是空的，请选择正确的文件。"), code="file.empty")
        spool.seek(0)
        today = dt.date.today()
        key = f"{namespace}/{today:%Y/%m}/{uuid.uuid4().hex}"
        saved = default_storage.save(key, File(spool))
    return StoredFile(key=saved, size=size, sm3=digest.finalize().hex())


def file_open(*, key: str) -> File:
    """Open a stored file for reading; ``NotFound`` if it does not exist. Callers check access first."""
    if ".." in key.split("/") or key.startswith("/"):
        raise NotFound(_("文件不存在。"), code="file.not_found")
    if not default_storage.exists(key):
        raise NotFound(_("文件不存在。"), code="file.not_found")
    return default_storage.open(key, "rb")


def file_delete(*, key: str) -> None:
    default_storage.delete(key)


def _human_size(size: int) -> str:
    """1536 → "1.5 KB"; 500 * 1024 * 1024 → "500 MB"."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" or value.is_integer() else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.0f} GB" if value.is_integer() else f"{value:.1f} GB"
