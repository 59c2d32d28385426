"""Catalogue import/export (docs/catalog-exchange.md): round trips, all-or-nothing rejection with
precise messages, idempotent re-import, new versions from changed files, limits, CLI."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from govhall.accounts.models import Region
from govhall.catalog import exchange, services
from govhall.catalog.models import (
    BasicItem,
    Bundle,
    BundleItem,
    FeeItem,
    MaterialRequirement,
    ServiceItem,
    ServiceItemVersion,
    Theme,
)
from govhall.core.contracts import Actor
from govhall.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

ACTOR = Actor(user_id=None, role="catalog_admin")
FOOD_BASIC = "000123456789"
HOUSING_BASIC = "00A987654321"


# --- building a catalogue through the services ---------------------------------------------------


def _fields(**overrides: Any) -> dict[str, Any]:
    fields = {
        "name": "食品经营许可证核发",
        "keywords": "餐饮,小吃店",
        "summary": "从事食品销售和餐饮服务活动，应当依法取得食品经营许可。",
        "conditions": "具有与经营的食品品种、数量相适应的经营场所。\n具有食品安全管理人员。",
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "statutory_limit": 20,
        "promised_limit": 5,
        "handling_type": "promised",
        "service_object": "enterprise",
        "visits_required": 0,
        "online_application": True,
        "handling_place": "漳州市行政服务中心二楼",
        "faq": [{"q": "网上能办吗？", "a": "能，全程网办。"}],
        "form_schema": {"type": "object", "properties": {"shop_name": {"type": "string", "title": "店名"}}},
        "form_ui": {"shop_name": {"ui:placeholder": "与营业执照一致"}},
        "change_note": "首次发布",
    }
    fields.update(overrides)
    return fields


FOOD_MATERIALS = [
    {"name": "食品经营许可申请书", "necessity": "required", "file_types": ["pdf"], "max_size_mb": 5},
    {
        "name": "营业执照",
        "necessity": "conditional",
        "form": "electronic",
        "condition_note": "已办理营业执照的",
        "satisfied_by_license_type": "business_license",
    },
]


@pytest.fixture
def catalog() -> dict[str, Any]:
    """Two departments, two themes, two basic items, three published items (one with fees), a
    bundle; the ``food`` item is at version 1."""
    market = factories.department("漳州市市场监督管理局")
    housing = factories.department("漳州市住房公积金中心")
    Theme.objects.create(slug="open-shop", name="开办企业", kind="business_event", audience="enterprise")
    Theme.objects.create(slug="housing", name="住房", kind="theme", audience="both", sort_order=5)
    food_basic = services.basic_item_upsert(
        actor=ACTOR,
        code=FOOD_BASIC,
        name="食品经营许可",
        item_type="administrative_license",
        exercise_level="municipal",
    )
    fund_basic = services.basic_item_upsert(
        actor=ACTOR,
        code=HOUSING_BASIC,
        name="住房公积金提取",
        item_type="public_service",
        exercise_level="municipal",
        legal_basis="《住房公积金管理条例》",
    )
    city = Region.objects.get(code="350600")
    county = Region.objects.get(code="350602")

    def publish(version: ServiceItemVersion) -> ServiceItemVersion:
        return services.version_publish(actor=ACTOR, version=version)

    food = publish(
        services.service_item_create(
            actor=ACTOR,
            code=f"{market.credit_code}{FOOD_BASIC}001",
            basic_item=food_basic,
            department=market,
            region=city,
            fields=_fields(),
            materials=FOOD_MATERIALS,
            theme_slugs=["open-shop"],
        )
    )
    copy = publish(
        services.service_item_create(
            actor=ACTOR,
            code=f"{market.credit_code}{FOOD_BASIC}002",
            basic_item=food_basic,
            department=market,
            region=county,
            fields=_fields(
                name="食品经营许可证补办",
                is_free=False,
                visits_required=1,
                handling_type="instant",
                # Texts a spreadsheet mangles unless escaped: CRLF (from web forms), a literal OOXML
                # escape, a leading "=" that must not become a formula.
                process_description="=网上申请\r\n窗口领证 _x000D_ 完",
            ),
            materials=[{"name": "补办申请", "necessity": "required", "form": "original", "copies": 2}],
            fees=[{"name": "工本费", "amount": "12.50", "legal_basis": "闽价费〔2019〕1号", "note": "按证计"}],
        )
    )
    fund = publish(
        services.service_item_create(
            actor=ACTOR,
            code=f"{housing.credit_code}{HOUSING_BASIC}01",
            basic_item=fund_basic,
            department=housing,
            region=city,
            fields=_fields(
                name="住房公积金提取（购房）",
                service_object="person",
                handling_type="instant",
                statutory_limit=3,
                promised_limit=2,
            ),
            materials=[{"name": "购房合同", "necessity": "required", "file_types": ["pdf", "jpg"]}],
            theme_slugs=["housing", "open-shop"],
        )
    )
    bundle = Bundle.objects.create(
        code="BUNDLE-SHOP",
        name="我要开餐馆",
        summary="营业执照、食品经营许可一次办",
        theme=Theme.objects.get(slug="open-shop"),
        lead_department=market,
        statutory_limit=20,
        promised_limit=5,
    )
    for order, version in enumerate([copy, food]):
        BundleItem.objects.create(bundle=bundle, service_item=version.service_item, sort_order=order)
    return {"market": market, "housing": housing, "food": food, "copy": copy, "fund": fund}


def _wipe_catalogue() -> None:
    """An empty catalogue (departments and regions stay: they are accounts data)."""
    apps.get_model("catalog", "SearchEntry").objects.all().delete()
    BundleItem.objects.all().delete()
    Bundle.objects.all().delete()
    MaterialRequirement.objects.all().delete()
    FeeItem.objects.all().delete()
    ServiceItemVersion.objects.all().delete()
    ServiceItem.objects.all().delete()
    BasicItem.objects.all().delete()
    Theme.objects.all().delete()


def _row_counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in apps.get_app_config("catalog").get_models()}
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def _sheets(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def _edit(data: bytes, changes: dict[tuple[str, int, str], Any]) -> bytes:
    """Change cells of a workbook, addressed by sheet, row and column header."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for (title, row, header), value in changes.items():
        sheet = workbook[title]
        headers = [cell.value for cell in sheet[1]]
        sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _row_of(data: bytes, title: str, header: str, value: Any) -> int:
    rows = _sheets(data)[title]
    column = rows[0].index(header)
    return next(number for number, row in enumerate(rows, start=1) if row[column] == value)


