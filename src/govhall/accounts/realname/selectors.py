"""Reads for real-name levels."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from govhall.accounts.constants import RealNameLevel, UserKind
from govhall.accounts.models import Person, RealNameStatus, RealNameVerification, User


@dataclass(frozen=True, slots=True)
class RealNameInfo:
    """An account's level in words, for pages and the ID token."""

    level: int
    label: str
    method: str
    method_label: str
    provider: str
    reached_at: object  # datetime | None


def realname_level(*, user: object) -> int:
    """0 … 3. A citizen account without a status row but with a person record counts as L1
    (registered before levels were recorded); staff and anonymous users have no level."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "kind", None) != UserKind.CITIZEN:
        return RealNameLevel.NONE
    # One round trip for both questions (asked at every submission).
    status_table = connection.ops.quote_name(RealNameStatus._meta.db_table)
    person_table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT level FROM {status_table} WHERE user_id = %s), "  # noqa: S608 (table names only)
            f"EXISTS (SELECT 1 FROM {person_table} WHERE user_id = %s)",
            [user.pk, user.pk],  # type: ignore[attr-defined]
        )
        level, has_person = cursor.fetchone()
    if level is not None:
        return int(level)
    return RealNameLevel.REGISTERED if has_person else RealNameLevel.NONE


def realname_info(*, user: User) -> RealNameInfo:
    status = RealNameStatus.objects.filter(user_id=user.pk).first()
    level = realname_level(user=user)
    return RealNameInfo(
        level=level,
        label=str(RealNameLevel(level).label),
        method=status.method if status else "",
        method_label=str(status.get_method_display()) if status else "",
        provider=status.provider if status else "",
        reached_at=status.reached_at if status else None,
    )


def realname_verifications(*, user: User, limit: int = 20) -> QuerySet[RealNameVerification]:
    return RealNameVerification.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")[:limit]


def realname_level_label(level: int) -> str:
    return str(RealNameLevel(level).label) if level in RealNameLevel.values else str(level)


def realname_citizen_get(*, user_id: int) -> User | None:
    """An active citizen account by id (for the window's in-person verification), else ``None``."""
    return User.objects.filter(pk=user_id, kind=UserKind.CITIZEN, is_active=True).first()
