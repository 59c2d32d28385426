"""Reading an import file — the JSON document or the xlsx workbook — into records of Python
values, each with its origin. What cannot be read becomes a problem and reading goes on; only a
file too big to read at all stops it (``TooBig``)."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from govhall.catalog.exchange.formats import (
    ABSENT,
    BASIC_ITEMS,
    BUNDLES,
    ENTITIES,
    FEES,
    FORMAT,
    ITEM_LEVEL,
    ITEMS,
    MATERIALS,
    MAX_RAW_ROWS,
    SHEET_BASIC,
    SHEET_BUNDLES,
    SHEET_FEES,
    SHEET_ITEMS,
    SHEET_MATERIALS,
    SHEET_THEMES,
    THEMES,
    Column,
    Entity,
    normal_header,
)
from govhall.catalog.exchange.problems import Origin, Problems, TooBig, Where, too_large, too_many_rows
from govhall.catalog.exchange.values import blank_value, convert, is_blank
from govhall.catalog.services import VERSION_FIELDS
from govhall.core.facade import ValidationFailed


@dataclass
class Record:
    data: dict[str, Any]
    origin: Origin


@dataclass
class ItemIn:
    record: Record
    materials: list[Record] | None  # None: leave the item's materials as they are
    fees: list[Record] | None


@dataclass
class Document:
    themes: list[Record] = field(default_factory=list)
    basic_items: list[Record] = field(default_factory=list)
    items: list[ItemIn] = field(default_factory=list)
    bundles: list[Record] = field(default_factory=list)
    rows: int = 0
    ignored_sheets: list[str] = field(default_factory=list)


def read_limited(source: bytes | str | os.PathLike[str] | IO[bytes], *, max_bytes: int) -> bytes:
    """The file's bytes; raises ``TooBig`` past ``max_bytes`` (without reading much more)."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.stat().st_size > max_bytes:
            raise too_large(max_bytes)
        data = path.read_bytes()
    else:
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return data


def _read_values(
    entity: Entity, raw: Mapping[str, Any], origin: Origin, problems: Problems, *, cell: bool
) -> dict[str, Any]:
    """Convert one record's values; blank required values and bad values become problems."""
    data: dict[str, Any] = {}
    for spec in entity.fields:
        if spec.name not in raw:
            continue
        value = raw[spec.name]
        if is_blank(value):
            if spec.required:
                problems.new(origin.at(spec.name), _("请填写此项。"), "catalog.import_required")
                continue
            converted = blank_value(spec, entity.model)
        else:
            try:
                converted = convert(spec, value, cell=cell)
            except ValidationFailed as error:
                problems.add(origin.at(spec.name), error)
                continue
        if converted is not ABSENT:
            data[spec.name] = converted
    return data


# --- JSON -------------------------------------------------------------------------------------

_JSON_SECTIONS = ("format", "exported_at", "themes", "basic_items", "service_items", "bundles")
_VERSION_PATHS = {name: f"version.{name}" for name in (*VERSION_FIELDS, "themes", "materials", "fees")}


def read_json(source: bytes | Mapping[str, Any], problems: Problems, *, max_rows: int) -> Document:
    """The ``govhall-catalog/1`` document, as bytes or parsed. Raises ``TooBig`` past ``max_rows``."""
    doc = Document()
    if isinstance(source, bytes | bytearray):
        try:
            parsed = json.loads(bytes(source).decode("utf-8-sig"))
        except UnicodeDecodeError:
            problems.new(Where("", None, ""), _("文件不是UTF-8编码的JSON。"), "catalog.import_unreadable")
            return doc
        except json.JSONDecodeError as error:
            problems.new(
                Where("", None, ""),
                _("不是有效的JSON（第%(line)d行第%(col)d列）：%(problem)s。"),
                "catalog.import_unreadable",
                line=error.lineno,
                col=error.colno,
                problem=error.msg,
            )
            return doc
    else:
        parsed = source
    top = Where("", None, "")
    if not isinstance(parsed, Mapping):
        problems.new(top, _("JSON文件的最外层应为对象。"), "catalog.import_structure")
        return doc
    if parsed.get("format") != FORMAT:
        problems.new(Where("", None, "format"), _("格式标识应为“%(format)s”。"), "catalog.import_format", format=FORMAT)
        return doc
    for key in parsed:
        if key not in _JSON_SECTIONS:
            problems.new(Where("", None, str(key)), _("未知字段，请删除或改正。"), "catalog.import_unknown_key")
    sections = {name: _json_list(parsed, name, problems) for name in _JSON_SECTIONS[2:]}
    doc.rows = sum(len(rows) for rows in sections.values())
    for raw in sections["service_items"]:
        version = raw.get("version") if isinstance(raw, Mapping) else None
        if isinstance(version, Mapping):
            doc.rows += sum(len(rows) for key in ("materials", "fees") if isinstance(rows := version.get(key), list))
    if doc.rows > max_rows:
        raise too_many_rows(max_rows)
    doc.themes = _json_records(THEMES, sections["themes"], problems)
    doc.basic_items = _json_records(BASIC_ITEMS, sections["basic_items"], problems)
    doc.bundles = _json_records(BUNDLES, sections["bundles"], problems)
    for index, raw in enumerate(sections["service_items"]):
        item = _json_item(index, raw, problems)
        if item is not None:
            doc.items.append(item)
    return doc


