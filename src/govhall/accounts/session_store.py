"""The session engine (``SESSION_ENGINE``): Django's database sessions, loaded in one round trip
together with the session's tracking row (``UserSession``), which ``SessionTrackingMiddleware``
needs on every signed-in request to refuse an ended session.

The same query reads the roles of the session's user, which every workbench request checks
(``permissions.staff_required``). Before this engine these were three ORM queries — the session,
the tracking row, the roles — the larger part of a workbench page served from the worklist's page
cache (benchmarks/case_flow.py). Writing, expiry and deletion are Django's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.http import HttpRequest
from django.utils import timezone

from govhall.accounts.models import RoleAssignment, UserSession
from govhall.accounts.sessions import session_key_hash


@dataclass(frozen=True)
class Tracking:
    """The tracking row of the loaded session, as the load found it (``row_id`` None: none yet)."""

    session_key: str
    row_id: int | None
    user_id: int | None
    ended_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    # the (department id, role) pairs of ``user_id`` as they were when the session loaded
    role_pairs: frozenset[tuple[int, str]] = frozenset()


@dataclass(frozen=True)
class _Loaded:
    session_data: str


def _aware(value: Any) -> dt.datetime | None:
    """SQLite hands raw queries naive UTC datetimes; PostgreSQL aware ones."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return timezone.make_aware(value, dt.UTC) if timezone.is_naive(value) else value


class SessionStore(db.SessionStore):
    tracking: Tracking | None = None

    def _get_session_from_db(self) -> Any:
        using = router.db_for_read(Session, instance=None)
        connection = connections[using]
        session_table = connection.ops.quote_name(Session._meta.db_table)
        tracking_table = connection.ops.quote_name(UserSession._meta.db_table)
        roles_table = connection.ops.quote_name(RoleAssignment._meta.db_table)
        aggregate = "string_agg" if connection.vendor == "postgresql" else "group_concat"
        key = self.session_key
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.session_data, t.id, t.user_id, t.ended_at, t.last_seen_at, "  # noqa: S608 (table names only)
                f"(SELECT {aggregate}(CAST(r.department_id AS TEXT) || ':' || r.role, ',') "
                f"FROM {roles_table} r WHERE r.user_id = t.user_id) "
                f"FROM {session_table} s LEFT JOIN {tracking_table} t ON t.key_hash = %s "
                "WHERE s.session_key = %s AND s.expire_date > %s",
                [session_key_hash(key or ""), key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            self.tracking = None
            return None
        data, row_id, user_id, ended_at, last_seen_at, roles = row
        pairs = frozenset(
            (int(department), role)
            for department, _sep, role in (pair.partition(":") for pair in (roles or "").split(",") if pair)
        )
        self.tracking = Tracking(key or "", row_id, user_id, _aware(ended_at), _aware(last_seen_at), pairs)
        return _Loaded(session_data=data)


def preloaded_role_pairs(request: HttpRequest) -> frozenset[tuple[int, str]] | None:
    """The signed-in user's roles as this request's session load read them (same round trip),
    or None when the session engine or the session does not carry them."""
    tracking = getattr(getattr(request, "session", None), "tracking", None)
    user = getattr(request, "user", None)
    if (
        tracking is None
        or user is None
        or tracking.row_id is None
        or tracking.user_id != user.pk
        or tracking.session_key != request.session.session_key
    ):
        return None
    return tracking.role_pairs
