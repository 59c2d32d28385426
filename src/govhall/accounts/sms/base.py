"""The SMS provider interface. One provider per module under ``contrib/``.

A provider sends one message and either returns the carrier's reference or raises ``SmsError``
saying whether a later retry may succeed (``retryable``: gateway busy, timeout) or not (invalid
number, content refused). Providers must bound every outbound call by ``timeout_seconds``.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SmsResult:
    reference: str


class SmsError(Exception):
    """A failed send. ``code`` is stable (``sms.invalid_number``, ``sms.gateway_busy`` …)."""

    def __init__(self, code: str, *, retryable: bool) -> None:
        super().__init__(code)
        self.code = code
        self.retryable = retryable


class SmsProvider(abc.ABC):
    """Base class: ``options`` come from ``GOVHALL_SMS_OPTIONS`` (see docs/operations.md)."""

    name: str = ""
    timeout_seconds: float = 10.0

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options = dict(options or {})
        self.timeout_seconds = float(self.options.get("timeout_seconds", self.timeout_seconds))

    @abc.abstractmethod
    def send(self, *, phone: str, text: str, attempt: int) -> SmsResult:
        """Send ``text`` to the mainland mobile number ``phone``; ``attempt`` counts from 1.

        Raises ``SmsError``. Must not log the number or the text."""
