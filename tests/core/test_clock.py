"""The working-day clock: real 2025/2026 arrangements, counting rules, stops and overrides.

Known-good dates are from the State Council's holiday notices for 2025 and 2026:
National Day 2025 is 10-01..10-08 off with 09-28 (Sun) and 10-11 (Sat) worked;
Spring Festival 2026 is 02-15..02-23 off with 02-14 (Sat) and 02-28 (Sat) worked.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from govhall.core.clock import (
    WorkingCalendar,
    add_working_days,
    is_workday,
    local_date,
    working_days_between,
    working_days_remaining,
)
from govhall.core.errors import ConfigurationError
from govhall.core.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

D = dt.date


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


# -- classification -----------------------------------------------------------------------


@pytest.mark.parametrize("day", _days(D(2025, 10, 1), D(2025, 10, 8)))
def test_national_day_golden_week_2025_is_off(day):
    assert is_workday(day) is False


@pytest.mark.parametrize("day", [D(2025, 9, 28), D(2025, 10, 11)])
def test_make_up_workdays_around_national_day_2025_are_worked(day):
    assert day.weekday() >= 5
    assert is_workday(day) is True


@pytest.mark.parametrize("day", _days(D(2026, 2, 15), D(2026, 2, 23)))
def test_spring_festival_2026_is_off(day):
    assert is_workday(day) is False


@pytest.mark.parametrize("day", [D(2026, 2, 14), D(2026, 2, 28)])
def test_make_up_workdays_around_spring_festival_2026_are_worked(day):
    assert day.weekday() == 5
    assert is_workday(day) is True


def test_ordinary_days_follow_the_week():
    assert is_workday(D(2025, 3, 10)) is True  # Monday
    assert is_workday(D(2025, 3, 14)) is True  # Friday
    assert is_workday(D(2025, 3, 15)) is False  # Saturday
    assert is_workday(D(2025, 3, 16)) is False  # Sunday


def test_override_beats_bundled_data_both_ways():
    CalendarDay.objects.create(date=D(2025, 10, 8), is_workday=True, note="更正")
    CalendarDay.objects.create(date=D(2025, 3, 12), is_workday=False, note="地方调整")
    assert is_workday(D(2025, 10, 8)) is True
    assert is_workday(D(2025, 3, 12)) is False


def test_datetimes_are_refused():
    with pytest.raises(TypeError, match="local_date"):
        is_workday(dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC))
    with pytest.raises(TypeError):
        add_working_days(dt.datetime(2025, 3, 10, 9, 0), 5)


# -- counting -----------------------------------------------------------------------------


def test_zero_days_returns_start_even_on_a_holiday():
    assert add_working_days(D(2025, 10, 1), 0) == D(2025, 10, 1)
    assert add_working_days(D(2025, 3, 10), 0) == D(2025, 3, 10)


def test_counting_starts_the_day_after_start():
    assert add_working_days(D(2025, 3, 10), 1) == D(2025, 3, 11)  # Mon → Tue
    assert add_working_days(D(2025, 3, 14), 1) == D(2025, 3, 17)  # Fri → Mon
    assert add_working_days(D(2025, 3, 15), 1) == D(2025, 3, 17)  # submitted on Saturday
    assert add_working_days(D(2025, 3, 10), 5) == D(2025, 3, 17)
    assert working_days_between(D(2025, 3, 10), D(2025, 3, 10)) == 0
    assert working_days_between(D(2025, 3, 10), D(2025, 3, 11)) == 1


def test_five_working_days_across_golden_week_2025():
    # 09-28 Sun (worked), 09-29, 09-30, [10-01..10-08 off], 10-09, 10-10.
    assert add_working_days(D(2025, 9, 26), 5) == D(2025, 10, 10)
    # 10-09, 10-10, 10-11 Sat (worked), 10-13, 10-14.
    assert add_working_days(D(2025, 9, 30), 5) == D(2025, 10, 14)


def test_twenty_working_days_across_golden_week_2025():
    assert add_working_days(D(2025, 9, 26), 20) == D(2025, 10, 30)
    assert working_days_between(D(2025, 9, 26), D(2025, 10, 30)) == 20
    assert working_days_between(D(2025, 9, 26), D(2025, 10, 29)) == 19


def test_spring_festival_2026():
    # 02-14 Sat (worked), [02-15..02-23 off], 02-24, 02-25, 02-26, 02-27.
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    assert add_working_days(D(2026, 2, 13), 6) == D(2026, 2, 28)  # the make-up Saturday
    assert working_days_between(D(2026, 2, 14), D(2026, 2, 23)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2025, 3, 10), -1)


def test_end_before_start_counts_zero():
    assert working_days_between(D(2025, 3, 17), D(2025, 3, 10)) == 0


def test_working_days_remaining():
    due = add_working_days(D(2025, 9, 26), 5)  # 2025-10-10, a Friday
    assert working_days_remaining(due, D(2025, 9, 26)) == 5
    assert working_days_remaining(due, D(2025, 10, 1)) == 2
    assert working_days_remaining(due, due) == 0
    assert working_days_remaining(due, D(2025, 10, 11)) == -1  # make-up Saturday
    assert working_days_remaining(due, D(2025, 10, 13)) == -2


# -- stops (suspension: the clock is stopped) -----------------------------------------------


def test_stopped_workdays_do_not_count():
    stops = [(D(2025, 3, 12), D(2025, 3, 13))]
    # 03-11, [03-12, 03-13 stopped], 03-14, 03-17, 03-18, 03-19.
    assert add_working_days(D(2025, 3, 10), 5, stops=stops) == D(2025, 3, 19)
    assert working_days_between(D(2025, 3, 10), D(2025, 3, 19), stops=stops) == 5


def test_stops_on_non_workdays_or_before_start_change_nothing():
    weekend = [(D(2025, 3, 15), D(2025, 3, 16))]
    before = [(D(2025, 3, 1), D(2025, 3, 10))]  # ends on the (uncounted) start day
    assert add_working_days(D(2025, 3, 10), 5, stops=weekend) == D(2025, 3, 17)
    assert add_working_days(D(2025, 3, 10), 5, stops=before) == D(2025, 3, 17)


def test_a_stop_straddling_start_counts_only_its_part_after_start():
    stops = [(D(2025, 3, 1), D(2025, 3, 11))]
    assert add_working_days(D(2025, 3, 10), 5, stops=stops) == D(2025, 3, 18)


def test_overlapping_unsorted_and_nested_stops():
    start = D(2025, 3, 10)
    merged = add_working_days(start, 5, stops=[(D(2025, 3, 12), D(2025, 3, 14))])
    assert merged == D(2025, 3, 20)
    overlapping = [(D(2025, 3, 13), D(2025, 3, 14)), (D(2025, 3, 12), D(2025, 3, 13))]
    assert add_working_days(start, 5, stops=overlapping) == merged
    assert add_working_days(start, 5, stops=overlapping * 2) == merged
    adjacent = [(D(2025, 3, 14), D(2025, 3, 14)), (D(2025, 3, 12), D(2025, 3, 13))]
    assert add_working_days(start, 5, stops=adjacent) == merged
    nested = [(D(2025, 3, 11), D(2025, 3, 20)), (D(2025, 3, 12), D(2025, 3, 13))]
    # 03-21, 03-24, 03-25, 03-26, 03-27.
    assert add_working_days(start, 5, stops=nested) == D(2025, 3, 27)
    assert working_days_between(start, D(2025, 3, 27), stops=nested) == 5


def test_stop_across_golden_week():
    # Hearing from 09-29 to 10-09: only 09-28 (Sun, worked) counts before, then 10-10 onwards.
    stops = [(D(2025, 9, 29), D(2025, 10, 9))]
    # 09-28, 10-10, 10-11 (Sat, worked), 10-13, 10-14.
    assert add_working_days(D(2025, 9, 26), 5, stops=stops) == D(2025, 10, 14)


def test_reversed_stop_is_refused():
    with pytest.raises(ValueError, match="before it starts"):
        add_working_days(D(2025, 3, 10), 5, stops=[(D(2025, 3, 13), D(2025, 3, 12))])


def test_runaway_period_is_refused():
    endless = [(D(2025, 3, 11), D(2040, 1, 1))]
    with pytest.raises(ValueError, match="3660"):
        add_working_days(D(2025, 3, 10), 1, stops=endless)
    with pytest.raises(ValueError, match="3660"):
        working_days_between(D(2014, 1, 1), D(2025, 1, 1))


# -- overrides ---------------------------------------------------------------------------


def test_an_override_holiday_shifts_the_deadline_by_one_day():
    assert add_working_days(D(2025, 3, 10), 5) == D(2025, 3, 17)
    CalendarDay.objects.create(date=D(2025, 3, 12), is_workday=False, note="临时休息")
    assert add_working_days(D(2025, 3, 10), 5) == D(2025, 3, 18)


def test_an_override_workday_on_a_weekend_counts():
    CalendarDay.objects.create(date=D(2025, 3, 15), is_workday=True, note="调休上班")
    # 03-11, 03-12, 03-13, 03-14, 03-15.
    assert add_working_days(D(2025, 3, 10), 5) == D(2025, 3, 15)


# -- years without data -------------------------------------------------------------------


def test_a_year_without_data_raises_year_missing():
    with pytest.raises(ConfigurationError) as caught:
        is_workday(D(2027, 1, 4))
    error = caught.value
    assert error.code == "calendar.year_missing"
    assert error.status == 503
    assert error.params == {"year": 2027}
    assert "2027" in error.message
    assert "govhall calendar-load" in error.message


def test_a_period_reaching_into_a_year_without_data_raises():
    # 12-28 and 12-29 lie in 2026; the clock only fails when it actually needs 2027.
    assert add_working_days(D(2026, 12, 25), 2) == D(2026, 12, 29)
    with pytest.raises(ConfigurationError, match="year_missing"):
        add_working_days(D(2026, 12, 25), 10)
    with pytest.raises(ConfigurationError):
        working_days_between(D(2026, 12, 25), D(2027, 1, 8))


def test_a_loaded_year_uses_weekdays_and_its_overrides():
    CalendarYear.objects.create(year=2027, source="测试")
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, note="元旦")
    assert is_workday(D(2027, 1, 1)) is False  # Friday, override
    assert is_workday(D(2027, 1, 4)) is True  # Monday
    assert is_workday(D(2027, 1, 2)) is False  # Saturday
    # 12-28, 12-29, 12-30, 12-31, [2027-01-01 off], 01-04.
    assert add_working_days(D(2026, 12, 25), 5) == D(2027, 1, 4)


def test_an_override_alone_does_not_make_a_year_known():
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, note="元旦")
    assert is_workday(D(2027, 1, 1)) is False
    with pytest.raises(ConfigurationError):
        is_workday(D(2027, 1, 4))


# -- queries ------------------------------------------------------------------------------


def test_one_query_per_call(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(D(2025, 9, 26), 20)
    with django_assert_num_queries(1):
        working_days_between(D(2025, 1, 1), D(2025, 12, 31))
    with django_assert_num_queries(1):
        is_workday(D(2025, 10, 1))


def test_one_query_per_call_spanning_a_year_boundary(django_assert_num_queries):
    CalendarYear.objects.create(year=2027, source="测试")
    with django_assert_num_queries(2):  # overrides + the CalendarYear check
        add_working_days(D(2026, 12, 20), 20)


def test_a_reused_calendar_serves_a_sweep_with_few_queries(django_assert_max_num_queries):
    starts = _days(D(2025, 1, 1), D(2025, 12, 31))
    expected = {start: add_working_days(start, 20) for start in starts[::30]}
    calendar = WorkingCalendar()
    with django_assert_max_num_queries(3):
        results = {start: calendar.add_working_days(start, 20) for start in starts}
    assert all(results[start] == due for start, due in expected.items())


def test_changes_are_visible_to_the_next_call():
    assert is_workday(D(2025, 3, 12)) is True
    CalendarDay.objects.create(date=D(2025, 3, 12), is_workday=False)
    assert is_workday(D(2025, 3, 12)) is False


# -- local dates -------------------------------------------------------------------------


def test_local_date_uses_beijing_time_whatever_the_active_zone():
    late_utc = dt.datetime(2025, 9, 30, 16, 30, tzinfo=dt.UTC)  # 2025-10-01 00:30 in Beijing
    with timezone.override("UTC"):
        assert local_date(late_utc) == D(2025, 10, 1)
    with pytest.raises(ValueError):
        local_date(dt.datetime(2025, 9, 30, 16, 30))


# -- properties ----------------------------------------------------------------------------

starts = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 9, 30))  # +60 stays within 2026


@settings(max_examples=100, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=60))
def test_between_inverts_add(start, n):
    due = add_working_days(start, n)
    assert working_days_between(start, due) == n
    if n > 0:
        assert chinese_calendar.is_workday(due)
        # An independent oracle: the n-th working day after start per the bundled data.
        following = chinese_calendar.get_workdays(start + dt.timedelta(days=1), due)
        assert following[-1] == due
        assert len(following) == n
    else:
        assert due == start


@settings(max_examples=100, deadline=None)
@given(
    # 40 working days plus up to 4 × 21 stopped days from 2026-06-30 still end in 2026.
    start=st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 6, 30)),
    n=st.integers(min_value=1, max_value=40),
    stops=st.lists(
        st.tuples(st.integers(min_value=-10, max_value=60), st.integers(min_value=0, max_value=20)),
        max_size=4,
    ),
)
def test_between_inverts_add_with_stops(start, n, stops):
    intervals = [
        (start + dt.timedelta(days=offset), start + dt.timedelta(days=offset + length)) for offset, length in stops
    ]
    due = add_working_days(start, n, stops=intervals)
    assert working_days_between(start, due, stops=intervals) == n
    assert is_workday(due)
    assert not any(first <= due <= last for first, last in intervals)
    assert due >= add_working_days(start, n)
