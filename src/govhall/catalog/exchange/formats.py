"""The exchange formats: the sheets of the xlsx workbook and their columns (which are also the keys
of the JSON records), the labels accepted for choices, and the limits of an import file. The
formats are specified in ``docs/catalog-exchange.md``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation

from govhall.catalog.constants import (
    Audience,
    ExerciseLevel,
    HandlingType,
    ItemType,
    LimitUnit,
    MaterialForm,
    MaterialNecessity,
    ServiceObject,
    ThemeKind,
)
from govhall.catalog.models import (
    BasicItem,
    Bundle,
    FeeItem,
    MaterialRequirement,
    ServiceItemVersion,
    Theme,
)

FORMAT: Final = "govhall-catalog/1"
MAX_IMPORT_BYTES: Final = 20 * 1024 * 1024
MAX_IMPORT_ROWS: Final = 20_000
# Excel keeps 15 significant digits; a longer code typed as a number has lost some.
EXCEL_DIGITS: Final = 15
XLSX_CELL_MAX: Final = 32_767
# Rows read, empty ones included, before a sheet is given up on (formatted but empty rows).
MAX_RAW_ROWS: Final = 10 * MAX_IMPORT_ROWS

SHEET_ITEMS: Final = "事项"
SHEET_MATERIALS: Final = "材料"
SHEET_FEES: Final = "收费"
SHEET_BUNDLES: Final = "一件事"
SHEET_THEMES: Final = "主题"
SHEET_BASIC: Final = "基本目录"

ABSENT: Final[Any] = object()  # a value the file does not give


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet / key of a JSON record.

    kind: text, code (text that must not pass through a number), int, bool, not_bool (the xlsx
    column states the opposite of the field: 是否收费 vs ``is_free``), choice, date, decimal,
    list (comma separated in xlsx), json_list, json_object.
    """

    name: str
    header: str
    kind: str = "text"
    choices: type[models.TextChoices] | None = None
    aliases: tuple[str, ...] = ()  # other accepted headers
    values: tuple[tuple[str, str], ...] = ()  # other accepted cell values of a choice
    width: int = 0  # fixed length of a code: a shorter number has lost leading zeros
    required: bool = False  # must be filled (for a service item: when it is created)
    key: bool = False  # the sheet cannot be read without this column
    xlsx_only: bool = False
    joiner: str = ","


@dataclass(frozen=True, slots=True)
class Entity:
    """A kind of record: one sheet of the workbook, one section of the JSON document."""

    sheet: str
    section: str  # the JSON key
    model: type[models.Model]  # defaults and lengths come from here
    fields: tuple[Column, ...]


_SERVICE_OBJECT_ALIASES = (("个人", "person"), ("企业", "enterprise"), ("自然人,法人", "both"), ("自然人/法人", "both"))
_NECESSITY_ALIASES = (("容缺", "conditional"), ("情形必要", "conditional"), ("必须", "required"), ("可选", "optional"))