def _import(data: Any, fmt: str = "xlsx", **kwargs: Any) -> exchange.ImportReport:
    return exchange.catalog_import(actor=ACTOR, data_or_file=data, fmt=fmt, **kwargs)


# --- round trips -----------------------------------------------------------------------------------


def test_json_export_contains_the_published_catalogue(catalog):
    document = json.loads(exchange.catalog_export(fmt="json"))
    assert document["format"] == "govhall-catalog/1"
    assert [t["slug"] for t in document["themes"]] == ["housing", "open-shop"]
    assert [b["code"] for b in document["basic_items"]] == [FOOD_BASIC, HOUSING_BASIC]
    copy = next(i for i in document["service_items"] if i["code"].endswith("002"))
    assert copy["region_code"] == "350602"
    assert set(copy["version"]) == {*services.VERSION_FIELDS, "themes", "materials", "fees"}
    assert copy["version"]["fees"] == [
        {"name": "工本费", "amount": "12.50", "legal_basis": "闽价费〔2019〕1号", "note": "按证计"}
    ]
    assert document["bundles"][0]["items"] == [catalog["copy"].service_item.code, catalog["food"].service_item.code]


def test_json_round_trip_into_an_empty_catalogue(catalog):
    before = exchange.catalog_document()
    data = exchange.catalog_export(fmt="json")
    _wipe_catalogue()

    report = _import(data, fmt="json")

    assert _without_time(exchange.catalog_document()) == _without_time(before)
    assert (report.count("service_item", "created"), report.count("bundle", "created")) == (3, 1)
    assert ServiceItemVersion.objects.filter(status="published", version=1).count() == 3


