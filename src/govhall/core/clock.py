"""The working-day clock behind every legal time limit (DESIGN.md §5, docs/working-days.md).

The Administrative Licensing Law counts its limits in working days, statutory holidays excluded
(行政许可法 第八十二条), and the day a period starts is not counted (民法典 第二百零一条). So:

* ``add_working_days(start, n)`` is the last day of a period of ``n`` working days that begins the
  day *after* ``start`` — the date by which the act is due (until 24:00 Asia/Shanghai);
* ``working_days_between(start, end)`` counts the working days in ``(start, end]``; for every
  ``n >= 0``, ``working_days_between(s, add_working_days(s, n)) == n``;
* ``stops`` are inclusive ``(first, last)`` date intervals during which the clock is stopped
  (hearing, inspection, testing, expert review …, 行政许可法 第四十五条); their days never count.

A day is classified, in this order, by

1. a ``CalendarDay`` row (an admin override: holiday or make-up working day 调休上班);
2. the bundled ``chinese-calendar`` data, for the years it covers (2004–2026 at the time of writing;
   a newer package version covers more years without code changes);
3. for a year an admin loaded (a ``CalendarYear`` row): Monday–Friday work, weekends rest — that
   year's holidays and make-up days are ``CalendarDay`` rows written by ``govhall calendar-load``;
4. otherwise ``ConfigurationError`` (``calendar.year_missing``): the clock never guesses, because
   treating an unknown holiday as a working day would put deadlines earlier than the law says.

Only dates are accepted (``datetime`` is refused, although it subclasses ``date``): convert an
aware datetime with ``local_date()`` first, which uses Beijing time whatever the active time zone.

Every module-level function reads the overrides it needs in one query (plus one per uncovered year
it touches). A deadline sweep should build one ``WorkingCalendar`` and reuse it: it loads overrides
per date range once and answers everything else from memory. Nothing is cached across calls or
requests, so an admin's change is visible to the next call — there is nothing to invalidate.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.core.audit import audit_record
from govhall.core.compiled import CompiledQuery
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.errors import ConfigurationError, ValidationFailed
from govhall.core.models import CalendarDay, CalendarYear

LEGAL_TIME_ZONE = ZoneInfo("Asia/Shanghai")
# A guard, not a business rule: the longest statutory limit is far below ten years.
MAX_SCAN_DAYS = 3660
# Years accepted by ``calendar_year_load``; a sanity bound against typos such as 207 or 20277.
MIN_LOADABLE_YEAR = 2000
MAX_LOADABLE_YEAR = 2100
NOTE_MAX_LENGTH = 200  # CalendarDay.note
SOURCE_MAX_LENGTH = 200  # CalendarYear.source

_ONE_DAY = dt.timedelta(days=1)
# How far a ``WorkingCalendar`` reads on when it runs past the overrides it has loaded.
_READ_AHEAD = dt.timedelta(days=366)

Stop = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One day of an official arrangement: a day off (``is_workday=False``) or a make-up workday."""

    date: dt.date
    is_workday: bool
    note: str = ""


def local_date(value: dt.datetime) -> dt.date:
    """The Beijing-time calendar date of an aware datetime (raises ``ValueError`` if naive)."""
    return timezone.localdate(value, timezone=LEGAL_TIME_ZONE)


