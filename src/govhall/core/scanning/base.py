"""What every upload scanner answers, and the provider interface (docs/adr/0009)."""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import IO, Literal

Verdict = Literal["clean", "infected", "error"]


@dataclass(frozen=True, slots=True)
class ScanResult:
    """``clean`` only when the engine said so in as many words; everything else is not clean.

    ``signature`` names what matched (a ClamAV signature name; never file content);
    ``detail`` is a short technical reason for ``error`` (timeout, engine error, size limit).
    """

    verdict: Verdict
    signature: str = ""
    detail: str = ""

    @property
    def is_clean(self) -> bool:
        return self.verdict == "clean"


class Scanner(abc.ABC):
    name: str

    @abc.abstractmethod
    def scan(self, stream: IO[bytes], *, size: int) -> ScanResult:
        """Scan ``stream`` (positioned at 0, ``size`` bytes). Must not raise: any failure is
        ``ScanResult("error", detail=…)``. Must honour its timeout."""
