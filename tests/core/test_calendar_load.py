"""``govhall calendar-load``: loading a year's arrangement, rejecting bad files, exporting."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import chinese_calendar
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import govhall.core
from govhall.core import clock
from govhall.core.clock import CalendarEntry, add_working_days, is_workday
from govhall.core.errors import ConfigurationError, ValidationFailed
from govhall.core.management.commands.calendar_load import parse_calendar_csv
from govhall.core.models import AuditEvent, CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

D = dt.date
SOURCE = "国务院办公厅关于2027年部分节假日安排的通知"
EXAMPLE_2026 = Path(govhall.core.__file__).parent / "data" / "calendar_2026_example.csv"

# A made-up 2027 arrangement for the tests (the real one is published around November 2026).
SAMPLE_2027 = """\
date,type,note
2027-01-01,holiday,元旦
2027-02-05,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-20,workday,春节调休上班
"""


def _write(tmp_path: Path, text: str, name: str = "calendar.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _load(path: Path, *args: str, year: int = 2027, source: str = SOURCE) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("calendar_load", str(path), *args, year=year, source=source, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _load_fails(path: Path, *, year: int = 2027, source: str = SOURCE) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("calendar_load", str(path), year=year, source=source, stdout=io.StringIO(), stderr=err)
    return str(caught.value), err.getvalue()


def _nothing_written() -> None:
    assert not CalendarDay.objects.exists()
    assert not CalendarYear.objects.exists()
    assert not AuditEvent.objects.filter(action="calendar.load").exists()


# -- loading ------------------------------------------------------------------------------


def test_loading_2027_makes_the_clock_work_and_honour_the_holidays(tmp_path):
    with pytest.raises(ConfigurationError, match="year_missing"):
        add_working_days(D(2027, 2, 4), 1)

    out, err = _load(_write(tmp_path, SAMPLE_2027))

    assert "已载入 2027 年：8 行（休息日 7 天，调休上班 1 天）" in out
    assert err == ""
    year = CalendarYear.objects.get()
    assert (year.year, year.source) == (2027, SOURCE)
    assert CalendarDay.objects.count() == 8
    assert CalendarDay.objects.get(date=D(2027, 2, 20)).is_workday is True
    assert CalendarDay.objects.get(date=D(2027, 1, 1)).note == "元旦"
    # Thu 02-04 → [02-05 Fri off, weekend, 02-08..02-12 off, weekend] → Mon 02-15.
    assert add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 15)
    assert add_working_days(D(2027, 2, 19), 1) == D(2027, 2, 20)  # the make-up Saturday
    assert is_workday(D(2027, 3, 1)) is True  # an ordinary Monday
    assert is_workday(D(2027, 3, 6)) is False  # an ordinary Saturday
    # Across the new year: 12-28..12-31 (2026, bundled), [01-01 off], 01-04 (2027, loaded).
    assert add_working_days(D(2026, 12, 25), 5) == D(2027, 1, 4)


def test_loading_writes_an_audit_event(tmp_path):
    _load(_write(tmp_path, SAMPLE_2027))

    event = AuditEvent.objects.get(action="calendar.load")
    assert event.subject == "calendar_year:2027"
    assert event.detail == {"rows": 8}
    assert event.actor_id is None
    assert event.actor_role == "calendar-load"
    assert event.result == "ok"
    assert event.after_digest
    assert event.before_digest == ""


def test_reloading_replaces_the_year_and_only_that_year(tmp_path):
    CalendarDay.objects.create(date=D(2026, 3, 12), is_workday=False, note="另一年的调整")
    CalendarDay.objects.create(date=D(2028, 1, 3), is_workday=False, note="另一年的调整")
    _load(_write(tmp_path, SAMPLE_2027))
    revised = "date,type,note\n2027-01-01,holiday,元旦\n2027-06-14,holiday,端午\n"

    _load(_write(tmp_path, revised, "revised.csv"), source="更正后的通知")

    dates_2027 = CalendarDay.objects.filter(date__year=2027).values_list("date", flat=True)
    assert sorted(dates_2027) == [D(2027, 1, 1), D(2027, 6, 14)]
    assert CalendarDay.objects.filter(date__in=[D(2026, 3, 12), D(2028, 1, 3)]).count() == 2
    assert CalendarYear.objects.get(year=2027).source == "更正后的通知"
    events = list(AuditEvent.objects.filter(action="calendar.load").order_by("seq"))
    assert [e.detail for e in events] == [{"rows": 8}, {"rows": 2}]
    assert events[1].before_digest  # the replaced arrangement is fingerprinted
    assert is_workday(D(2027, 2, 8)) is True  # no longer a holiday


def test_a_utf8_bom_and_blank_lines_are_accepted(tmp_path):
    text = SAMPLE_2027.replace("\n2027-02-05", "\n\n2027-02-05") + "\n\n"
    _load(_write(tmp_path, text, encoding="utf-8-sig"))
    assert CalendarDay.objects.count() == 8


def test_check_validates_without_writing(tmp_path):
    out, _ = _load(_write(tmp_path, SAMPLE_2027), "--check")
    assert "检查通过，未写入" in out
    _nothing_written()


def test_the_govhall_command_line_exports_through_its_alias():
    # A subprocess: the real entry point, and it needs no database for --export.
    result = subprocess.run(
        [sys.executable, "-m", "govhall.cli", "calendar-load", "--export", "2026"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.decode() == EXAMPLE_2026.read_text(encoding="utf-8")


def test_a_failing_audit_write_rolls_everything_back(tmp_path, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(clock, "audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        _load(_write(tmp_path, SAMPLE_2027))
    _nothing_written()


# -- rejecting bad files ----------------------------------------------------------------------


def test_a_file_with_errors_is_rejected_with_every_error_and_nothing_is_written(tmp_path):
    bad = (
        "date,type,note\n"  # 1
        "2027-01-01,holiday,元旦\n"  # 2 fine
        "2027/02/08,holiday,春节\n"  # 3 date format
        "2026-12-31,holiday,\n"  # 4 another year
        "2027-02-09,vacation,春节\n"  # 5 type
        "2027-01-01,holiday,重复\n"  # 6 duplicate of line 2
        "2027-02-10,workday,周三\n"  # 7 make-up workday on a weekday
        "2027-02-11\n"  # 8 too few columns
        "2027-02-30,holiday,\n"  # 9 no such day
        f"2027-02-12,holiday,{'长' * 201}\n"  # 10 note too long
    )
    message, err = _load_fails(_write(tmp_path, bad))

    assert message == "共 8 处错误，未写入任何数据。"
    lines = err.splitlines()
    assert [line.split("：", 1)[0] for line in lines] == [f"第 {n} 行" for n in (3, 4, 5, 6, 7, 8, 9, 10)]
    assert "YYYY-MM-DD" in lines[0]
    assert "不在 2027 年内" in lines[1]
    assert "holiday（休息）或 workday（调休上班）" in lines[2]
    assert "重复出现" in lines[3]
    assert "首次出现在第 2 行" in lines[3]
    assert "只能是周六或周日" in lines[4]
    assert "应有 3 列" in lines[5]
    assert "'2027-02-30'" in lines[6]
    assert "200" in lines[7]
    _nothing_written()


def test_a_rejected_file_leaves_the_loaded_year_untouched(tmp_path):
    _load(_write(tmp_path, SAMPLE_2027))
    before = list(CalendarDay.objects.values_list("date", "is_workday", "note"))

    _load_fails(_write(tmp_path, "date,type,note\n2027-05-03,holiday,\n2027-13-01,holiday,\n"))

    assert list(CalendarDay.objects.values_list("date", "is_workday", "note")) == before
    assert AuditEvent.objects.filter(action="calendar.load").count() == 1


def test_a_missing_header_is_reported_and_rows_still_checked(tmp_path):
    _, err = _load_fails(_write(tmp_path, "2027-01-01,holiday,元旦\n2027-01-04,workday,\n"))
    lines = err.splitlines()
    assert lines[0].startswith("第 1 行：第一行应为表头 date,type,note")
    assert lines[1].startswith("第 2 行：")
    assert len(lines) == 2
    _nothing_written()


def test_a_file_without_any_holiday_is_rejected(tmp_path):
    message, err = _load_fails(_write(tmp_path, "date,type,note\n2027-02-20,workday,\n"))
    assert "没有任何休息日" in err
    assert message == "共 1 处错误，未写入任何数据。"
    _nothing_written()


def test_an_empty_file_is_rejected(tmp_path):
    _, err = _load_fails(_write(tmp_path, ""))
    assert "文件为空" in err
    _nothing_written()


@pytest.mark.parametrize(
    ("year", "source", "expected"),
    [(2027, "  ", "请填写来源"), (207, SOURCE, "年份 207 无效"), (2027, "长" * 201, "来源不能超过")],
)
def test_year_and_source_are_checked(tmp_path, year, source, expected):
    _, err = _load_fails(_write(tmp_path, SAMPLE_2027), year=year, source=source)
    assert expected in err
    _nothing_written()


def test_a_file_for_another_year_is_rejected_row_by_row(tmp_path):
    _, err = _load_fails(_write(tmp_path, SAMPLE_2027), year=2028)
    assert len(err.splitlines()) == 8
    _nothing_written()


def test_unreadable_files_are_reported(tmp_path):
    with pytest.raises(CommandError, match="不是 UTF-8"):
        _load(_write(tmp_path, SAMPLE_2027, encoding="gbk"))
    with pytest.raises(CommandError, match="找不到文件"):
        _load(tmp_path / "missing.csv")
    _nothing_written()


def test_usage_errors():
    with pytest.raises(CommandError, match="用法"):
        call_command("calendar_load", year=2027, source=SOURCE)
    with pytest.raises(CommandError, match="--export"):
        call_command("calendar_load", "x.csv", export=2026)


def test_the_service_enforces_the_rules_itself():
    with pytest.raises(ValidationFailed) as caught:
        clock.calendar_year_load(
            year=2027,
            source=SOURCE,
            entries=[CalendarEntry(D(2027, 1, 1), False), CalendarEntry(D(2027, 1, 1), False)],
        )
    assert caught.value.code == "calendar.duplicate_date"
    with pytest.raises(ValidationFailed) as caught:
        clock.calendar_year_load(year=2027, source=SOURCE, entries=[])
    assert caught.value.code == "calendar.no_holidays"
    _nothing_written()


# -- exporting and the bundled example -----------------------------------------------------


def test_export_prints_the_bundled_2026_arrangement_as_in_the_example_file():
    out = io.StringIO()
    call_command("calendar_load", export=2026, stdout=out)
    assert out.getvalue() == EXAMPLE_2026.read_text(encoding="utf-8")
    assert out.getvalue().startswith("date,type,note\n2026-01-01,holiday,元旦\n")
    assert "2026-02-14,workday,春节调休上班\n" in out.getvalue()
    assert "2026-02-16,holiday,春节\n" in out.getvalue()


def test_export_of_a_year_without_bundled_data_fails():
    with pytest.raises(CommandError, match="不含 2027 年"):
        call_command("calendar_load", export=2027, stdout=io.StringIO())


def test_the_example_file_reproduces_the_bundled_calendar_day_by_day():
    parsed = parse_calendar_csv(EXAMPLE_2026.read_text(encoding="utf-8"), year=2026)
    assert parsed.errors == []
    override = {entry.date: entry.is_workday for entry in parsed.entries}
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert override.get(day, day.weekday() < 5) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_loading_a_bundled_year_overrides_day_by_day_and_says_so(tmp_path):
    example = EXAMPLE_2026.read_text(encoding="utf-8")
    out, _ = _load(_write(tmp_path, example), year=2026, source="2026 年通知")
    assert "内置日历数据已包含 2026 年" in out
    assert "其中 0 行与内置数据不同" in out
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