ITEMS = Entity(
    SHEET_ITEMS,
    "service_items",
    ServiceItemVersion,
    (
        Column("code", "实施编码", "code", required=True, key=True),
        Column("basic_code", "基本编码", "code", width=12, required=True, key=True),
        Column("name", "事项名称", required=True),
        Column("item_type", "事项类型", "choice", ItemType, xlsx_only=True),
        Column("exercise_level", "行使层级", "choice", ExerciseLevel, xlsx_only=True),
        Column("department_credit_code", "实施主体统一社会信用代码", "code", width=18, required=True, key=True),
        Column("region_code", "行政区划代码", "code", width=6, required=True, key=True),
        Column("statutory_limit", "法定办结时限", "int", required=True),
        Column("promised_limit", "承诺办结时限", "int", required=True),
        Column("limit_unit", "时限单位", "choice", LimitUnit),
        Column("handling_type", "办件类型", "choice", HandlingType, required=True),
        Column("service_object", "服务对象", "choice", ServiceObject, values=_SERVICE_OBJECT_ALIASES, required=True),
        Column("is_free", "是否收费", "not_bool"),
        Column("visits_required", "到现场次数", "int"),
        Column("online_application", "支持网上申请", "bool"),
        Column("uses_pre_review", "网上预审", "bool"),
        Column("issues_license", "是否颁发证照", "bool"),
        Column("license_type_code", "证照类型代码", "code"),
        Column("handling_place", "办理地点"),
        Column("handling_hours", "办理时间"),
        Column("consultation_channel", "咨询方式"),
        Column("complaint_channel", "监督投诉方式"),
        Column("conditions", "受理条件"),
        Column("legal_basis", "法律依据", aliases=("设定依据/法律依据", "设定依据")),
        Column("keywords", "关键词"),
        Column("summary", "事项简介"),
        Column("result_delivery", "结果送达方式"),
        Column("process_description", "办理流程"),
        Column("themes", "主题", "list"),
        Column("process_key", "审批流程"),
        Column("effective_from", "生效日期", "date"),
        Column("change_note", "修订说明"),
        Column("faq", "常见问题JSON", "json_list"),
        Column("form_schema", "申请表单JSON", "json_object"),
        Column("form_ui", "表单提示JSON", "json_object"),
    ),
)
MATERIALS = Entity(
    SHEET_MATERIALS,
    "materials",
    MaterialRequirement,
    (
        Column("item_code", "实施编码", "code", required=True, key=True, xlsx_only=True),
        Column("order", "序号", "int", xlsx_only=True),
        Column("name", "材料名称", required=True),
        Column("necessity", "必要性", "choice", MaterialNecessity, values=_NECESSITY_ALIASES, required=True),
        Column("form", "材料形式", "choice", MaterialForm),
        Column("copies", "份数", "int"),
        Column("file_types", "文件类型", "list"),
        Column("max_size_mb", "大小上限MB", "int", aliases=("大小上限(MB)", "大小上限")),
        Column("source", "来源渠道"),
        Column("legal_source", "材料依据"),
        Column("satisfied_by_license_type", "可替代证照类型", "code"),
        Column("satisfied_by_data_resource", "可替代共享数据", "code"),
        Column("note", "填报须知"),
        Column("condition_note", "适用情形"),
        Column("sample_file", "示例样表"),
        Column("blank_form_file", "空白表格"),
    ),
)
FEES = Entity(
    SHEET_FEES,
    "fees",
    FeeItem,
    (
        Column("item_code", "实施编码", "code", required=True, key=True, xlsx_only=True),
        Column("name", "收费项目", required=True),
        Column("amount", "收费标准（元）", "decimal", aliases=("收费标准",), required=True),
        Column("legal_basis", "收费依据", required=True),
        Column("note", "说明"),
    ),
)
BUNDLES = Entity(
    SHEET_BUNDLES,
    "bundles",
    Bundle,
    (
        Column("code", "编码", "code", required=True, key=True),
        Column("name", "名称", required=True),
        Column("summary", "简介"),
        Column("theme", "主题", "code"),
        Column("lead_department_credit_code", "牵头部门统一社会信用代码", "code", width=18, required=True),
        Column("items", "包含事项实施编码", "list", joiner="\n"),
        Column("statutory_limit", "法定时限", "int"),
        Column("promised_limit", "承诺时限", "int"),
        Column("form_schema", "合并申请表JSON", "json_object"),
    ),
)
THEMES = Entity(
    SHEET_THEMES,
    "themes",
    Theme,
    (
        Column("slug", "slug", "code", aliases=("标识",), required=True, key=True),
        Column("name", "名称", required=True),
        Column("kind", "类型", "choice", ThemeKind),
        Column("audience", "服务对象", "choice", Audience),
        Column("description", "说明"),
        Column("sort_order", "排序", "int"),
    ),
)
BASIC_ITEMS = Entity(
    SHEET_BASIC,
    "basic_items",
    BasicItem,
    (
        Column("code", "基本编码", "code", width=12, required=True, key=True),
        Column("name", "事项名称", required=True),
        Column("item_type", "事项类型", "choice", ItemType, required=True),
        Column("legal_basis", "设定依据"),
        Column("exercise_level", "行使层级", "choice", ExerciseLevel, required=True),
    ),
)
# Sheet order in an exported workbook.
ENTITIES: Final = (ITEMS, MATERIALS, FEES, BUNDLES, THEMES, BASIC_ITEMS)
# The keys of a JSON service item outside its ``version``.
ITEM_LEVEL: Final = ("code", "basic_code", "department_credit_code", "region_code")


def format_for(path: str | os.PathLike[str]) -> str | None:
    """``json`` or ``xlsx`` from a file name, else None."""
    suffix = Path(path).suffix.lower()
    return {".json": "json", ".xlsx": "xlsx"}.get(suffix)


def normal_header(text: Any) -> str:
    """A header (or choice label) as compared: no spaces, half-width brackets."""
    return re.sub(r"\s+", "", str(text)).replace("（", "(").replace("）", ")")


@cache
def choice_lookup(choices: type[models.TextChoices], extra: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Accepted cell values of a choice (Chinese label, code, aliases) → the code."""
    with translation.override("zh-hans"):
        lookup = {str(label): value for value, label in choices.choices}
    lookup.update({value.lower(): value for value in choices.values})
    lookup.update(dict(extra))
    return {normal_header(key).replace("，", ","): value for key, value in lookup.items()}


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The Chinese label an export writes for a choice's code."""
    with translation.override("zh-hans"):
        return str(choices(value).label) if value in choices.values else value


def model_default(model: type[models.Model], name: str) -> Any:
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field.get_default() if model_field.has_default() else None  # type: ignore[union-attr]


def max_length(model: type[models.Model], name: str) -> int | None:
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field.max_length if isinstance(model_field, models.CharField) else None
