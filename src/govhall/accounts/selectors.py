from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from govhall.accounts.constants import ID_NUMBER_CONTEXT, Role
from govhall.accounts.models import Department, Organization, Person, Region, RoleAssignment, User
from govhall.core.facade import CompiledQuery, acting_for_var, decrypt_text, parse_id_number


def user_roles(*, user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("department").order_by("department__name", "role")


ROLE_MEMO_ATTRIBUTE = "_govhall_role_pairs"


def role_pairs(*, user: User) -> frozenset[tuple[int, str]]:
    """Every (department id, role) the user holds: one query, or none inside a request that
    opened ``roles_memoized`` for this user (the workbench's views and their templates ask
    several times per page)."""
    memo = getattr(user, ROLE_MEMO_ATTRIBUTE, None)
    if memo is not None:
        return memo
    if not user.is_authenticated:
        return frozenset()
    # Raw SQL: asked on every workbench request; the ORM would double its cost.
    table = connection.ops.quote_name(RoleAssignment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT department_id, role FROM {table} WHERE user_id = %s", [user.pk])  # noqa: S608
        return frozenset((int(department_id), str(role)) for department_id, role in cursor.fetchall())


@contextlib.contextmanager
def roles_memoized(user: Any, pairs: frozenset[tuple[int, str]] | None = None) -> Iterator[frozenset[tuple[int, str]]]:
    """Load the user's roles once for the duration of one request (a view and its template),
    or take ``pairs`` read earlier in the same request. The memo lives on this user object only
    and is dropped afterwards, so a role granted or revoked is seen by the next request."""
    outer = getattr(user, ROLE_MEMO_ATTRIBUTE, None)
    if outer is not None:  # nested (a view calling another): the outer request's memo stands
        yield outer
        return
    if pairs is None:
        pairs = role_pairs(user=user)
    setattr(user, ROLE_MEMO_ATTRIBUTE, pairs)
    try:
        yield pairs
    finally:
        with contextlib.suppress(AttributeError):
            delattr(user, ROLE_MEMO_ATTRIBUTE)


def user_has_role(*, user: User, role: str, department_id: int | None = None) -> bool:
    memo = getattr(user, ROLE_MEMO_ATTRIBUTE, None)
    if memo is not None:
        return any(r == role and (department_id is None or d == department_id) for d, r in memo)
    if not user.is_authenticated:
        return False
    if department_id is None:
        return _HAS_ROLE.first(user.pk, role) is not None
    return _HAS_ROLE_IN.first(user.pk, role, int(department_id)) is not None


# Asked on every staff action (work items, case transitions): compiled once per process.
_HAS_ROLE = CompiledQuery(
    lambda user_id, role: RoleAssignment.objects.filter(user_id=user_id, role=role).values_list("pk")[:1],
    params=(int, str),
)
_HAS_ROLE_IN = CompiledQuery(
    lambda user_id, role, department_id: RoleAssignment.objects.filter(
        user_id=user_id, role=role, department_id=department_id
    ).values_list("pk")[:1],
    params=(int, str, int),
)


def is_system_admin(*, user: User) -> bool:
    return bool(user.is_active and user.is_staff_member and user_has_role(user=user, role=Role.SYSTEM_ADMIN))


def region_children(*, code: str | None) -> QuerySet[Region]:
    return Region.objects.filter(parent_id=code).order_by("code")


def region_path(*, region: Region) -> list[Region]:
    """From the province down to ``region``."""
    path = [region]
    while path[-1].parent_id:
        parent = Region.objects.get(code=path[-1].parent_id)
        path.append(parent)
    return list(reversed(path))


def department_list(*, region_code: str | None = None) -> QuerySet[Department]:
    qs = Department.objects.filter(is_active=True).select_related("region")
    if region_code:
        qs = qs.filter(region_id__startswith=region_code.rstrip("0")[:6])
    return qs.order_by("name")


def department_by_credit_code(*, credit_code: str) -> Department | None:
    return Department.objects.filter(credit_code=credit_code).first()


def user_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username).first()


def person_by_id_number(*, id_number: str) -> Person | None:
    from govhall.accounts.services import id_number_index

    return Person.objects.select_related("user").filter(id_number_index=id_number_index(id_number)).first()


def organization_by_credit_code(*, credit_code: str) -> Organization | None:
    return Organization.objects.filter(credit_code=credit_code).first()


def region_count() -> int:
    return Region.objects.count()


def organizations_represented(*, user: User) -> QuerySet[Organization]:
    """Organisations the user may act for now: those whose legal representative they are, and the
    one they switched to as a handler (经办人) while that grant is live — a handler acts for an
    organisation only after an explicit identity switch (see ``identity``)."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        return Organization.objects.none()
    allowed = Q(legal_representative=person)
    kind, _sep, acting_id = acting_for_var.get().partition(":")
    if kind == "organization" and acting_id.isdigit():
        allowed |= Q(pk=int(acting_id), handlers__person=person, handlers__revoked_at__isnull=True)
    return Organization.objects.filter(allowed).distinct().order_by("name")


def person_for_user(*, user: User) -> Person | None:
    return Person.objects.filter(user=user).first()


def person_get(*, person_id: int) -> Person | None:
    return Person.objects.select_related("user").filter(pk=person_id).first()


def organization_get(*, organization_id: int) -> Organization | None:
    return Organization.objects.select_related("legal_representative").filter(pk=organization_id).first()


def person_age(*, person_id: int, on: dt.date) -> int | None:
    """Full years of age on ``on``, from the birth date in the person's ID number (GB 11643);
    ``None`` when the person is unknown. For rules (秒批) that must not trust a typed-in age."""
    person = Person.objects.filter(pk=person_id).only("id_number_encrypted").first()
    if person is None:
        return None
    birth = parse_id_number(decrypt_text(person.id_number_encrypted, context=ID_NUMBER_CONTEXT)).birth_date
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
