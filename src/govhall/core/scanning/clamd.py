"""ClamAV's daemon over its unix or TCP socket with the INSTREAM command.

The daemon's own limits decide what it scans: set ``StreamMaxLength`` at least as large as the
biggest upload and ``AlertExceedsMax yes`` in clamd.conf (docs/operations.md), otherwise clamd
reports oversized files as clean. Anything but ``stream: OK`` is treated as not clean.
"""

from __future__ import annotations

import socket
import struct
from typing import IO

from govhall.core.scanning.base import Scanner, ScanResult

CHUNK = 64 * 1024


class ClamdScanner(Scanner):
    name = "clamd"

    def __init__(self, *, address: str, timeout: float, max_bytes: int) -> None:
        self.address, self.timeout, self.max_bytes = address, timeout, max_bytes

    def _connect(self) -> socket.socket:
        if self.address.startswith("/"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            sock.connect(self.address)
            return sock
        host, _, port = self.address.rpartition(":")
        return socket.create_connection((host.strip("[]"), int(port)), timeout=self.timeout)

    def scan(self, stream: IO[bytes], *, size: int) -> ScanResult:
        if size > self.max_bytes:
            return ScanResult("error", detail="size limit")
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                while chunk := stream.read(CHUNK):
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
                reply = b""
                while not reply.endswith(b"\0") and len(reply) < 4096:
                    part = sock.recv(4096)
                    if not part:
                        break
                    reply += part
        except (OSError, ValueError) as exc:  # refused, timeout, reset, bad address
            return ScanResult("error", detail=f"clamd: {type(exc).__name__}")
        answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
        if answer == "stream: OK":
            return ScanResult("clean")
        if answer.startswith("stream: ") and answer.endswith(" FOUND"):
            return ScanResult("infected", signature=answer[len("stream: ") : -len(" FOUND")][:200])
        return ScanResult("error", detail=f"clamd answered: {answer[:100]}")