def test_xlsx_round_trip_into_an_empty_catalogue(catalog):
    before = exchange.catalog_document()
    data = exchange.catalog_export(fmt="xlsx")
    sheets = _sheets(data)
    assert list(sheets) == ["事项", "材料", "收费", "一件事", "主题", "基本目录"]
    assert sheets["事项"][0][:4] == ("实施编码", "基本编码", "事项名称", "事项类型")
    copy_row = dict(zip(sheets["事项"][0], sheets["事项"][2], strict=True))
    assert (copy_row["事项类型"], copy_row["办件类型"], copy_row["服务对象"], copy_row["是否收费"]) == (
        "行政许可",
        "即办件",
        "法人",
        "是",
    )
    _wipe_catalogue()

    report = _import(data)

    assert _without_time(exchange.catalog_document()) == _without_time(before)
    assert _sheets(exchange.catalog_export(fmt="xlsx")) == sheets
    assert report.count("service_item", "created") == 3 and not report.ignored_sheets


def test_reimporting_the_same_file_creates_nothing(catalog):
    for fmt in ("xlsx", "json"):
        data = exchange.catalog_export(fmt=fmt)
        counts = _row_counts()
        report = _import(data, fmt=fmt)
        assert not report.changed
        assert report.count("service_item", "unchanged") == 3
        # Only the import's own audit event is new.
        assert _row_counts() == {**counts, "AuditEvent": counts["AuditEvent"] + 1}


# --- the acceptance case: three bad rows ------------------------------------------------------------


def test_a_file_with_three_bad_rows_is_rejected_whole_with_three_precise_messages(catalog):
    data = exchange.catalog_export(fmt="xlsx")
    food_code, fund_code = (catalog[k].service_item.code for k in ("food", "fund"))
    food_row = _row_of(data, "事项", "实施编码", food_code)
    fund_row = _row_of(data, "事项", "实施编码", fund_code)
    material_row = _row_of(data, "材料", "材料名称", "补办申请")
    credit = catalog["market"].credit_code
    bad_credit = credit[:-1] + ("0" if credit[-1] != "0" else "1")
    data = _edit(
        data,
        {
            ("事项", food_row, "实施主体统一社会信用代码"): bad_credit,
            ("材料", material_row, "文件类型"): "pdf,exe",
            ("事项", fund_row, "承诺办结时限"): 30,  # statutory is 3
        },
    )
    _wipe_catalogue()
    counts = _row_counts()

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(data)

    assert rejected.value.code == "catalog.import_rejected"
    errors = sorted(rejected.value.errors, key=lambda e: (e.sheet, e.row or 0))
    assert [(e.sheet, e.row, e.column, e.code) for e in errors] == sorted(
        [
            ("事项", food_row, "实施主体统一社会信用代码", "identifier.credit_code.check"),
            ("事项", fund_row, "承诺办结时限", "catalog.promised_exceeds_statutory"),
            ("材料", material_row, "文件类型", "catalog.material_file_types"),
        ],
        key=lambda e: (e[0], e[1]),
    )
    lines = {e.code: e.display() for e in errors}
    assert lines["catalog.material_file_types"].startswith(
        f"工作表“材料”第{material_row}行“文件类型”列：不支持的文件类型：exe。"
    )
    assert lines["catalog.promised_exceeds_statutory"] == (
        f"工作表“事项”第{fund_row}行“承诺办结时限”列：承诺办结时限不能长于法定办结时限。"
    )
    assert lines["identifier.credit_code.check"] == (
        f"工作表“事项”第{food_row}行“实施主体统一社会信用代码”列：统一社会信用代码的校验位（第18位）不正确，可能有字符输错，请逐位核对。"
    )
    assert rejected.value.as_problem()["errors"][0]["sheet"] in {"事项", "材料"}
    assert _row_counts() == counts  # the good rows were not written either
    assert not ServiceItem.objects.exists()


def test_json_problems_are_located_by_path(catalog):
    document = exchange.catalog_document()
    document["service_items"][1]["version"]["materials"][0]["file_types"] = ["exe"]
    document["service_items"][2]["version"]["statutory_limit"] = "三天"
    document["bundles"][0]["items"].append("NO-SUCH-ITEM")
    counts = _row_counts()

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(document, fmt="json")

    assert [(e.column, e.code) for e in rejected.value.errors] == [
        ("service_items[1].version.materials[0].file_types", "catalog.material_file_types"),
        ("service_items[2].version.statutory_limit", "catalog.import_integer"),
        ("bundles[0].items", "catalog.import_item_unknown"),
    ]
    assert rejected.value.errors[0].display().startswith("service_items[1].version.materials[0].file_types：不支持")
    assert _row_counts() == counts


