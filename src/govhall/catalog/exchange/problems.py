"""Collecting an import file's problems, each with the place it is at (sheet, row and column, or
a JSON path), so that a rejected file lists all of them in file order."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govhall.catalog.exchange.formats import ABSENT, ENTITIES, FEES, ITEMS, MATERIALS, normal_header
from govhall.catalog.exchange.report import ImportProblem
from govhall.core.facade import GovhallError, ValidationFailed


def invalid(message: Any, error_code: str, /, **params: Any) -> ValidationFailed:
    return ValidationFailed(message, code=error_code, params=params)


@dataclass(frozen=True, slots=True)
class Where:
    sheet: str
    row: int | None
    column: str


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from; ``at(field)`` locates one of its values."""

    sheet: str  # "" for JSON
    row: int | None  # as the spreadsheet shows it; None for JSON
    prefix: str  # JSON path of the record, e.g. service_items[3]
    columns: Mapping[str, str]  # xlsx: field -> header as written; JSON: field -> path below prefix

    def at(self, name: str = "") -> Where:
        if self.sheet:
            return Where(self.sheet, self.row, self.columns.get(name, "") if name else "")
        return Where("", None, f"{self.prefix}.{self.columns.get(name, name)}" if name else self.prefix)

    def label(self) -> str:
        return gettext("第%(row)d行") % {"row": self.row} if self.sheet else self.prefix


class Problems:
    """The problems found so far; reading and checking add to it and go on."""

    def __init__(self) -> None:
        self.items: list[ImportProblem] = []
        self._places: set[Where] = set()

    def add(self, where: Where, error: GovhallError) -> None:
        self.items.append(ImportProblem(where.sheet, where.row, where.column, error.code, error.message))
        self._places.add(where)

    def require(self, data: Mapping[str, Any], origin: Origin, names: Iterable[str]) -> None:
        """Values a new record needs; a value whose cell was already reported is not reported twice."""
        for name in names:
            where = origin.at(name)
            if name not in data and where not in self._places:
                self.new(where, _("请填写此项。"), "catalog.import_required")

    def new(self, where: Where, message: Any, error_code: str, /, **params: Any) -> None:
        self.add(where, invalid(message, error_code, **params))

    def check(self, where: Where, validator: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one of the services' validators; record what it raises and return ``ABSENT``."""
        try:
            return validator(*args, **kwargs)
        except ValidationFailed as error:
            self.add(where, error)
            return ABSENT


class TooBig(Exception):
    """The file as a whole is refused; its one problem says why."""

    def __init__(self, problem: ImportProblem) -> None:
        self.problem = problem


def too_many_rows(limit: int) -> TooBig:
    error = invalid(
        _("文件超过%(max)d行，无法导入。请拆分成几个较小的文件分别导入。"),
        "catalog.import_too_many_rows",
        max=limit,
    )
    return TooBig(ImportProblem("", None, "", error.code, error.message))


def too_large(limit: int) -> TooBig:
    error = invalid(
        _("文件超过%(max)d MB，无法导入。请拆分成几个较小的文件分别导入。"),
        "catalog.import_too_large",
        max=limit // (1024 * 1024),
    )
    return TooBig(ImportProblem("", None, "", error.code, error.message))


def file_order(problem: ImportProblem) -> tuple[int, tuple[int, ...], int]:
    """Problems in the order of the file: sheet (or JSON section), row (or indexes), column."""
    if problem.sheet:
        entity = next((e for e in ENTITIES if e.sheet == problem.sheet), None)
        headers = [normal_header(f.header) for f in entity.fields] if entity else []
        column = normal_header(problem.column)
        rank = headers.index(column) if column in headers else len(headers)
        return ENTITIES.index(entity) + 1 if entity else 0, (problem.row or 0,), rank
    sections = [e.section for e in ENTITIES]
    section = problem.column.split("[", 1)[0]
    entity = MATERIALS if ".materials[" in problem.column else FEES if ".fees[" in problem.column else None
    if entity is None:
        entity = next((e for e in ENTITIES if e.section == section), ITEMS)
    names = [f.name for f in entity.fields]
    last = problem.column.rsplit(".", 1)[-1]
    indexes = tuple(int(n) for n in re.findall(r"\[(\d+)\]", problem.column))
    rank = names.index(last) if last in names else len(names)
    return sections.index(section) + 1 if section in sections else 0, indexes, rank