def _check_date(value: object, name: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{name} must be a datetime.date (use local_date() for datetimes)")
    return value


def _merge_stops(stops: Iterable[Stop]) -> list[Stop]:
    """Sorted, non-overlapping, non-adjacent inclusive intervals covering the same days."""
    intervals: list[Stop] = []
    for first, last in stops:
        _check_date(first, "stop start")
        _check_date(last, "stop end")
        if last < first:
            raise ValueError(f"clock stop ends before it starts: {first} > {last}")
        intervals.append((first, last))
    intervals.sort()
    merged: list[Stop] = []
    for first, last in intervals:
        if merged and first <= merged[-1][1] + _ONE_DAY:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


@functools.cache
def bundled_covers(year: int) -> bool:
    """Whether the installed chinese-calendar package knows ``year``'s holiday arrangement."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def year_missing_error(year: int) -> ConfigurationError:
    return ConfigurationError(
        _(
            "系统中没有 %(year)d 年的法定节假日安排，无法按工作日计算期限。"
            "请管理员按国务院办公厅发布的 %(year)d 年部分节假日安排通知，"
            "使用 govhall calendar-load 命令载入。"
        ),
        code="calendar.year_missing",
        params={"year": year},
    )


# Read for every deadline computed (core/compiled.py).
_OVERRIDES = CompiledQuery(
    lambda first, last: CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "is_workday"),
    params=(dt.date, dt.date),
)


class WorkingCalendar:
    """A read-through view of the calendar for many computations (a deadline sweep, a page).

    Overrides are read from the database once per date range and kept for the object's life, so
    build one per sweep or request, not per process. Not thread-safe.
    """

    def __init__(self) -> None:
        self._overrides: dict[dt.date, bool] = {}
        self._first: dt.date | None = None
        self._last: dt.date | None = None
        self._loaded_years: dict[int, bool] = {}

    # -- loading ---------------------------------------------------------------------------

    def _fetch(self, first: dt.date, last: dt.date) -> None:
        self._overrides.update(_OVERRIDES.fetch(first, last))

    def preload(self, first: dt.date, last: dt.date) -> None:
        """Make sure the overrides of ``[first, last]`` are in memory.

        The first read is exact; later reads (at most two, one per side) are widened by
        ``_READ_AHEAD`` so a sweep moving through dates issues only a few queries.
        """
        if last < first:
            return
        if self._first is None or self._last is None:
            self._fetch(first, last)
            self._first, self._last = first, last
            return
        if first < self._first:
            new_first = min(first, self._first - _READ_AHEAD)
            self._fetch(new_first, self._first - _ONE_DAY)
            self._first = new_first
        if last > self._last:
            new_last = max(last, self._last + _READ_AHEAD)
            self._fetch(self._last + _ONE_DAY, new_last)
            self._last = new_last

    def _year_loaded(self, year: int) -> bool:
        if year not in self._loaded_years:
            self._loaded_years[year] = CalendarYear.objects.filter(year=year).exists()
        return self._loaded_years[year]

    # -- classification --------------------------------------------------------------------

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; raises ``ConfigurationError`` for an unknown year."""
        _check_date(day, "day")
        self.preload(day, day)
        override = self._overrides.get(day)
        if override is not None:
            return override
        if bundled_covers(day.year):
            return bool(chinese_calendar.is_workday(day))
        if not self._year_loaded(day.year):
            raise year_missing_error(day.year)
        return day.weekday() < 5

    # -- counting --------------------------------------------------------------------------

    def add_working_days(self, start: dt.date, days: int, *, stops: Iterable[Stop] = ()) -> dt.date:
        """The day on which a period of ``days`` working days, counted from the day after
        ``start`` and skipping the stopped intervals, ends. ``days == 0`` returns ``start``.

        Raises ``ValueError`` for negative ``days`` or a period ending more than
        ``MAX_SCAN_DAYS`` after ``start``, ``ConfigurationError`` for a year without calendar data.
        """
        _check_date(start, "start")
        if days < 0:
            raise ValueError("days must not be negative")
        merged = _merge_stops(stops)
        if days == 0:
            return start
        stopped_days = sum((last - max(first, start)).days + 1 for first, last in merged if last > start)
        # Weekends make a period ~7/5 as long; add a month for holidays, plus the stopped days.
        estimate = min(days + days // 2 + 31 + stopped_days, MAX_SCAN_DAYS)
        self.preload(start + _ONE_DAY, start + dt.timedelta(days=estimate))
        limit = start + dt.timedelta(days=MAX_SCAN_DAYS)
        counted = 0
        next_stop = 0
        day = start
        while day < limit:
            day += _ONE_DAY
            while next_stop < len(merged) and merged[next_stop][1] < day:
                next_stop += 1
            if next_stop < len(merged) and merged[next_stop][0] <= day:
                day = merged[next_stop][1]  # stopped days are skipped without being classified
                continue
            if self.is_workday(day):
                counted += 1
                if counted == days:
                    return day
        raise ValueError(f"a period of {days} working days from {start} exceeds {MAX_SCAN_DAYS} days")

    def working_days_between(self, start: dt.date, end: dt.date, *, stops: Iterable[Stop] = ()) -> int:
        """The number of counted working days in ``(start, end]``; 0 if ``end <= start``.

        Raises ``ValueError`` if ``end`` is more than ``MAX_SCAN_DAYS`` after ``start``,
        ``ConfigurationError`` for a year without calendar data.
        """
        _check_date(start, "start")
        _check_date(end, "end")
        merged = _merge_stops(stops)
        if end <= start:
            return 0
        if (end - start).days > MAX_SCAN_DAYS:
            raise ValueError(f"cannot count working days over more than {MAX_SCAN_DAYS} days")
        self.preload(start + _ONE_DAY, end)
        counted = 0
        next_stop = 0
        day = start
        while day < end:
            day += _ONE_DAY
            while next_stop < len(merged) and merged[next_stop][1] < day:
                next_stop += 1
            if next_stop < len(merged) and merged[next_stop][0] <= day:
                day = min(merged[next_stop][1], end)
                continue
            if self.is_workday(day):
                counted += 1
        return counted

    def working_days_remaining(self, due: dt.date, today: dt.date, *, stops: Iterable[Stop] = ()) -> int:
        """Working days left until ``due`` as seen on ``today``: those in ``(today, due]``.

        0 means due today; a negative value counts the working days overdue, those in
        ``(due, today]``. A deadline missed only by a weekend also gives 0, so decide whether a
        case is overdue with ``today > due``, and use this number for display and sorting.
        """
        if today <= due:
            return self.working_days_between(today, due, stops=stops)
        return -self.working_days_between(due, today, stops=stops)


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a working day (see the module docstring for the order of sources)."""
    return WorkingCalendar().is_workday(day)


def add_working_days(start: dt.date, days: int, *, stops: Iterable[Stop] = ()) -> dt.date:
    """See ``WorkingCalendar.add_working_days``."""
    return WorkingCalendar().add_working_days(start, days, stops=stops)


def working_days_between(start: dt.date, end: dt.date, *, stops: Iterable[Stop] = ()) -> int:
    """See ``WorkingCalendar.working_days_between``."""
    return WorkingCalendar().working_days_between(start, end, stops=stops)


def working_days_remaining(due: dt.date, today: dt.date, *, stops: Iterable[Stop] = ()) -> int:
    """See ``WorkingCalendar.working_days_remaining``."""
    return WorkingCalendar().working_days_remaining(due, today, stops=stops)


# -- loading an official arrangement ---------------------------------------------------------


def bundled_arrangement(year: int) -> list[CalendarEntry]:
    """``year``'s arrangement from the chinese-calendar package, in ``calendar_year_load`` form:
    the days off that fall on weekdays and the make-up working days that fall on weekends.

    Raises ``ValidationFailed`` (``calendar.year_not_bundled``) if the package lacks the year.
    """
    if not bundled_covers(year):
        raise ValidationFailed(
            _("内置日历数据不含 %(year)d 年，无法导出。"),
            code="calendar.year_not_bundled",
            field="year",
            params={"year": year},
        )
    entries = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        workday = bool(chinese_calendar.is_workday(day))
        if workday != (day.weekday() < 5):
            note = _holiday_name(chinese_calendar.get_holiday_detail(day)[1])
            entries.append(CalendarEntry(day, workday, f"{note}调休上班" if workday else note))
        day += _ONE_DAY
    return entries


def _holiday_name(english: str | None) -> str:
    if not english:
        return ""
    try:
        return str(chinese_calendar.Holiday(english).chinese)
    except ValueError:
        return english


def calendar_entry_problem(*, year: int, entry: CalendarEntry) -> ValidationFailed | None:
    """What is wrong with one entry of ``year``'s arrangement, or ``None``.

    Make-up working days must fall on a weekend (a weekday works anyway, so such a row is almost
    certainly a mistyped date); days off may fall on any day.
    """
    if entry.date.year != year:
        return ValidationFailed(
            _("日期 %(date)s 不在 %(year)d 年内。"),
            code="calendar.date_outside_year",
            field="date",
            params={"date": entry.date.isoformat(), "year": year},
        )
    if entry.is_workday and entry.date.weekday() < 5:
        return ValidationFailed(
            _("%(date)s 本来就是工作日（周一至周五）；调休上班日（workday）只能是周六或周日，请核对日期。"),
            code="calendar.workday_not_weekend",
            field="date",
            params={"date": entry.date.isoformat()},
        )
    if len(entry.note) > NOTE_MAX_LENGTH:
        return ValidationFailed(
            _("说明不能超过 %(max)d 个字。"),
            code="calendar.note_too_long",
            field="note",
            params={"max": NOTE_MAX_LENGTH},
        )
    return None


def calendar_year_problems(*, year: int, source: str) -> list[ValidationFailed]:
    """What is wrong with the year or source of a load (the entries are checked one by one)."""
    problems = []
    if not MIN_LOADABLE_YEAR <= year <= MAX_LOADABLE_YEAR:
        problems.append(
            ValidationFailed(
                _("年份 %(year)d 无效，应在 %(min)d 至 %(max)d 之间。"),
                code="calendar.year_invalid",
                field="year",
                params={"year": year, "min": MIN_LOADABLE_YEAR, "max": MAX_LOADABLE_YEAR},
            )
        )
    if not source.strip():
        problems.append(
            ValidationFailed(
                _("请填写来源，即国务院办公厅节假日安排通知的标题。"),
                code="calendar.source_required",
                field="source",
            )
        )
    elif len(source.strip()) > SOURCE_MAX_LENGTH:
        problems.append(
            ValidationFailed(
                _("来源不能超过 %(max)d 个字。"),
                code="calendar.source_too_long",
                field="source",
                params={"max": SOURCE_MAX_LENGTH},
            )
        )
    return problems


def no_holidays_problem() -> ValidationFailed:
    return ValidationFailed(
        _("没有任何休息日（holiday）；请载入国务院公布的完整节假日安排，否则节假日会被当作工作日。"),
        code="calendar.no_holidays",
    )


def duplicate_date_problem(day: dt.date) -> ValidationFailed:
    return ValidationFailed(
        _("日期 %(date)s 重复出现。"),
        code="calendar.duplicate_date",
        field="date",
        params={"date": day.isoformat()},
    )


def _snapshot(source: str, days: Iterable[CalendarEntry]) -> dict[str, Any]:
    return {
        "source": source,
        "days": [[e.date.isoformat(), e.is_workday, e.note] for e in days],
    }


@transaction.atomic
def calendar_year_load(
    *,
    year: int,
    source: str,
    entries: Sequence[CalendarEntry],
    actor: Actor | None = None,
) -> CalendarYear:
    """Record ``year``'s official holiday arrangement, replacing what was loaded for it before.

    Deletes every ``CalendarDay`` of ``year`` (whatever wrote it),
    writes ``entries``, creates or refreshes the ``CalendarYear`` row and appends a
    ``calendar.load`` audit event, all in one transaction. Raises ``ValidationFailed`` on the
    first problem (an out-of-range year, a blank source, an entry outside the year, a make-up
    workday on a weekday, a duplicate date, no day off at all) and then writes nothing.
    """
    problems = calendar_year_problems(year=year, source=source)
    if problems:
        raise problems[0]
    seen: set[dt.date] = set()
    for entry in entries:
        problem = calendar_entry_problem(year=year, entry=entry)
        if problem is not None:
            raise problem
        if entry.date in seen:
            raise duplicate_date_problem(entry.date)
        seen.add(entry.date)
    if not any(not entry.is_workday for entry in entries):
        raise no_holidays_problem()

    year_range = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    previous_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    previous_days = CalendarDay.objects.filter(date__range=year_range)
    before = None
    if previous_year is not None:
        before = _snapshot(
            previous_year.source,
            (CalendarEntry(d.date, d.is_workday, d.note) for d in previous_days.order_by("date")),
        )
    previous_days.delete()
    ordered = sorted(entries, key=lambda e: e.date)
    CalendarDay.objects.bulk_create(CalendarDay(date=e.date, is_workday=e.is_workday, note=e.note) for e in ordered)
    calendar_year, _created = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": source.strip(), "loaded_at": timezone.now()}
    )
    audit_record(
        actor=actor or Actor.system("calendar-load"),
        action="calendar.load",
        subject=SubjectRef("calendar_year", str(year)),
        before=before,
        after=_snapshot(source.strip(), ordered),
        detail={"rows": len(ordered)},
    )
    return calendar_year
