"""What an import tells its caller: the problems of a rejected file, or what was (or, in a dry run,
would be) changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govhall.core.facade import ValidationFailed


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem in an import file. (Not named ``ImportError``: that would shadow the builtin.)

    ``sheet`` and ``row`` are the worksheet and the row number as the spreadsheet shows it (header
    = 1); for JSON ``sheet`` is "" and ``row`` None and ``column`` is a path such as
    ``service_items[3].version.materials[1].file_types`` (indexes from 0). ``code`` is the stable
    error code, ``message`` the translated text.
    """

    sheet: str
    row: int | None
    column: str
    code: str
    message: str

    def display(self) -> str:
        """The one-line form the CLI prints: 工作表“材料”第5行“文件类型”列：……"""
        params = {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}
        if self.sheet and self.row and self.column:
            return gettext("工作表“%(sheet)s”第%(row)d行“%(column)s”列：%(message)s") % params
        if self.sheet and self.row:
            return gettext("工作表“%(sheet)s”第%(row)d行：%(message)s") % params
        if self.sheet:
            return gettext("工作表“%(sheet)s”：%(message)s") % params
        if self.column:
            return gettext("%(column)s：%(message)s") % params
        return self.message


class CatalogImportRejected(ValidationFailed):
    """The file has problems; nothing was written. ``errors`` lists every one, in file order."""

    default_code = "catalog.import_rejected"

    def __init__(self, errors: Sequence[ImportProblem]) -> None:
        problems = list(errors)
        super().__init__(
            _("导入文件有%(count)d处错误，未导入任何内容。请按提示逐条改正后重新导入。"),
            params={"count": len(problems)},
        )
        self.errors = problems

    def as_problem(self, *, instance: str = "") -> dict[str, Any]:
        problem = super().as_problem(instance=instance)
        problem["errors"] = [asdict(error) for error in self.errors]
        return problem


@dataclass(frozen=True, slots=True)
class ImportChange:
    """What the import did (or, in a dry run, would do) to one theme, basic item, item or bundle.

    ``action`` is ``created``, ``updated`` or ``unchanged``; for service items ``created`` (version
    1), ``new_version``, ``published`` (an existing, identical draft was published) or
    ``unchanged``. ``version`` is the item's version number after the import.
    """

    kind: str
    code: str
    action: str
    version: int | None = None
    published: bool = False


@dataclass
class ImportReport:
    fmt: str
    publish: bool
    dry_run: bool
    rows: int
    changes: list[ImportChange] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)

    def count(self, kind: str, action: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind and change.action == action)

    @property
    def changed(self) -> bool:
        return any(change.action != "unchanged" for change in self.changes)

    def lines(self) -> list[str]:
        """A short human summary (the CLI prints it)."""
        labels = {"theme": _("主题"), "basic_item": _("基本目录"), "service_item": _("事项"), "bundle": _("一件事")}
        actions = {
            "created": _("新增"),
            "updated": _("更新"),
            "new_version": _("新版本"),
            "published": _("发布草稿"),
            "unchanged": _("未变"),
        }
        head = _("试运行（未写入）") if self.dry_run else _("导入完成")
        lines = [gettext("%(head)s：共%(rows)d行。") % {"head": head, "rows": self.rows}]
        for kind, label in labels.items():
            parts = [f"{actions[a]} {self.count(kind, a)}" for a in actions if self.count(kind, a)]
            if parts:
                lines.append(f"{label}：{'，'.join(parts)}")
        for change in self.changes:
            if change.kind == "service_item" and change.action != "unchanged":
                state = _("已发布") if change.published else _("草稿")
                lines.append(f"  {change.code} v{change.version} {actions[change.action]}（{state}）")
        if self.ignored_sheets:
            lines.append(gettext("未识别、已忽略的工作表：%(names)s") % {"names": "、".join(self.ignored_sheets)})
        return lines
