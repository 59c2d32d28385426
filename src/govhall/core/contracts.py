"""Frozen data shapes that other apps may import from core."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubjectRef:
    """An opaque reference to a domain object owned by any app (``case:42``, ``user:7``).

    Lower layers keep a ``SubjectRef`` instead of a foreign key to a higher layer.
    """

    kind: str
    id: str

    def __post_init__(self) -> None:
        if not self.kind or ":" in self.kind or not self.kind.replace("_", "").isalnum():
            raise ValueError(f"invalid subject kind: {self.kind!r}")
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("subject id must be a non-empty string")

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, value: str) -> SubjectRef:
        kind, sep, ident = value.partition(":")
        if not sep:
            raise ValueError(f"not a subject reference: {value!r}")
        return cls(kind=kind, id=ident)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does something, as recorded in the audit log (no personal data beyond the user id)."""

    user_id: int | None
    role: str = ""
    department_id: int | None = None
    request_id: str = ""
    client_ip: str = ""
    # The organisation or mandate the user acts for ("organization:5", "mandate:7"); defaults to
    # the request's acting identity (core.context.acting_for_var). Recorded in the audit detail.
    on_behalf_of: str = ""

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls(user_id=None, role=name)
