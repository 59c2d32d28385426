"""core.compiled: queries compiled once per process give what the ORM gives, call after call."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.models import Value
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from govhall.accounts.models import RoleAssignment
from govhall.core.compiled import CompiledCompareAndSet, CompiledInsert, CompiledQuery
from govhall.core.models import AuditEvent, CalendarDay, CalendarYear
from tests import factories

pytestmark = pytest.mark.django_db


def _grants() -> tuple[RoleAssignment, RoleAssignment]:
    factories.regions()
    first = RoleAssignment.objects.create(
        user=factories.staff("cq_a"), department=factories.department("甲局"), role="reviewer"
    )
    second = RoleAssignment.objects.create(
        user=factories.staff("cq_b"), department=factories.department("乙局"), role="decider"
    )
    return first, second


def test_select_related_rows_match_the_orm_and_each_call_binds_its_own_value() -> None:
    builds = []

    def build(pk: int):
        builds.append(pk)
        return RoleAssignment.objects.select_related("user", "department").filter(pk=pk)

    query = CompiledQuery(build, params=(int,))
    first, second = _grants()
    for grant in (first, second, first):
        with CaptureQueriesContext(connection) as queries:
            loaded = query.first(grant.pk)
            # the related rows came with it: no further query
            assert (loaded.user.username, loaded.department.name) == (grant.user.username, grant.department.name)
        assert len(queries) == 1
        expected = RoleAssignment.objects.select_related("user", "department").get(pk=grant.pk)
        assert [getattr(loaded, f.attname) for f in RoleAssignment._meta.concrete_fields] == [
            getattr(expected, f.attname) for f in RoleAssignment._meta.concrete_fields
        ]
        assert loaded._state.adding is False and loaded._state.db == "default"
    assert query.first(10**9) is None
    # compiled once for the alias (the first build only names the model for the router)
    assert len(builds) == 2


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30])
def test_an_integer_no_column_can_hold_matches_nothing(value) -> None:
    # an id from a URL: the ORM answers "none"; the driver would raise an overflow error
    query = CompiledQuery(lambda pk: RoleAssignment.objects.filter(pk=pk), params=(int,))
    _grants()
    assert query.first(value) is None
    assert RoleAssignment.objects.filter(pk=value).first() is None
    assert query.fetch(2**63 - 1) == []


def test_values_list_rows_and_date_parameters_are_converted_per_database() -> None:
    for day, workday in ((dt.date(2031, 10, 1), False), (dt.date(2031, 10, 11), True), (dt.date(2031, 12, 1), False)):
        CalendarDay.objects.create(date=day, is_workday=workday)
    query = CompiledQuery(
        lambda first, last: CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "is_workday"),
        params=(dt.date, dt.date),
    )
    assert query.fetch(dt.date(2031, 10, 1), dt.date(2031, 10, 31)) == [
        (dt.date(2031, 10, 1), False),
        (dt.date(2031, 10, 11), True),
    ]
    assert query.fetch(dt.date(2031, 11, 1), dt.date(2031, 12, 31)) == [(dt.date(2031, 12, 1), False)]


def test_a_string_parameter_is_bound_not_spliced() -> None:
    first, _second = _grants()
    query = CompiledQuery(
        lambda role, name: RoleAssignment.objects.filter(role=role, department__name=name).values_list("user_id"),
        params=(str, str),
    )
    assert query.fetch("reviewer", "甲局") == [(first.user_id,)]
    assert query.fetch("reviewer' OR '1'='1", "甲局") == []


def test_a_shape_that_transforms_its_parameter_is_refused_when_compiled() -> None:
    query = CompiledQuery(lambda name: RoleAssignment.objects.filter(department__name__icontains=name), params=(str,))
    with pytest.raises(ValueError, match="transformed"):
        query.fetch("局")


def test_wrong_parameter_types_are_refused() -> None:
    query = CompiledQuery(lambda pk: RoleAssignment.objects.filter(pk=pk), params=(int,))
    for wrong in ("1", True, 1.0):
        with pytest.raises(TypeError):
            query.fetch(wrong)
    with pytest.raises(TypeError):
        query.fetch(1, 2)
    dates = CompiledQuery(lambda day: CalendarDay.objects.filter(date=day), params=(dt.date,))
    with pytest.raises(TypeError):
        dates.fetch(dt.datetime(2031, 1, 1, tzinfo=dt.UTC))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
def test_a_locking_query_needs_a_transaction_and_locks_the_row() -> None:
    first, _second = _grants()
    query = CompiledQuery(lambda pk: RoleAssignment.objects.select_for_update().filter(pk=pk), params=(int,))
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert query.first(first.pk).pk == first.pk
    assert queries.captured_queries[-1]["sql"].rstrip().endswith("FOR UPDATE")
    # pytest-django's test transaction counts as one; leave it to see Django's own refusal
    connection.in_atomic_block, saved = False, connection.in_atomic_block
    try:
        with pytest.raises(TransactionManagementError):
            query.first(first.pk)
    finally:
        connection.in_atomic_block = saved


def test_compiled_insert_saves_what_objects_create_saves() -> None:
    insert = CompiledInsert(AuditEvent)
    when = dt.datetime(2031, 5, 4, 3, 2, 1, 123456, tzinfo=dt.UTC)
    values = {
        "seq": 987654,
        "occurred_at": when,
        "actor_id": 7,
        "actor_role": "reviewer",
        "department_id": None,
        "action": "case.test",
        "subject": "case:1",
        "result": "ok",
        "request_id": "",
        "client_ip": "",
        "before_digest": "",
        "after_digest": "",
        "detail": {"number": "X-1", "n": 3, "ok": True, "none": None, "名": "张"},
        "prev_hash": "0" * 64,
        "hash": "f" * 64,
    }
    event = insert.create(**values)
    assert event.pk is not None and event._state.adding is False
    stored = AuditEvent.objects.values().get(pk=event.pk)
    assert {name: stored[name] for name in values} == values
    # a primary key that is a value (not numbered by the database) is inserted like the rest
    day = CompiledInsert(CalendarDay).create(date=dt.date(2031, 2, 3), is_workday=True, note="调休")
    assert day.pk == dt.date(2031, 2, 3)
    assert CalendarDay.objects.get(pk=dt.date(2031, 2, 3)).note == "调休"


def test_compiled_insert_fills_auto_now_add() -> None:
    before = timezone.now()
    year = CompiledInsert(CalendarYear).create(year=2093, source="国务院办公厅通知")
    stored = CalendarYear.objects.get(pk=2093)
    assert stored.loaded_at == year.loaded_at
    assert before <= stored.loaded_at <= timezone.now()


def test_compare_and_set_changes_only_a_row_still_in_an_allowed_state() -> None:
    first, second = _grants()
    cas = CompiledCompareAndSet(RoleAssignment, "role")
    when = dt.datetime(2031, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert cas.update(first.pk, ["reviewer", "window_clerk"], role="decider", granted_at=when) == 1
    assert cas.update(first.pk, ["reviewer", "window_clerk"], role="window_clerk") == 0  # no longer allowed
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.role, first.granted_at) == ("decider", when)
    assert second.role == "decider"  # another row is untouched
    with pytest.raises(TypeError):
        cas.update(first.pk, ["decider"], role=Value("reviewer"))
    with pytest.raises(ValueError):
        cas.update(first.pk, [], role="reviewer")
