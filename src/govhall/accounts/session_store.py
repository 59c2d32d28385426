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
from dataclasses import dataclass, field
from typing import Any

from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from govhall.accounts import hooks
from govhall.accounts.backends import preloaded_user, user_columns, user_from_row
from govhall.accounts.models import RoleAssignment, User, UserSession
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
    # the tracking row's user, read in the same query (``AuthenticationMiddleware`` offers it
    # to Django's ``get_user``, which still checks it against the session)
    user: User | None = None
    # what ``hooks.session_reads`` asked for, by name
    extras: dict[str, Any] = field(default_factory=dict)


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
        user_table = connection.ops.quote_name(User._meta.db_table)
        aggregate = "string_agg" if connection.vendor == "postgresql" else "group_concat"
        user_departments = f"(SELECT r2.department_id FROM {roles_table} r2 WHERE r2.user_id = t.user_id)"  # noqa: S608 (table name only)
        extra_names = sorted(hooks.session_reads)
        extras = "".join(
            f"({hooks.session_reads[name](connection.vendor, user_departments)}), " for name in extra_names
        )
        key = self.session_key
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.session_data, t.id, t.user_id, t.ended_at, t.last_seen_at, "  # noqa: S608 (table names only)
                f"(SELECT {aggregate}(CAST(r.department_id AS TEXT) || ':' || r.role, ',') "
                f"FROM {roles_table} r WHERE r.user_id = t.user_id), {extras}{user_columns(using, 'u')} "
                f"FROM {session_table} s LEFT JOIN {tracking_table} t ON t.key_hash = %s "
                f"LEFT JOIN {user_table} u ON u.id = t.user_id "
                "WHERE s.session_key = %s AND s.expire_date > %s",
                [session_key_hash(key or ""), key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            self.tracking = None
            return None
        data, row_id, user_id, ended_at, last_seen_at, roles = row[:6]
        extra_values = dict(zip(extra_names, row[6 : 6 + len(extra_names)], strict=True))
        user_row = row[6 + len(extra_names) :]
        user = user_from_row(using, user_row) if user_row[0] is not None else None
        pairs = frozenset(
            (int(department), role)
            for department, _sep, role in (pair.partition(":") for pair in (roles or "").split(",") if pair)
        )
        self.tracking = Tracking(
            key or "", row_id, user_id, _aware(ended_at), _aware(last_seen_at), pairs, user, extra_values
        )
        return _Loaded(session_data=data)


def _tracking_of_user(request: HttpRequest) -> Tracking | None:
    """The session's tracking row when it belongs to the request's signed-in user and session."""
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
    return tracking


def preloaded_role_pairs(request: HttpRequest) -> frozenset[tuple[int, str]] | None:
    """The signed-in user's roles as this request's session load read them (same round trip),
    or None when the session engine or the session does not carry them."""
    tracking = _tracking_of_user(request)
    return None if tracking is None else tracking.role_pairs


def session_extra(request: HttpRequest, name: str) -> Any:
    """What ``hooks.session_reads[name]`` read with this request's session (its text, or None
    for SQL NULL), or ``NOT_LOADED`` when the session did not carry it."""
    tracking = _tracking_of_user(request)
    if tracking is None or name not in tracking.extras:
        return NOT_LOADED
    return tracking.extras[name]


NOT_LOADED = object()


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, except that the user comes from the session's own query when it can: the session
    is loaded first, and while Django's ``get_user`` runs (and checks the session's user id and
    auth hash as always), ``GovhallBackend.get_user`` is offered the user read with it."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))  # type: ignore[assignment]


def _user(request: HttpRequest) -> Any:
    cached = getattr(request, "_cached_user", None)
    if cached is not None:
        return cached
    session = request.session
    session.get(SESSION_KEY)  # loads the session (what get_user does first anyway)
    tracking = getattr(session, "tracking", None)
    user = tracking.user if tracking is not None and tracking.session_key == session.session_key else None
    token = preloaded_user.set(user)
    try:
        request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
    finally:
        preloaded_user.reset(token)
    return request._cached_user  # type: ignore[attr-defined]
