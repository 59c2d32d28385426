"""Cells and JSON values to Python values, and text to and from OOXML's character escapes.

Only the form of a value is checked here (a number, 是/否, an accepted label, JSON); range and
format rules are left to the catalogue services' validators.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from govhall.catalog.exchange.formats import (
    ABSENT,
    EXCEL_DIGITS,
    Column,
    choice_label,
    choice_lookup,
    model_default,
    normal_header,
)
from govhall.catalog.exchange.problems import invalid

_SPLIT_RE = re.compile(r"[,，、;；\s]+")
_BOOL_WORDS = {"是": True, "否": False, "true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def blank_value(spec: Column, model: type[models.Model]) -> Any:
    """What a blank cell (JSON null) means: empty text, empty list, or the model's default."""
    if spec.kind in ("text", "code"):
        return ""
    if spec.kind in ("list", "json_list"):
        return []
    if spec.kind == "json_object":
        return {}
    if spec.kind == "date":
        return None
    default = model_default(model, "is_free" if spec.kind == "not_bool" else spec.name)
    return ABSENT if default is None else default


def convert(spec: Column, value: Any, *, cell: bool) -> Any:
    """A non-blank cell (``cell=True``) or JSON value as the field's Python value.

    Raises ``ValidationFailed`` saying what was expected. Range and format rules are left to the
    services' validators.
    """
    kind = spec.kind
    if kind == "code":
        return _code_text(value, width=spec.width) if cell else _json_text(value).strip()
    if kind == "text":
        return cell_text(value) if cell else _json_text(value)
    if kind == "int":
        return _integer(value, cell=cell)
    if kind in ("bool", "not_bool"):
        flag = _boolean(value, cell=cell)
        return not flag if kind == "not_bool" and cell else flag
    if kind == "choice":
        assert spec.choices is not None
        key = normal_header(value).replace("，", ",")
        lookup = choice_lookup(spec.choices, spec.values)
        if key in lookup or key.lower() in lookup:
            return lookup.get(key) or lookup[key.lower()]
        allowed = "、".join(choice_label(spec.choices, v) for v in spec.choices.values)
        raise invalid(
            _("取值“%(value)s”无效。可填：%(allowed)s。"),
            "catalog.import_choice",
            value=str(value)[:40],
            allowed=allowed,
        )
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            return value.strip()  # validate_version_fields parses it
        raise invalid(_("日期格式应为YYYY-MM-DD。"), "catalog.date")
    if kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise invalid(_("收费标准应为金额（元）。"), "catalog.fee_amount")
        return str(value).strip()
    if kind == "list":
        if cell:
            return [part for part in _SPLIT_RE.split(cell_text(value)) if part]
        if not isinstance(value, list) or not all(isinstance(part, str) for part in value):
            raise invalid(_("应为文字列表。"), "catalog.import_type")
        return [part.strip() for part in value]
    if kind in ("json_list", "json_object"):
        if cell:
            try:
                value = json.loads(cell_text(value))
            except ValueError as error:
                raise invalid(
                    _("不是有效的JSON：%(problem)s。"), "catalog.import_json", problem=str(error)[:120]
                ) from None
        expected = list if kind == "json_list" else dict
        if not isinstance(value, expected):
            message = _("应为JSON数组。") if expected is list else _("应为JSON对象。")
            raise invalid(message, "catalog.import_json")
        return value
    raise AssertionError(kind)


def _json_text(value: Any) -> str:
    if not isinstance(value, str):
        raise invalid(_("应为文字（JSON字符串）。"), "catalog.import_type")
    return value


# OOXML writes characters XML cannot carry (CR, control characters) as _xHHHH_, and a literal
# "_xHHHH_" as "_x005F_xHHHH_". Excel does this; openpyxl leaves it to us in both directions.
_OOXML_ESCAPE_RE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_OOXML_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f]")


def xlsx_escape(text: str) -> str:
    text = _OOXML_ESCAPE_RE.sub(lambda m: "_x005F" + m.group(0), text)
    return _OOXML_UNSAFE_RE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def _xlsx_unescape(text: str) -> str:
    return _OOXML_ESCAPE_RE.sub(lambda m: chr(int(m.group(0)[2:6], 16)), text)


def cell_text(value: Any) -> str:
    if isinstance(value, str):
        return _xlsx_unescape(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _code_text(value: Any, *, width: int) -> str:
    """A code from a cell. Codes are text: a number has lost leading zeros or precision."""
    if isinstance(value, bool | dt.date):
        raise invalid(_("应为编码文字。"), "catalog.import_type")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise invalid(_("编码不能是小数。请把这一列设为“文本”格式后重新输入。"), "catalog.import_numeric_code")
        text = str(int(value))
        if len(text.lstrip("-")) > EXCEL_DIGITS:
            raise invalid(
                _("该单元格是数字格式，超过15位的编码已失去精度。请把这一列设为“文本”格式后重新输入编码。"),
                "catalog.import_numeric_code",
            )
        if width and len(text) < width:
            raise invalid(
                _(
                    "该单元格是数字格式，编码开头的0已丢失（读到“%(value)s”，共%(length)d位，应为%(width)d位）。"
                    "请把这一列设为“文本”格式后重新输入编码。"
                ),
                "catalog.import_numeric_code",
                value=text,
                length=len(text),
                width=width,
            )
        return text
    return str(value).strip()


def _integer(value: Any, *, cell: bool) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if cell and isinstance(value, float) and value.is_integer():
        return int(value)
    if cell and isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    raise invalid(_("应为整数。"), "catalog.import_integer")


def _boolean(value: Any, *, cell: bool) -> bool:
    if isinstance(value, bool):
        return value
    if cell and isinstance(value, int | float | str):
        word = cell_text(value).strip().lower()
        if word in _BOOL_WORDS:
            return _BOOL_WORDS[word]
    raise invalid(_("应填“是”或“否”。"), "catalog.import_boolean")
