"""Registries through which higher apps extend accounts (they register in ``AppConfig.ready()``;
DESIGN.md §4: a lower app never imports a higher one).

``session_reads``: extra values the session engine (``session_store``) reads in the same query as
the session, for pages that need them on every request. Each entry builds a scalar SQL subquery
that yields text (or NULL) from ``user_departments`` — the SQL of the signed-in user's department
ids — and the database vendor. The value is offered to the request as
``session_extra(request, name)``, or None when the session did not carry it (then the page reads
it itself).
"""

from __future__ import annotations

from collections.abc import Callable

SessionRead = Callable[[str, str], str]  # (vendor, user_departments SQL) -> scalar subquery SQL

session_reads: dict[str, SessionRead] = {}


def session_read_register(name: str, build: SessionRead) -> None:
    session_reads[name] = build