def test_references_between_sheets_and_duplicates_are_checked(catalog):
    data = exchange.catalog_export(fmt="xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook["材料"].append(["NOT-AN-ITEM", 1, "某材料", "必要"])
    items = workbook["事项"]
    items.append([cell.value for cell in items[2]])  # the same item twice
    items.cell(row=3, column=[c.value for c in items[1]].index("主题") + 1, value="open-shop,no-such-theme")
    out = io.BytesIO()
    workbook.save(out)

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(out.getvalue())

    found = {(e.sheet, e.column, e.code) for e in rejected.value.errors}
    assert found == {
        ("材料", "实施编码", "catalog.import_item_unknown"),
        ("事项", "实施编码", "catalog.import_duplicate"),
        ("事项", "主题", "catalog.import_theme_unknown"),
    }


# --- versions --------------------------------------------------------------------------------------


def test_changed_materials_make_version_2_published_and_version_1_retired_untouched(catalog):
    food = catalog["food"]
    v1_materials = list(MaterialRequirement.objects.filter(version=food).values())
    data = exchange.catalog_export(fmt="xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook["材料"].append([food.service_item.code, 3, "健康证明", "必要", "电子材料", 1, "pdf, JPG", 2])
    out = io.BytesIO()
    workbook.save(out)

    report = _import(out.getvalue())

    assert [(c.code, c.action, c.version, c.published) for c in report.changes if c.action != "unchanged"] == [
        (food.service_item.code, "new_version", 2, True)
    ]
    food.refresh_from_db()
    assert food.status == "retired"
    assert list(MaterialRequirement.objects.filter(version=food).values()) == v1_materials
    v2 = ServiceItemVersion.objects.get(service_item=food.service_item, status="published")
    assert v2.version == 2 and v2.change_note == "批量导入"
    assert [(m.name, m.file_types, m.max_size_mb) for m in v2.materials.all()][-1] == ("健康证明", ["pdf", "jpg"], 2)
    assert sorted(v2.themes.values_list("slug", flat=True)) == ["open-shop"]
    # The other items and the bundle were left alone; importing again changes nothing more.
    assert ServiceItemVersion.objects.count() == 4
    assert not _import(out.getvalue()).changed


def test_no_publish_leaves_drafts_and_a_later_import_publishes_them(catalog):
    document = exchange.catalog_document()
    document["service_items"][0]["version"]["promised_limit"] = 2

    drafted = _import(document, fmt="json", publish=False)
    again = _import(document, fmt="json", publish=False)
    published = _import(document, fmt="json")

    code = document["service_items"][0]["code"]
    assert [(c.action, c.version, c.published) for c in drafted.changes if c.code == code] == [
        ("new_version", 2, False)
    ]
    assert not again.changed
    assert [(c.action, c.version, c.published) for c in published.changes if c.code == code] == [("published", 2, True)]
    assert ServiceItemVersion.objects.get(service_item__code=code, status="published").promised_limit == 2


def test_an_item_with_a_different_draft_is_not_overwritten(catalog):
    services.version_draft_from(actor=ACTOR, version=catalog["fund"])
    document = exchange.catalog_document()
    index = [i["code"] for i in document["service_items"]].index(catalog["fund"].service_item.code)
    counts = _row_counts()

    assert not _import(document, fmt="json").changed  # the file says what is published: the draft is left alone
    document["service_items"][index]["version"]["summary"] = "改过的简介"
    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(document, fmt="json")

    assert [(e.column, e.code) for e in rejected.value.errors] == [
        (f"service_items[{index}].code", "catalog.draft_exists")
    ]
    assert _row_counts() == {**counts, "AuditEvent": counts["AuditEvent"] + 1}


def test_export_includes_drafts_only_when_asked(catalog):
    draft = services.version_draft_from(actor=ACTOR, version=catalog["food"])
    services.version_update_draft(actor=ACTOR, version=draft, fields={"summary": "草稿里的新简介"})
    code = catalog["food"].service_item.code

    def summary(document: dict[str, Any]) -> str:
        return next(i["version"]["summary"] for i in document["service_items"] if i["code"] == code)

    assert summary(exchange.catalog_document()) == catalog["food"].summary
    assert summary(exchange.catalog_document(include_drafts=True)) == "草稿里的新简介"


def test_a_changed_bundle_is_updated_in_place(catalog):
    data = exchange.catalog_export(fmt="xlsx")
    food, copy = catalog["food"].service_item.code, catalog["copy"].service_item.code
    data = _edit(data, {("一件事", 2, "包含事项实施编码"): f"{food}；{copy}", ("一件事", 2, "名称"): "我要开饭店"})

    report = _import(data)

    assert [(c.kind, c.action) for c in report.changes if c.action != "unchanged"] == [("bundle", "updated")]
    bundle = Bundle.objects.get(code="BUNDLE-SHOP")
    assert bundle.name == "我要开饭店"
    assert list(bundle.bundle_items.values_list("service_item__code", flat=True)) == [food, copy]


def test_fees_on_a_free_item_are_refused(catalog):
    document = exchange.catalog_document()
    document["service_items"][0]["version"]["fees"] = [{"name": "工本费", "amount": "5", "legal_basis": "某文件"}]

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(document, fmt="json")

    assert [(e.column, e.code) for e in rejected.value.errors] == [
        ("service_items[0].version.is_free", "catalog.fee_conflict")
    ]


def test_the_services_theme_slug_and_bundle_items_rules_refuse_the_file_up_front(catalog):
    document = exchange.catalog_document()
    document["themes"].append({"slug": "Open-Shop", "name": "开店", "kind": "theme", "audience": "enterprise"})
    document["bundles"][0]["items"] = document["bundles"][0]["items"][:1]
    counts = _row_counts()

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(document, fmt="json")

    assert [(e.column, e.code, e.message) for e in rejected.value.errors] == [
        ("bundles[0].items", "catalog.bundle_items", "一件事应包含至少两个不重复的事项。"),
        ("themes[2].slug", "catalog.theme_slug", "主题标识只能包含小写字母、数字、连字符和下划线。"),
    ]
    assert _row_counts() == counts


# --- the office's own spreadsheet --------------------------------------------------------------------


def _workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_hand_made_workbook_with_chinese_labels_is_imported():
    market = factories.department("漳州市市场监督管理局")
    code = f"{market.credit_code}{FOOD_BASIC}009"
    data = _workbook(
        {
            "基本目录": [
                ["基本编码", "事项名称", "事项类型", "行使层级"],
                [FOOD_BASIC, "食品经营许可", "行政许可", "市级"],
            ],
            "事项": [
                [
                    "实施编码",
                    "基本编码",
                    "事项名称",
                    "实施主体统一社会信用代码",
                    "行政区划代码",
                    "法定办结时限",
                    "承诺办结时限",
                    "时限单位",
                    "办件类型",
                    "服务对象",
                    "是否收费",
                    "网上预审",
                    "到现场次数",
                    "办理地点",
                ],
                [
                    code,
                    FOOD_BASIC,
                    "小餐饮登记",
                    market.credit_code,
                    350600,
                    10,
                    3,
                    "工作日",
                    "承诺件",
                    "自然人、法人",
                    "否",
                    "是",
                    1,
                    "芗城区政务服务中心",
                ],
            ],
            "材料": [
                ["实施编码", "材料名称", "必要性", "材料形式", "大小上限（MB）"],
                [code, "从业人员健康证明", "容缺", "复印件", 3],
            ],
            "收费": [["实施编码", "收费项目", "收费标准（元）", "收费依据", "说明"]],
            "填写说明": [["这张表不导入"]],
        }
    )

    report = _import(data)

    version = ServiceItemVersion.objects.get(service_item__code=code)
    assert (version.status, version.limit_unit, version.handling_type, version.service_object) == (
        "published",
        "working_days",
        "promised",
        "both",
    )
    assert (version.is_free, version.uses_pre_review, version.visits_required) == (True, True, 1)
    assert version.process_key == "single_department"  # column absent: the default
    material = version.materials.get()
    assert (material.necessity, material.form, material.max_size_mb, material.file_types) == (
        "conditional",
        "copy",
        3,
        ["pdf", "jpg", "png"],
    )
    assert report.ignored_sheets == ["填写说明"]


def test_a_code_typed_as_a_number_that_lost_its_leading_zeros_is_reported():
    data = _workbook(
        {
            "基本目录": [
                ["基本编码", "事项名称", "事项类型", "行使层级"],
                [123456789, "食品经营许可", "行政许可", "市级"],
            ]
        }
    )

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(data)

    [error] = rejected.value.errors
    assert (error.sheet, error.row, error.column, error.code) == (
        "基本目录",
        2,
        "基本编码",
        "catalog.import_numeric_code",
    )
    assert "开头的0已丢失" in error.message and "“123456789”" in error.message and "文本" in error.message
    assert not BasicItem.objects.exists()


def test_bad_headers_and_values_are_reported_per_cell():
    data = _workbook(
        {
            "主题": [
                ["slug", "名称", "类型", "颜色"],
                ["ok-theme", "好主题", "人生事件"],
                ["bad slug", "", "星期"],
            ]
        }
    )

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(data)

    assert [(e.row, e.column, e.code) for e in rejected.value.errors] == [
        (1, "颜色", "catalog.import_unknown_column"),
        (3, "slug", "catalog.import_slug"),
        (3, "名称", "catalog.import_required"),
        (3, "类型", "catalog.import_choice"),
    ]
    assert "可填：主题、人生事件、企业生命周期" in rejected.value.errors[3].message


# --- limits --------------------------------------------------------------------------------------------


def test_oversized_files_are_refused(tmp_path):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(exchange.MAX_IMPORT_BYTES + 1)  # sparse: no need to write 20 MB

    for source in (big, b"{" * (exchange.MAX_IMPORT_BYTES + 1)):
        with pytest.raises(exchange.CatalogImportRejected) as rejected:
            _import(source, fmt="json" if isinstance(source, bytes) else "xlsx")
        [error] = rejected.value.errors
        assert error.code == "catalog.import_too_large" and "20 MB" in error.message


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(exchange, "MAX_IMPORT_ROWS", 3)
    rows = [["slug", "名称"]] + [[f"t{n}", f"主题{n}"] for n in range(4)]

    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(_workbook({"主题": rows}))

    assert [e.code for e in rejected.value.errors] == ["catalog.import_too_many_rows"]
    assert not Theme.objects.exists()


def test_a_file_that_is_not_a_workbook_is_reported():
    with pytest.raises(exchange.CatalogImportRejected) as rejected:
        _import(b"PK\x03\x04 not really a zip")
    assert [e.code for e in rejected.value.errors] == ["catalog.import_unreadable"]


# --- CLI -------------------------------------------------------------------------------------------------


def test_cli_export_then_dry_run_then_import(catalog, tmp_path):
    path = tmp_path / "catalog.xlsx"
    out = io.StringIO()
    call_command("catalog_export", str(path), stdout=out)
    assert path.exists() and "xlsx" in out.getvalue()
    _wipe_catalogue()

    out = io.StringIO()
    call_command("catalog_import", str(path), "--dry-run", stdout=out)
    assert "试运行" in out.getvalue() and not ServiceItem.objects.exists()

    out = io.StringIO()
    call_command("catalog_import", str(path), stdout=out)
    assert "事项：新增 3" in out.getvalue()
    assert ServiceItem.objects.count() == 3


def test_cli_prints_every_problem_and_exits_1(catalog, tmp_path):
    data = exchange.catalog_export(fmt="xlsx")
    row = _row_of(data, "材料", "材料名称", "补办申请")
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_edit(data, {("材料", row, "文件类型"): "exe"}))
    err = io.StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("catalog_import", str(path), stderr=err)

    assert failed.value.returncode == 1
    assert err.getvalue().startswith(f"工作表“材料”第{row}行“文件类型”列：不支持的文件类型：exe。可选：pdf")
    assert "1处错误" in str(failed.value)
