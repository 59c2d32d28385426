"""The platform's error type and its problem+json (RFC 9457) form.

Every error a person can cause is a ``GovhallError`` with a stable ``code`` (never reworded, clients
match on it), an HTTP ``status`` and a translated ``message`` telling them what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.encoding import force_str
from django.utils.functional import Promise

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://govhall.org/problems/"


class GovhallError(Exception):
    """Base of every expected, user-facing error.

    ``code`` is a dotted stable identifier such as ``identifier.id_number.check_digit``;
    ``message`` a lazily translated text; ``field`` optionally names the input at fault;
    ``params`` are safe values (never personal data) interpolated into the message.
    """

    status: int = 400
    default_code: str = "error"

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        field: str | None = None,
        status: int | None = None,
        params: Mapping[str, Any] | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        self.code = code or self.default_code
        # Several problems at once (a form, an import file): [{"field": …, "message": …}, …]
        self.errors: list[Any] = list(errors or [])
        self.field = field
        self.params = dict(params or {})
        self._message = message
        if status is not None:
            self.status = status
        super().__init__(self.code)

    @property
    def message(self) -> str:
        text = force_str(self._message)
        return text % self.params if self.params else text

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def as_problem(self, *, instance: str = "") -> dict[str, Any]:
        problem: dict[str, Any] = {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": self.message,
            "status": self.status,
            "code": self.code,
        }
        if self.field:
            problem["field"] = self.field
        if instance:
            problem["instance"] = instance
        if self.errors:
            problem["errors"] = [
                {k: str(v) for k, v in e.items()} if isinstance(e, Mapping) else str(e) for e in self.errors
            ]
        return problem


class ValidationFailed(GovhallError):
    status = 422
    default_code = "validation"


class NotFound(GovhallError):
    """Raised for missing and forbidden rows alike, so existence never leaks."""

    status = 404
    default_code = "not_found"


class PermissionDenied(GovhallError):
    status = 403
    default_code = "forbidden"


class Conflict(GovhallError):
    """A concurrent change won (compare-and-set lost) or the thing already happened."""

    status = 409
    default_code = "conflict"


class RateLimited(GovhallError):
    status = 429
    default_code = "rate_limited"


class ConfigurationError(GovhallError):
    """The deployment is missing data an admin must load (e.g. next year's holiday calendar)."""

    status = 503
    default_code = "configuration"
