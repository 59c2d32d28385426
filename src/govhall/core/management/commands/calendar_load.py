"""``govhall calendar-load``: load a year's official holiday arrangement, or export one.

    govhall calendar-load FILE --year 2027 --source "国务院办公厅关于2027年部分节假日安排的通知"
    govhall calendar-load FILE --year 2027 --source "…" --check     # validate only
    govhall calendar-load --export 2026 > calendar_2026.csv         # from the bundled data

FILE is UTF-8 CSV (a BOM is accepted) with the header ``date,type,note``; see docs/working-days.md.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govhall.core import clock
from govhall.core.errors import GovhallError

HEADER = ("date", "type", "note")
TYPES = {"holiday": False, "workday": True}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class ParsedCalendar:
    """The entries of a calendar CSV and every problem found, as ``(line, message)``."""

    entries: list[clock.CalendarEntry] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_calendar_csv(text: str, *, year: int) -> ParsedCalendar:
    """Parse and validate a ``date,type,note`` CSV for ``year``, collecting all problems.

    Blank lines are ignored. Line numbers are those of the file (1 = the header); 0 marks a
    problem of the whole file. "No day off at all" is only reported for an otherwise valid file,
    where it cannot be a consequence of rejected rows.
    """
    result = ParsedCalendar()
    first_line: dict[dt.date, int] = {}
    reader = csv.reader(io.StringIO(text))
    header_seen = False
    for row in reader:
        line = reader.line_num
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if not header_seen:
            header_seen = True
            if tuple(cell.lower() for cell in cells) != HEADER:
                result.errors.append((line, f"第一行应为表头 {','.join(HEADER)}，实际为 {','.join(cells)}"))
            continue
        entry = _parse_row(cells, line=line, year=year, errors=result.errors)
        if entry is None:
            continue
        if entry.date in first_line:
            problem = clock.duplicate_date_problem(entry.date)
            result.errors.append((line, f"{problem.message}（首次出现在第 {first_line[entry.date]} 行）"))
            continue
        first_line[entry.date] = line
        result.entries.append(entry)
    if not header_seen:
        result.errors.append((1, "文件为空；应有表头 date,type,note 和至少一行数据。"))
    elif not any(not entry.is_workday for entry in result.entries) and not result.errors:
        result.errors.append((0, clock.no_holidays_problem().message))
    return result


def _parse_row(
    cells: Sequence[str], *, line: int, year: int, errors: list[tuple[int, str]]
) -> clock.CalendarEntry | None:
    if len(cells) not in (2, 3):
        errors.append((line, f"应有 3 列（date,type,note），实际为 {len(cells)} 列。"))
        return None
    raw_date, raw_type = cells[0], cells[1].lower()
    note = cells[2] if len(cells) == 3 else ""
    found_error = False
    day: dt.date | None = None
    if _ISO_DATE.fullmatch(raw_date):
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(raw_date)
    if day is None:
        errors.append((line, f"日期 {raw_date!r} 无效，应为 YYYY-MM-DD 格式，例如 {year}-10-01。"))
        found_error = True
    if raw_type not in TYPES:
        errors.append((line, f"类型 {cells[1]!r} 无效，应为 holiday（休息）或 workday（调休上班）。"))
        found_error = True
    if found_error or day is None:
        return None
    entry = clock.CalendarEntry(date=day, is_workday=TYPES[raw_type], note=note)
    problem = clock.calendar_entry_problem(year=year, entry=entry)
    if problem is not None:
        errors.append((line, problem.message))
        return None
    return entry


def export_csv(entries: Sequence[clock.CalendarEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for entry in entries:
        kind = "workday" if entry.is_workday else "holiday"
        writer.writerow((entry.date.isoformat(), kind, entry.note))
    return out.getvalue()


class Command(BaseCommand):
    help = (
        "Load a year's official holiday arrangement (State Council notice) from a CSV "
        "date,type,note — type holiday or workday — replacing what was loaded for that year; "
        "or --export a bundled year in that format."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="UTF-8 CSV with the header date,type,note")
        parser.add_argument("--year", type=int, help="the year the file describes")
        parser.add_argument("--source", help="title of the State Council notice")
        parser.add_argument("--check", action="store_true", help="validate only; write nothing")
        parser.add_argument("--export", type=int, metavar="YEAR", help="print YEAR from the bundled data as CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["export"] is not None:
            if options["file"] or options["year"] is not None:
                raise CommandError("--export 不能与 FILE 或 --year 同时使用。")
            self._export(options["export"])
            return
        if not options["file"] or options["year"] is None:
            raise CommandError("用法：govhall calendar-load FILE --year YEAR --source 通知标题")
        year: int = options["year"]
        source: str = (options["source"] or "").strip()
        text = self._read(Path(options["file"]))

        parsed = parse_calendar_csv(text, year=year)
        errors = [(0, problem.message) for problem in clock.calendar_year_problems(year=year, source=source)]
        errors += parsed.errors
        if errors:
            for line, message in errors:
                self.stderr.write(f"第 {line} 行：{message}" if line else message)
            raise CommandError(f"共 {len(errors)} 处错误，未写入任何数据。")

        holidays = sum(1 for entry in parsed.entries if not entry.is_workday)
        workdays = len(parsed.entries) - holidays
        summary = f"{year} 年：{len(parsed.entries)} 行（休息日 {holidays} 天，调休上班 {workdays} 天）"
        if clock.bundled_covers(year):
            self.stdout.write(self._bundled_note(year, parsed.entries))
        if options["check"]:
            self.stdout.write(f"检查通过，未写入：{summary}")
            return
        try:
            clock.calendar_year_load(year=year, source=source, entries=parsed.entries)
        except GovhallError as error:  # validated above; kept for a clear message if rules drift
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(f"已载入 {summary}，来源：{source}"))

    def _read(self, path: Path) -> str:
        try:
            return path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"找不到文件 {path}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"文件 {path} 不是 UTF-8 编码；请另存为 UTF-8 CSV。") from error
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from error

    def _bundled_note(self, year: int, entries: Sequence[clock.CalendarEntry]) -> str:
        bundled = {entry.date: entry.is_workday for entry in clock.bundled_arrangement(year)}
        differing = sum(1 for entry in entries if bundled.get(entry.date, entry.date.weekday() < 5) != entry.is_workday)
        return (
            f"注意：内置日历数据已包含 {year} 年；文件中的行将作为逐日调整覆盖内置数据"
            f"（其中 {differing} 行与内置数据不同），文件未列出的日期仍按内置数据计算。"
        )

    def _export(self, year: int) -> None:
        try:
            entries = clock.bundled_arrangement(year)
        except GovhallError as error:
            raise CommandError(error.message) from error
        self.stdout.write(export_csv(entries), ending="")
