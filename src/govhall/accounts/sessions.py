"""Signed-in sessions, listed and revocable, and the dormant-account sweep.

``SessionTrackingMiddleware`` keeps one ``UserSession`` row per signed-in session, keyed by a keyed
hash of the session key (the key itself — a bearer secret — is never stored). The user sees their
sessions (device, masked IP, last seen) and can end any; a security administrator (安全保密管理员)
can end every session of a staff member. An ended session is signed out on its next request,
whatever the session engine (database or cache), because the check runs before any view.

``dormant_staff_disable`` (daily, run by the worker) disables staff accounts unused for
``GOVHALL_DORMANT_DAYS`` (90) days. Citizen accounts are never disabled by it.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from govhall.accounts.constants import SESSION_KEY_CONTEXT, SESSION_TOUCH_SECONDS, Role, SessionEndReason, UserKind
from govhall.accounts.models import User, UserSession
from govhall.accounts.selectors import user_has_role
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import NotFound, PermissionDenied, audit_record, blind_index, client_address


@functools.lru_cache(maxsize=1)  # the request's own key only: no other bearer secret stays in memory
def session_key_hash(session_key: str) -> str:
    """The tracking row's key: a keyed hash of the session key (asked up to three times a request)."""
    return blind_index(session_key, context=SESSION_KEY_CONTEXT)


def mask_ip(value: str) -> str:
    """``203.0.113.45`` → ``203.0.*.*``; IPv6 keeps the first two groups. Never raises."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return ""
    if address.version == 4:
        parts = str(address).split(".")
        return f"{parts[0]}.{parts[1]}.*.*"
    groups = address.exploded.split(":")
    return f"{groups[0]}:{groups[1]}:*"


def _idle_limit(user: Any) -> dt.timedelta:
    minutes = (
        settings.GOVHALL_STAFF_IDLE_MINUTES if user.kind == UserKind.STAFF else settings.GOVHALL_CITIZEN_IDLE_MINUTES
    )
    return dt.timedelta(minutes=minutes)


# --- tracking -------------------------------------------------------------------------------------


def session_touch(
    *, user: Any, session_key: str, user_agent: str, client_ip: str, row: UserSession | None = None
) -> UserSession:
    """Create the row for a new session or move ``last_seen_at`` (at most once a minute).
    ``row`` is the session's row when the caller has already loaded it (saves a query)."""
    key_hash = session_key_hash(session_key)
    now = timezone.now()
    if row is None or row.key_hash != key_hash:
        row = UserSession.objects.filter(key_hash=key_hash).first()
    if row is None:
        row, _created = UserSession.objects.get_or_create(
            key_hash=key_hash,
            defaults={
                "user_id": user.pk,
                "user_agent": user_agent[:200],
                "ip_masked": mask_ip(client_ip),
                "created_at": now,
                "last_seen_at": now,
            },
        )
    elif (now - row.last_seen_at).total_seconds() >= SESSION_TOUCH_SECONDS:
        UserSession.objects.filter(pk=row.pk, ended_at__isnull=True).update(last_seen_at=now)
    return row


def _end(qs: QuerySet[UserSession], *, reason: str, ended_by: Any) -> int:
    return qs.filter(ended_at__isnull=True).update(ended_at=timezone.now(), end_reason=reason, ended_by=ended_by)


def _tracking_row(session: Any, session_key: str) -> UserSession | None:
    """The session's tracking row: as the session engine (``accounts.session_store``) loaded it
    with the session, in the same query, or else (another engine, a new key) from the database."""
    tracking = getattr(session, "tracking", None)
    if tracking is not None and tracking.session_key == session_key:
        if tracking.row_id is None:
            return None
        return UserSession(
            pk=tracking.row_id,
            key_hash=session_key_hash(session_key),
            user_id=tracking.user_id,
            ended_at=tracking.ended_at,
            last_seen_at=tracking.last_seen_at,
        )
    return UserSession.objects.filter(key_hash=session_key_hash(session_key)).first()


class SessionTrackingMiddleware:
    """Refuses ended sessions before any view runs; records new sessions and activity after."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        key_before = request.session.session_key if user.is_authenticated else None
        row = _tracking_row(request.session, key_before) if key_before else None
        if row is not None and row.ended_at is not None:
            is_staff = getattr(user, "is_staff_member", False)
            logout(request)
            if request.path.startswith("/api/"):
                return HttpResponse(status=401)
            messages.info(request, _("该登录会话已被结束，请重新登录。"))
            target = "workbench:login" if is_staff else "portal:login"
            return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.path})}")
        response = self.get_response(request)
        user_after: Any = request.user
        key_after = request.session.session_key
        if key_before and (not user_after.is_authenticated or key_after != key_before):
            # Signed out (or idle timeout): this session is over.
            reason = SessionEndReason.LOGOUT if request.path.endswith("/logout/") else SessionEndReason.IDLE
            _end(UserSession.objects.filter(key_hash=session_key_hash(key_before)), reason=reason, ended_by=None)
        if user_after.is_authenticated and key_after:
            session_touch(
                user=user_after,
                session_key=key_after,
                user_agent=request.headers.get("User-Agent", ""),
                client_ip=client_address(request),
                row=row,
            )
        return response


# --- listing and ending -----------------------------------------------------------------------------


def sessions_active(*, user: Any) -> QuerySet[UserSession]:
    """The user's sessions still alive: not ended and active within the idle limit."""
    cutoff = timezone.now() - _idle_limit(user)
    return UserSession.objects.filter(user_id=user.pk, ended_at__isnull=True, last_seen_at__gte=cutoff)


