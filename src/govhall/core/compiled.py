"""Hot ORM queries compiled to SQL once per process instead of on every call.

Django compiles a queryset to SQL each time it runs. For the wide ``select_related`` reads on
the busiest paths that costs more than running the query: the row-locked case with its item
version, item and department (``cases.services._lock``, used by every case transition) takes
1.9 ms to compile, 0.5 ms to run prepared on PostgreSQL, and 0.8 ms to turn into objects.

``CompiledQuery(build, params=(int,))`` calls ``build`` once per database alias with stand-in
values, keeps the SQL and what Django's compiler found (converters, model loading), and finds
where each stand-in went in the parameter list. Each call then only binds the real values, runs
the SQL through Django's own cursor (query logging, ``execute_wrapper`` and
``CaptureQueriesContext`` see it as usual), and builds the results with Django's own converters
and model loading. A stand-in the build transforms (``__icontains`` wraps it in ``%``) or drops
is refused when the query is compiled, so a shape that cannot be reused fails loudly, in tests,
never silently.

Supported: model querysets (with ``select_related``, ``select_for_update``, ``only``), and
``values_list`` querysets; not ``extra()`` or annotations. Relies on the compiler's
``select``/``klass_info`` as in Django 5.2 (docs/adr/0013-compiled-hot-queries.md); the
tests run every compiled query on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Model, QuerySet
from django.db.models.fields import AutoFieldMixin, Field
from django.db.models.query import (  # type: ignore[attr-defined]  # internal, as in Django 5.2
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.transaction import TransactionManagementError

_TOKEN = secrets.token_hex(6)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1  # the widest integer column either database has
_STAND_IN_TYPES = (int, str, dt.date)  # what a stand-in, or SQLite's text form of a date, can be


def _stand_in(kind: type, index: int) -> Any:
    if kind is int:
        return -(10**15) - index * 7919 - 1  # never an id: ids are positive
    if kind is str:
        return f"\x1fcompiled-{_TOKEN}-{index}"
    if kind is dt.date:
        return dt.date(1, 1, 1) + dt.timedelta(days=3 + index * 37)  # year 1: no real date
    raise TypeError(f"CompiledQuery parameters must be int, str or date, not {kind.__name__}")


def _as_text(value: Any) -> str:
    return str(value)


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class _Entry:
    sql: str
    # per parameter of the SQL: ("arg", (index of the call's argument, how the database backend
    # adapted it: dates become text on SQLite)) or ("const", value)
    slots: tuple[tuple[str, Any], ...]
    models: bool
    for_update: bool
    # per column that needs one: (position, converters, expression), found once (Django's
    # compiler looks them up on every call, which costs more than applying them)
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...] = ()
    model_class: Any = None
    init_list: tuple[str, ...] = ()
    model_start: int = 0
    model_end: int = 0
    populators: tuple[Any, ...] = ()


class CompiledQuery:
    """``build(*values) -> QuerySet``, compiled once per database alias; see the module doc."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *, params: Sequence[type]) -> None:
        self._build = build
        self._kinds = tuple(params)
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()
        self._alias: str | None = None

    def _compile(self, using: str) -> _Entry:
        stand_ins = [_stand_in(kind, index) for index, kind in enumerate(self._kinds)]
        queryset = self._build(*stand_ins).using(using)
        query = queryset.query
        if query.extra_select or query.annotation_select or getattr(queryset, "_prefetch_related_lookups", None):
            raise ValueError("CompiledQuery supports neither extra(), annotations nor prefetch_related")
        models = queryset._iterable_class is ModelIterable
        if not models and queryset._iterable_class is not ValuesListIterable:
            raise ValueError("CompiledQuery supports model and values_list querysets only")
        compiler = query.get_compiler(using=using)
        # as_sql() also fills compiler.select / klass_info, which loading the rows needs; it
        # checks select_for_update against the connection's autocommit, so compile in a block.
        connection = connections[using]
        locking = (
            transaction.atomic(using=using, savepoint=False) if query.select_for_update else contextlib.nullcontext()
        )
        with locking:
            sql, sql_params = compiler.as_sql()
        if compiler.has_extra_select:
            raise ValueError("CompiledQuery: the query selects extra columns")
        columns = [selected[0] for selected in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(columns):
            raise ValueError("CompiledQuery does not support composite primary keys")
        where: dict[Any, tuple[int, Callable[[Any], Any]]] = {}
        for index, value in enumerate(stand_ins):
            where[value] = (index, _same)
            if isinstance(value, dt.date):
                where[str(value)] = (index, _as_text)
        slots = tuple(
            ("arg", where[value]) if isinstance(value, _STAND_IN_TYPES) and value in where else ("const", value)
            for value in sql_params
        )
        used = {slot[0] for kind, slot in slots if kind == "arg"}
        if used != set(range(len(stand_ins))):
            raise ValueError(f"CompiledQuery: parameters {sorted(set(range(len(stand_ins))) - used)} were transformed")
        entry = _Entry(
            sql=sql,
            slots=slots,
            models=models,
            for_update=bool(query.select_for_update) and connection.features.has_select_for_update,
            converters=tuple(
                (position, tuple(found), expression)
                for position, (found, expression) in compiler.get_converters(columns).items()
            ),
        )
        if models:
            select_fields = compiler.klass_info["select_fields"]
            start, end = select_fields[0], select_fields[-1] + 1
            entry = dataclasses.replace(
                entry,
                model_class=compiler.klass_info["model"],
                init_list=tuple(column[0].target.attname for column in compiler.select[start:end]),
                model_start=start,
                model_end=end,
                populators=tuple(get_related_populators(compiler.klass_info, compiler.select, using)),
            )
        return entry

    def _entry(self, using: str) -> _Entry:
        entry = self._entries.get(using)
        if entry is None:
            with self._lock:
                entry = self._entries.get(using) or self._compile(using)
                self._entries[using] = entry
        return entry

    def _rows(self, entry: _Entry, using: str, values: Sequence[Any]) -> Iterator[Any]:
        if len(values) != len(self._kinds):
            raise TypeError(f"expected {len(self._kinds)} parameters, got {len(values)}")
        for value, kind in zip(values, self._kinds, strict=True):
            if (
                not isinstance(value, kind)
                or isinstance(value, bool)
                or (kind is dt.date and isinstance(value, dt.datetime))
            ):
                raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
            if isinstance(value, int) and not _INT64_MIN <= value <= _INT64_MAX:
                # no row has it (an id from a URL, say): nothing, as the ORM's lookups answer,
                # instead of the driver's overflow error
                return iter(())
        connection = connections[using]
        if entry.for_update and not connection.in_atomic_block:
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        params = [slot[1](values[slot[0]]) if kind == "arg" else slot for kind, slot in entry.slots]
        with connection.cursor() as cursor:
            cursor.execute(entry.sql, params)
            fetched = cursor.fetchall()
        if not entry.converters:
            return iter(fetched)
        return self._converted(fetched, entry.converters, connection)

    @staticmethod
    def _converted(
        rows: list[Any], converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...], connection: Any
    ) -> Iterator[tuple[Any, ...]]:
        # What the compiler's apply_converters() does, with this thread's connection.
        for fetched in rows:
            row = list(fetched)
            for position, found, expression in converters:
                value = row[position]
                for converter in found:
                    value = converter(value, expression, connection)
                row[position] = value
            yield tuple(row)

    def fetch(self, *values: Any, using: str | None = None) -> list[Any]:
        """The query's results for ``values``: model instances, or tuples for ``values_list``."""
        using = using or self._default_alias()
        entry = self._entry(using)
        rows = self._rows(entry, using, values)
        if not entry.models:
            return list(rows)
        result = []
        for row in rows:
            obj = entry.model_class.from_db(using, entry.init_list, row[entry.model_start : entry.model_end])
            for populator in entry.populators:
                populator.populate(row, obj)
            result.append(obj)
        return result

    def first(self, *values: Any, using: str | None = None) -> Any:
        return next(iter(self.fetch(*values, using=using)), None)

    def _default_alias(self) -> str:
        if self._alias is None:
            stand_ins = [_stand_in(kind, index) for index, kind in enumerate(self._kinds)]
            self._alias = router.db_for_read(self._build(*stand_ins).model)
        return self._alias


