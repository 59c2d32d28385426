"""ClamAV through the ``clamscan`` command (no daemon): the file is piped to ``clamscan -``.

Signatures come from ``GOVHALL_CLAMSCAN_DATABASE`` (a directory) or ClamAV's default. Loading
the full official database takes seconds per call: use ``clamd`` in production.
"""

from __future__ import annotations

import io
import subprocess
from typing import IO, Any

from govhall.core.scanning.base import Scanner, ScanResult


class ClamscanScanner(Scanner):
    name = "clamscan"

    def __init__(self, *, path: str, database: str, timeout: float, max_bytes: int) -> None:
        self.path, self.database, self.timeout, self.max_bytes = path, database, timeout, max_bytes

    def command(self) -> list[str]:
        limit = str(self.max_bytes)
        command = [
            self.path,
            "--no-summary",
            "--stdout",
            # Over a size limit ClamAV would say "OK" without looking; make it say FOUND.
            "--alert-exceeds-max=yes",
            f"--max-filesize={limit}",
            f"--max-scansize={limit}",
            "--alert-broken=yes",
            "--alert-encrypted=yes",
        ]
        if self.database:
            command.append(f"--database={self.database}")
        return [*command, "-"]

    def scan(self, stream: IO[bytes], *, size: int) -> ScanResult:
        try:
            stream.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            feed: dict[str, Any] = {"input": stream.read()}  # in memory (small spooled uploads)
        else:
            feed = {"stdin": stream}
        try:
            completed = subprocess.run(  # noqa: S603 (fixed argument list, no shell)
                self.command(), capture_output=True, timeout=self.timeout, check=False, **feed
            )
        except subprocess.TimeoutExpired:
            return ScanResult("error", detail="timeout")
        except OSError as exc:
            return ScanResult("error", detail=f"cannot run clamscan: {type(exc).__name__}")
        output = completed.stdout.decode("utf-8", "replace").strip()
        if completed.returncode == 0 and output == "stdin: OK":
            return ScanResult("clean")
        if completed.returncode == 1 and output.startswith("stdin: ") and output.endswith(" FOUND"):
            return ScanResult("infected", signature=output[len("stdin: ") : -len(" FOUND")][:200])
        return ScanResult("error", detail=f"clamscan exit {completed.returncode}")