def session_is_current(row: UserSession, request: HttpRequest) -> bool:
    key = request.session.session_key
    return bool(key) and row.key_hash == session_key_hash(key or "")


def session_end(*, user: Any, session_id: int) -> UserSession:
    """The user ends one of their own sessions (on another device, or this one). Audited."""
    with transaction.atomic():
        row = UserSession.objects.filter(pk=session_id, user_id=user.pk).first()
        if row is None or not _end(
            UserSession.objects.filter(pk=row.pk), reason=SessionEndReason.BY_USER, ended_by=user
        ):
            raise NotFound(gettext_lazy("该登录会话不存在或已结束。"), code="session.not_found")
        audit_record(
            actor=Actor(user_id=user.pk, role=user.kind),
            action="session.end",
            subject=SubjectRef("user", str(user.pk)),
            detail={"session": row.pk},
        )
    return row


def is_security_admin(*, user: Any) -> bool:
    return bool(getattr(user, "is_staff_member", False) and user_has_role(user=user, role=Role.SECURITY_ADMIN))


def staff_with_sessions() -> list[tuple[User, int]]:
    """Staff accounts with their number of live sessions (for the security administrator)."""
    cutoff = timezone.now() - dt.timedelta(minutes=settings.GOVHALL_STAFF_IDLE_MINUTES)
    live = Q(tracked_sessions__ended_at__isnull=True, tracked_sessions__last_seen_at__gte=cutoff)
    rows = User.objects.filter(kind=UserKind.STAFF).annotate(live=Count("tracked_sessions", filter=live))
    return [(u, u.live) for u in rows.order_by("-live", "username")]


def staff_sessions_end(*, actor_user: Any, user_id: int) -> int:
    """A security administrator ends every session of a staff member. Returns how many ended.

    ``PermissionDenied`` unless ``actor_user`` holds the security administrator role; ``NotFound``
    for a citizen or unknown account (citizens manage their own sessions). Audited."""
    if not is_security_admin(user=actor_user):
        raise PermissionDenied(gettext_lazy("只有安全保密管理员可以结束他人的登录会话。"), code="session.forbidden")
    with transaction.atomic():
        target = User.objects.filter(pk=user_id, kind=UserKind.STAFF).first()
        if target is None:
            raise NotFound(gettext_lazy("工作人员不存在。"), code="staff.not_found")
        ended = _end(
            UserSession.objects.filter(user=target), reason=SessionEndReason.BY_SECURITY_ADMIN, ended_by=actor_user
        )
        audit_record(
            actor=Actor(user_id=actor_user.pk, role=Role.SECURITY_ADMIN),
            action="session.end_all",
            subject=SubjectRef("user", str(target.pk)),
            detail={"ended": ended},
        )
    return ended


# --- dormant accounts -------------------------------------------------------------------------------


def dormant_staff_disable(*, now: dt.datetime | None = None) -> list[int]:
    """Disable staff accounts with no sign-in or session activity for ``GOVHALL_DORMANT_DAYS``.

    Activity is the latest of: last sign-in, last tracked session activity, account creation (so a
    new account is not disabled before its first sign-in window ends). Citizens are not affected.
    Idempotent (compare-and-set on ``is_active``), one audit row per disabled account, and their
    sessions are ended. Returns the ids disabled by this run."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=int(settings.GOVHALL_DORMANT_DAYS))
    candidates = (
        User.objects.filter(kind=UserKind.STAFF, is_active=True)
        .annotate(
            last_activity=Greatest(
                Coalesce("last_login", "date_joined"),
                Coalesce(Max("tracked_sessions__last_seen_at"), "date_joined"),
            )
        )
        .filter(last_activity__lt=cutoff)
        .values_list("pk", flat=True)
    )
    disabled = []
    system = Actor.system("dormant_sweep")
    for user_id in list(candidates):
        with transaction.atomic():
            if not User.objects.filter(pk=user_id, kind=UserKind.STAFF, is_active=True).update(is_active=False):
                continue  # another worker got there first
            _end(UserSession.objects.filter(user_id=user_id), reason=SessionEndReason.DISABLED, ended_by=None)
            audit_record(
                actor=system,
                action="user.disable_dormant",
                subject=SubjectRef("user", str(user_id)),
                detail={"days": int(settings.GOVHALL_DORMANT_DAYS)},
            )
        disabled.append(user_id)
    return disabled


@task()
def dormant_staff_disable_task() -> int:
    return len(dormant_staff_disable())


def register_periodic_jobs() -> None:
    from govhall.accounts.sms.outbox import sms_dispatch_task
    from govhall.core.facade import periodic_register

    periodic_register(
        name="accounts.dormant_staff_disable", every=dt.timedelta(hours=6), task=dormant_staff_disable_task
    )
    periodic_register(name="accounts.sms_dispatch", every=dt.timedelta(minutes=2), task=sms_dispatch_task)