class CompiledInsert:
    """``model.objects.create(**values)`` for the hottest inserts (the audit log, the case
    timeline, idempotency keys), with the INSERT statement written once per database alias.

    Values go through each field's ``pre_save`` (``auto_now_add``) and ``get_db_prep_save``
    exactly as the ORM's insert does; what is skipped is compiling the statement each time —
    and the ``pre_save``/``post_save`` signals, which these models must not need (the platform
    connects none: DESIGN.md prefers explicit services to signals)."""

    def __init__(self, model: type[Model]) -> None:
        self._model = model
        # the database numbers an auto primary key; any other key is a value like the rest
        self._fields = tuple(field for field in model._meta.concrete_fields if not isinstance(field, AutoFieldMixin))
        self._sql: dict[str, str] = {}

    def _statement(self, using: str) -> str:
        sql = self._sql.get(using)
        if sql is None:
            connection = connections[using]
            quote = connection.ops.quote_name
            meta = self._model._meta
            columns = ", ".join(quote(field.column) for field in self._fields)
            marks = ", ".join(["%s"] * len(self._fields))
            sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 (names only)
            if connection.features.can_return_columns_from_insert:
                sql += f" RETURNING {quote(meta.pk.column)}"
            self._sql[using] = sql
        return sql

    def prepare(self, using: str, **values: Any) -> tuple[Any, str, list[Any]]:
        """The unsaved instance, the INSERT (… RETURNING the key) and its parameters, for a caller
        that runs the statement inside a larger one (``core.audit``: with the chain head's move)."""
        connection = connections[using]
        obj = self._model(**values)
        params = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in self._fields]
        return obj, self._statement(using), params

    def create(self, *, using: str | None = None, **values: Any) -> Any:
        """The saved instance (with its primary key), as ``objects.create`` returns it."""
        using = using or router.db_for_write(self._model)
        connection = connections[using]
        obj, _sql, params = self.prepare(using, **values)
        with connection.cursor() as cursor:
            cursor.execute(self._statement(using), params)
            if connection.features.can_return_columns_from_insert:
                obj.pk = cursor.fetchone()[0]
            else:  # pragma: no cover - every supported database returns columns
                obj.pk = connection.ops.last_insert_id(cursor, self._model._meta.db_table, self._model._meta.pk.column)
        obj._state.adding = False
        obj._state.db = using
        return obj