def _json_list(parsed: Mapping[str, Any], name: str, problems: Problems) -> list[Any]:
    value = parsed.get(name, [])
    if not isinstance(value, list):
        problems.new(Where("", None, name), _("应为JSON数组。"), "catalog.import_structure")
        return []
    return value


def _json_object(raw: Any, path: str, allowed: Iterable[str], problems: Problems) -> Mapping[str, Any] | None:
    if not isinstance(raw, Mapping):
        problems.new(Where("", None, path), _("应为JSON对象。"), "catalog.import_structure")
        return None
    allowed = set(allowed)
    for key in raw:
        if key not in allowed:
            problems.new(Where("", None, f"{path}.{key}"), _("未知字段，请删除或改正。"), "catalog.import_unknown_key")
    return raw


def _json_records(entity: Entity, rows: list[Any], problems: Problems) -> list[Record]:
    records = []
    names = [spec.name for spec in entity.fields if not spec.xlsx_only]
    for index, raw in enumerate(rows):
        path = f"{entity.section}[{index}]"
        obj = _json_object(raw, path, names, problems)
        if obj is None:
            continue
        origin = Origin("", None, path, {})
        _json_require(entity, obj, origin, problems)
        records.append(Record(_read_values(entity, obj, origin, problems, cell=False), origin))
    return records


def _json_require(entity: Entity, obj: Mapping[str, Any], origin: Origin, problems: Problems) -> None:
    for spec in entity.fields:
        if spec.key and not spec.xlsx_only and spec.name not in obj:
            problems.new(origin.at(spec.name), _("请填写此项。"), "catalog.import_required")


def _json_item(index: int, raw: Any, problems: Problems) -> ItemIn | None:
    path = f"service_items[{index}]"
    obj = _json_object(raw, path, (*ITEM_LEVEL, "version"), problems)
    if obj is None:
        return None
    origin = Origin("", None, path, _VERSION_PATHS)
    version = _json_object(obj.get("version", {}), f"{path}.version", _VERSION_PATHS, problems) or {}
    flat = {
        **{k: v for k, v in version.items() if k not in ("materials", "fees")},
        **{k: obj[k] for k in ITEM_LEVEL if k in obj},
    }
    _json_require(ITEMS, obj, origin, problems)
    record = Record(_read_values(ITEMS, flat, origin, problems, cell=False), origin)
    children: dict[str, list[Record] | None] = {}
    for entity in (MATERIALS, FEES):
        rows = version.get(entity.section)
        if rows is None:
            children[entity.section] = None
            continue
        child_path = f"{path}.version.{entity.section}"
        if not isinstance(rows, list):
            problems.new(Where("", None, child_path), _("应为JSON数组。"), "catalog.import_structure")
            children[entity.section] = None
            continue
        children[entity.section] = _json_records(
            Entity(entity.sheet, child_path, entity.model, entity.fields), rows, problems
        )
    return ItemIn(record, children["materials"], children["fees"])


# --- xlsx -------------------------------------------------------------------------------------


