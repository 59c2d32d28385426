from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router
from django.http import HttpRequest

from govhall.accounts.models import User

_Converter = Callable[[Any, Any, Any], Any]
_plans: dict[str, tuple[str, list[str], list[tuple[int, Any, list[_Converter]]]]] = {}


def _plan(using: str) -> tuple[str, list[str], list[tuple[int, Any, list[_Converter]]]]:
    """The SELECT by primary key, the field names and each column's value converters — what the
    ORM would work out for ``User.objects.get(pk=…)`` on every request, worked out once."""
    plan = _plans.get(using)
    if plan is None:
        connection = connections[using]
        quote = connection.ops.quote_name
        fields = list(User._meta.concrete_fields)
        table = User._meta.db_table
        columns = ", ".join(quote(f.column) for f in fields)
        sql = f"SELECT {columns} FROM {quote(table)} WHERE {quote(User._meta.pk.column)} = %s"  # noqa: S608
        converters = []
        for index, field in enumerate(fields):
            column = field.get_col(table)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                converters.append((index, column, found))
        plan = _plans[using] = (sql, [f.attname for f in fields], converters)
    return plan


def user_columns(using: str, alias: str) -> str:
    """The user's columns for a SELECT list, qualified by ``alias`` (for a join)."""
    quote = connections[using].ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column)}" for f in User._meta.concrete_fields)


def user_from_row(using: str, row: Sequence[Any]) -> User:
    """The ``User`` the ORM would build from ``row`` (the columns of ``user_columns``)."""
    _sql, names, converters = _plan(using)
    connection = connections[using]
    values = list(row)
    for index, column, functions in converters:
        for convert in functions:
            values[index] = convert(values[index], column, connection)
    return User.from_db(using, names, values)


def user_by_pk(user_id: Any) -> User | None:
    """``User.objects.filter(pk=user_id).first()`` at about half the cost (the SQL and the value
    converters are worked out once, not compiled per query)."""
    using = router.db_for_read(User)
    sql, _names, _converters = _plan(using)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, [User._meta.pk.get_db_prep_value(user_id, connection)])
        row = cursor.fetchone()
    return None if row is None else user_from_row(using, row)


# The user the session engine read with the session (same query), offered to ``get_user`` only
# while ``AuthenticationMiddleware`` asks Django for the request's user.
preloaded_user: ContextVar[User | None] = ContextVar("govhall_preloaded_user", default=None)


class GovhallBackend(ModelBackend):
    """Loads users for sessions and answers Django admin permission checks.

    It authenticates nothing itself: sign-in goes through ``accounts.services`` (citizen ID or
    phone + password; staff password + TOTP), which are the only code paths that call ``login``.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        return None

    def get_user(self, user_id: Any) -> User | None:
        preloaded = preloaded_user.get()
        user = preloaded if preloaded is not None and str(preloaded.pk) == str(user_id) else user_by_pk(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