class CompiledCompareAndSet:
    """``Model.objects.filter(pk=…, <column>__in=allowed).update(**values)`` — the compare-and-set
    every case transition makes — with each statement shape (which columns, how many allowed
    values) written once per database alias. Values go through ``get_db_prep_save`` as the
    ORM's update does; expressions (``F()``) are refused. Returns the number of rows changed."""

    def __init__(self, model: type[Model], column: str) -> None:
        self._model = model
        self._guard = _concrete(model, column)
        self._sql: dict[tuple[str, tuple[str, ...], int], str] = {}

    def _statement(self, using: str, names: tuple[str, ...], allowed: int) -> str:
        key = (using, names, allowed)
        sql = self._sql.get(key)
        if sql is None:
            quote = connections[using].ops.quote_name
            meta = self._model._meta
            assignments = ", ".join(f"{quote(_concrete(self._model, name).column)} = %s" for name in names)
            marks = ", ".join(["%s"] * allowed)
            sql = (
                f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608 (names only)
                f"WHERE {quote(meta.pk.column)} = %s AND {quote(self._guard.column)} IN ({marks})"
            )
            self._sql[key] = sql
        return sql

    def update(self, pk: int, allowed: Sequence[Any], *, using: str | None = None, **values: Any) -> int:
        if not allowed or not values:
            raise ValueError("compare-and-set needs allowed values and values to set")
        using = using or router.db_for_write(self._model)
        connection = connections[using]
        meta = self._model._meta
        names = tuple(values)
        params = []
        for name in names:
            value = values[name]
            if hasattr(value, "resolve_expression"):
                raise TypeError(f"{name}: expressions are not supported")
            params.append(_concrete(self._model, name).get_db_prep_save(value, connection))
        params.append(meta.pk.get_db_prep_save(pk, connection))
        params.extend(self._guard.get_db_prep_save(value, connection) for value in allowed)
        with connection.cursor() as cursor:
            cursor.execute(self._statement(using, names, len(allowed)), params)
            return int(cursor.rowcount)


def _concrete(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, Field) or not field.concrete:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    return field
