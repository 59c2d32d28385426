"""The interface every real-name provider implements.

A provider compares an (ID number, name) pair with an authoritative source — in production the
public-security population registry (公安部公民身份信息核查) through a licensed gateway. It must
return within ``options.timeout_seconds`` and classify every failure:

- ``RetryableProviderError``: the source did not answer (timeout, unavailable, rate-limited by
  the gateway). Nothing is known about the person; the citizen may try again later.
- ``TerminalProviderError``: the source answered with something that retrying will not change
  (the record is cancelled, the request was refused). The citizen must go to a window.
- A mismatch is not an error: ``MatchResult(matched=False)``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class ProviderOptions:
    """Typed options of a provider, read from settings by the registry."""

    timeout_seconds: float = 10.0
    endpoint: str = ""


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The source's answer. ``reference`` is the provider's transaction number (no personal data)."""

    matched: bool
    reference: str


class ProviderError(Exception):
    """A provider failure with a stable ``code`` (``timeout``, ``unavailable``, …)."""

    retryable: ClassVar[bool] = False

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail  # for operators; never personal data


class RetryableProviderError(ProviderError):
    retryable = True


class TerminalProviderError(ProviderError):
    retryable = False


class RealNameProvider(ABC):
    """Compare an identity with an authoritative source. Implementations must be thread-safe and
    hold no database transaction open while they wait for the source."""

    name: ClassVar[str]

    def __init__(self, options: ProviderOptions) -> None:
        self.options = options

    @abstractmethod
    def verify_identity(self, *, id_number: str, real_name: str) -> MatchResult:
        """Does ``real_name`` belong to ``id_number`` (normalised 18 characters)?

        Returns a ``MatchResult``; raises ``RetryableProviderError`` or ``TerminalProviderError``.
        Must not log either argument."""