def read_xlsx(raw: bytes, problems: Problems, *, max_rows: int) -> Document:
    """The exchange workbook. Raises ``TooBig`` past ``max_rows`` data rows."""
    # openpyxl parses the workbook's XML with defusedxml when it is installed (a dependency).
    from openpyxl import load_workbook

    doc = Document()
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # any malformed upload: zip, XML or openpyxl errors alike
        problems.new(
            Where("", None, ""),
            _("无法读取这个xlsx文件（%(problem)s）。请用Excel或WPS另存为.xlsx格式后重试。"),
            "catalog.import_unreadable",
            problem=type(error).__name__,
        )
        return doc
    try:
        by_title = {str(name).strip(): workbook[name] for name in workbook.sheetnames}
        known = {entity.sheet for entity in ENTITIES}
        doc.ignored_sheets = [title for title in by_title if title not in known]
        tables: dict[str, list[Record] | None] = {}
        for entity in ENTITIES:
            sheet = by_title.get(entity.sheet)
            tables[entity.sheet] = None if sheet is None else _read_sheet(entity, sheet, problems, doc, max_rows)
    except TooBig:
        raise
    except Exception as error:  # a sheet that cannot be parsed half way through
        problems.new(
            Where("", None, ""),
            _("无法读取这个xlsx文件（%(problem)s）。请用Excel或WPS另存为.xlsx格式后重试。"),
            "catalog.import_unreadable",
            problem=type(error).__name__,
        )
        return doc
    finally:
        workbook.close()
    doc.themes = tables[SHEET_THEMES] or []
    doc.basic_items = tables[SHEET_BASIC] or []
    doc.bundles = tables[SHEET_BUNDLES] or []
    items = tables[SHEET_ITEMS] or []
    children = {
        SHEET_MATERIALS: _group_children(tables[SHEET_MATERIALS], items, problems),
        SHEET_FEES: _group_children(tables[SHEET_FEES], items, problems),
    }
    for record in items:
        code = record.data.get("code", "").upper()
        doc.items.append(
            ItemIn(
                record,
                None if children[SHEET_MATERIALS] is None else children[SHEET_MATERIALS].get(code, []),
                None if children[SHEET_FEES] is None else children[SHEET_FEES].get(code, []),
            )
        )
    return doc


def _read_sheet(entity: Entity, sheet: Any, problems: Problems, doc: Document, max_rows: int) -> list[Record]:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    by_header: dict[str, Column] = {}
    for spec in entity.fields:
        for name in (spec.header, *spec.aliases):
            by_header[normal_header(name)] = spec
    columns: dict[int, Column] = {}
    written: dict[str, str] = {spec.name: spec.header for spec in entity.fields}
    for index, title in enumerate(header):
        if is_blank(title):
            continue
        where = Where(entity.sheet, 1, str(title).strip())
        found = by_header.get(normal_header(title))
        if found is None:
            problems.new(
                where,
                _("未知的列名。可用的列名：%(allowed)s。"),
                "catalog.import_unknown_column",
                allowed="、".join(f.header for f in entity.fields),
            )
        elif found in columns.values():
            problems.new(where, _("列名重复。"), "catalog.import_duplicate_column")
        else:
            columns[index] = found
            written[found.name] = str(title).strip()
    missing = [spec for spec in entity.fields if spec.key and spec not in columns.values()]
    for spec in missing:
        problems.new(
            Where(entity.sheet, 1, spec.header),
            _("缺少“%(header)s”列。"),
            "catalog.import_missing_column",
            header=spec.header,
        )
    if missing:
        return []
    width = max(columns) + 1
    records = []
    for number, values in enumerate(sheet.iter_rows(min_row=2, max_col=width, values_only=True), start=2):
        if number > MAX_RAW_ROWS:
            raise too_many_rows(max_rows)
        if all(is_blank(value) for value in values):
            continue
        doc.rows += 1
        if doc.rows > max_rows:
            raise too_many_rows(max_rows)
        origin = Origin(entity.sheet, number, "", written)
        raw = {spec.name: values[index] if index < len(values) else None for index, spec in columns.items()}
        records.append(Record(_read_values(entity, raw, origin, problems, cell=True), origin))
    return records


def _group_children(
    rows: list[Record] | None, items: list[Record], problems: Problems
) -> dict[str, list[Record]] | None:
    """Materials or fees by implementation code, in 序号 (then row) order."""
    if rows is None:
        return None
    known = {record.data.get("code", "").upper() for record in items}
    grouped: dict[str, list[Record]] = {}
    for record in rows:
        code = str(record.data.pop("item_code", "")).upper()
        if not code:
            continue  # already reported as blank
        if code not in known:
            problems.new(
                record.origin.at("item_code"),
                _("实施编码%(code)s不在“事项”工作表中。材料和收费必须跟所属事项一起导入。"),
                "catalog.import_item_unknown",
                code=code,
            )
            continue
        grouped.setdefault(code, []).append(record)
    for code, records in grouped.items():
        seen: dict[int, Record] = {}
        for record in records:
            order = record.data.get("order")
            if order is None:
                continue
            if order in seen:
                problems.new(
                    record.origin.at("order"),
                    _("同一事项的序号重复（与%(other)s相同）。"),
                    "catalog.import_duplicate",
                    other=seen[order].origin.label(),
                )
            seen.setdefault(order, record)
        records.sort(key=lambda r: (r.data.get("order") is None, r.data.get("order") or 0, r.origin.row or 0))
        for record in records:
            record.data.pop("order", None)
        grouped[code] = records
    return grouped
