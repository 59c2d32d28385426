"""Public service guide pages (办事指南): browse, search, the guide, bundles, elderly mode, print."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client

from govhall.catalog import search as search_module
from govhall.catalog import services
from tests import factories
from tests.portal import catalog_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return factories.department("漳州市市场监督管理局")


@pytest.fixture
def housing():
    return factories.department("漳州市住房公积金中心")


def _text(response) -> str:
    """The page as visible text: tags dropped, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the guide page ------------------------------------------------------------------------------


def test_guide_page_shows_everything_a_citizen_needs(market):
    theme = catalog_data.theme("kaidian", "开办企业", kind="business_event")
    version = catalog_data.item(market, themes=["kaidian"])
    response = Client().get(f"/services/item/{version.service_item.code}/")
    assert response.status_code == 200
    text = _text(response)
    for expected in (
        "个体工商户设立登记",
        "漳州市市场监督管理局",
        "行政许可",
        "承诺件",
        "法定办结时限 15 工作日",
        "承诺办结时限 3 工作日",
        "到办事现场次数 1 次",
        "四星：最多跑一次",  # online application, one visit
        "不收费",
        "有经营能力的公民。",
        "《促进个体工商户发展条例》第八条",
        "网上申请→受理→审查→决定→发证",
        "漳州市行政服务中心一楼市场监管窗口",
        "工作日 8:30-12:00，14:30-17:30",
        "0596-1234567",
        "可以委托他人办理吗？",
        "可以，需提供委托书。",
        theme.name,
        "版本 1",
    ):
        assert expected in text, expected
    # the materials table: name, necessity, form, copies, file types and size, source, substitutes
    table = re.search(r'<table[^>]*data-testid="materials".*?</table>', response.content.decode(), re.S).group()
    rows = re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1], re.S)
    assert len(rows) == 3
    first = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rows[0]))
    for expected in ("设立登记申请书", "必要", "原件", " 2 ", "pdf, ofd", "不超过 5 MB", "申请人自备"):
        assert expected in first, expected
    assert "可用电子证照免提交" in rows[1] and "可通过数据共享免提交" not in rows[1]
    assert "可通过数据共享免提交" in rows[2] and "租用场所的" in rows[2] and "容缺/情形必要" in rows[2]


def test_guide_page_lists_fees_with_legal_basis(market):
    version = catalog_data.item(
        market,
        is_free=False,
        fees=[{"name": "工本费", "amount": Decimal("10.00"), "legal_basis": "闽价费〔2020〕1号"}],
    )
    text = _text(Client().get(f"/services/item/{version.service_item.code}/"))
    assert "工本费" in text and "10.00" in text and "闽价费〔2020〕1号" in text
    assert "收费（见收费标准）" in text
    assert "不收费。" not in text


def test_apply_button_only_for_online_items(market):
    online = catalog_data.item(market)
    offline = catalog_data.item(market, online_application=False, name="出生医学证明补发")
    page = Client().get(f"/services/item/{online.service_item.code}/").content.decode()
    code = online.service_item.code
    # /apply/<code>/ is served now (portal.apply_views); it sends a visitor to sign in first
    assert f'href="/apply/{code}/"' in page
    assert 'data-testid="apply"' in page
    offline_page = Client().get(f"/services/item/{offline.service_item.code}/").content.decode()
    assert 'data-testid="apply"' not in offline_page
    assert "本事项暂不支持网上申请，请携带材料到 漳州市行政服务中心一楼市场监管窗口 办理。" in offline_page


def test_guide_is_printable(market):
    version = catalog_data.item(market)
    page = Client().get(f"/services/item/{version.service_item.code}/").content.decode()
    assert re.search(r'<button[^>]*data-action="print"[^>]*>打印办事指南</button>', page)
    assert "govhall/js/govhall.js" in page
    # the printed page carries its own address
    assert f"http://testserver/services/item/{version.service_item.code}/" in page


def test_draft_and_retired_items_are_not_public(market):
    draft = catalog_data.item(market, publish=False)
    retired = catalog_data.item(market)
    services.version_retire(actor=catalog_data.ACTOR, version=retired, reason="事项取消")
    for version in (draft, retired):
        response = Client().get(f"/services/item/{version.service_item.code}/")
        assert response.status_code == 404
        assert "该事项不存在、尚未发布或已停止办理。" in response.content.decode()
        assert version.name not in _text(response)
    assert Client().get("/services/item/NOSUCHCODE/").status_code == 404


def test_new_version_replaces_the_old_one_on_the_guide(market):
    first = catalog_data.item(market)
    draft = services.version_draft_from(actor=catalog_data.ACTOR, version=first)
    services.version_update_draft(actor=catalog_data.ACTOR, version=draft, fields={"promised_limit": 1})
    services.version_publish(actor=catalog_data.ACTOR, version=draft)
    text = _text(Client().get(f"/services/item/{first.service_item.code}/"))
    assert "承诺办结时限 1 工作日" in text and "版本 2" in text


def test_an_item_name_with_markup_is_escaped(market):
    version = catalog_data.item(market, name="<script>alert(1)</script>")
    page = Client().get(f"/services/item/{version.service_item.code}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    listing = Client().get(f"/services/department/{market.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in listing and "&lt;script&gt;" in listing
    found = Client().get("/services/search/", {"q": "alert"}).content.decode()
    assert "<script>alert(1)</script>" not in found


# --- browsing ------------------------------------------------------------------------------------


def test_catalogue_home_browses_by_object_department_theme_and_bundle(market, housing):
    catalog_data.theme("shebao", "社会保障")
    catalog_data.theme("xinshenger", "新生儿出生", kind="life_event")
    a = catalog_data.item(market)
    b = catalog_data.item(housing, name="住房公积金提取", service_object="person")
    catalog_data.bundle("BIRTH01", "新生儿出生一件事", [a, b])
    response = Client().get("/services/")
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        'href="/services/search/?object=person"',
        'href="/services/search/?object=enterprise"',
        f'href="/services/department/{market.pk}/"',
        f'href="/services/department/{housing.pk}/"',
        'href="/services/theme/shebao/"',
        'href="/services/theme/xinshenger/"',
        'href="/services/bundle/BIRTH01/"',
        'action="/services/search/"',
    ):
        assert expected in page, expected
    assert '<label class="form-label fw-bold" for="catalog-q">' in page


def test_portal_home_links_the_catalogue():
    page = Client().get("/").content.decode()
    assert 'href="/services/"' in page and 'action="/services/search/"' in page


def test_department_page_lists_published_items_with_depth_limits_and_visits(market, housing):
    catalog_data.item(market)
    catalog_data.item(market, name="食品经营许可", visits_required=0)
    catalog_data.item(market, name="草稿事项", publish=False)
    catalog_data.item(housing, name="住房公积金提取")
    response = Client().get(f"/services/department/{market.pk}/")
    assert response.status_code == 200
    text = _text(response)
    assert "个体工商户设立登记" in text and "食品经营许可" in text
    assert "草稿事项" not in text and "住房公积金提取" not in text
    assert "五星：全程网办" in text and "四星：最多跑一次" in text
    assert "承诺 3 个工作日" in text and "零跑动" in text and "到现场 1 次" in text
    assert Client().get("/services/department/999999/").status_code == 404


def test_department_page_paginates(market):
    for n in range(21):
        catalog_data.item(market, name=f"事项{n:02d}")
    first = Client().get(f"/services/department/{market.pk}/")
    assert "共 21 个事项" in _text(first) and "事项19" in _text(first) and "事项20" not in _text(first)
    assert 'href="?page=2"' in first.content.decode()
    second = _text(Client().get(f"/services/department/{market.pk}/", {"page": 2}))
    assert "事项20" in second and "事项00" not in second


def test_theme_page(market):
    catalog_data.theme("kaiban", "开办企业", kind="business_event")
    catalog_data.item(market, themes=["kaiban"])
    catalog_data.item(market, name="不在主题内的事项")
    response = Client().get("/services/theme/kaiban/")
    assert response.status_code == 200
    text = _text(response)
    assert "开办企业" in text and "企业生命周期" in text
    assert "个体工商户设立登记" in text and "不在主题内的事项" not in text
    assert Client().get("/services/theme/nope/").status_code == 404


def test_bundle_page_merges_the_materials_checklist(market, housing):
    shared = {"name": "身份证明", "necessity": "optional", "copies": 1}
    a = catalog_data.item(market, materials=[shared, {"name": "营业场所证明", "necessity": "required"}])
    b = catalog_data.item(
        housing,
        name="住房公积金开户",
        materials=[{**shared, "necessity": "required", "copies": 2}, {"name": "劳动合同", "necessity": "optional"}],
    )
    catalog_data.bundle("OPEN01", "开办企业一件事", [a, b])
    response = Client().get("/services/bundle/OPEN01/")
    assert response.status_code == 200
    page = response.content.decode()
    table = re.search(r'<table[^>]*data-testid="checklist".*?</table>', page, re.S).group()
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in re.findall(r"<tr>.*?</tr>", table, re.S)]
    assert len(rows) == 1 + 3  # header + three distinct materials
    identity = next(row for row in rows if "身份证明" in row)
    assert "必要" in identity and " 2 " in identity  # required by one item → required; most copies
    assert "个体工商户设立登记、住房公积金开户" in identity
    assert "个体工商户设立登记" in _text(response) and "住房公积金开户" in _text(response)
    assert Client().get("/services/bundle/NOPE/").status_code == 404


# --- search --------------------------------------------------------------------------------------


def test_search_finds_published_items_with_highlights(market, housing):
    catalog_data.item(market)
    catalog_data.item(
        housing, name="住房公积金提取", keywords="公积金", summary="提取住房公积金。", service_object="person"
    )
    response = Client().get("/services/search/", {"q": "营业执照"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "个体工商户设立登记" in page and "住房公积金提取" not in page
    assert "<mark>营业执照</mark>" in page
    assert "共找到 1 个事项" in _text(response)
    assert "四星：最多跑一次" in _text(response)  # hits carry the guide facts


def test_search_filters_are_applied_and_shown(market, housing, monkeypatch):
    catalog_data.theme("gjj", "住房公积金")
    seen = {}

    def fake_search(*, query, filters=None, page=1, page_size=20):
        seen.update(query=query, filters=filters, page=page, page_size=page_size)
        return SimpleNamespace(hits=(), total=0, total_capped=False, page=page, page_size=page_size)

    catalog_data.item(housing, name="住房公积金提取")
    monkeypatch.setattr(search_module, "search_items", fake_search)
    response = Client().get(
        "/services/search/", {"q": "提取", "department": housing.pk, "object": "person", "theme": "gjj", "page": 2}
    )
    assert response.status_code == 200
    assert seen["query"] == "提取" and seen["page"] == 2 and seen["page_size"] == 20
    assert (seen["filters"].department_id, seen["filters"].service_object, seen["filters"].theme) == (
        housing.pk,
        "person",
        "gjj",
    )
    text = _text(response)
    assert "筛选：漳州市住房公积金中心、个人办事、住房公积金" in text
    assert re.search(r'<option value="person" selected>', response.content.decode())


def test_invalid_filters_are_dropped_not_errors(market, monkeypatch):
    seen = {}

    def fake_search(*, query, filters=None, page=1, page_size=20):
        seen.update(filters=filters, page=page)
        return SimpleNamespace(hits=(), total=0, total_capped=False, page=page, page_size=page_size)

    monkeypatch.setattr(search_module, "search_items", fake_search)
    response = Client().get(
        "/services/search/", {"q": "执照", "department": "abc", "object": "alien", "theme": "<x>", "page": "-3"}
    )
    assert response.status_code == 200
    assert seen["page"] == 1
    assert (seen["filters"].department_id, seen["filters"].service_object, seen["filters"].theme) == (None, None, None)


def test_search_highlights_cannot_inject_markup(market, monkeypatch):
    version = catalog_data.item(market)
    hit = SimpleNamespace(
        service_item_id=version.service_item_id,
        version_id=version.pk,
        code=version.service_item.code,
        name="x",
        name_highlighted='<mark>个体</mark><img src=x onerror="alert(1)">',
        snippet_highlighted="<script>alert(2)</script><mark>执照</mark>",
        department_id=market.pk,
        score=1.0,
    )
    monkeypatch.setattr(
        search_module,
        "search_items",
        lambda **kw: SimpleNamespace(hits=(hit,), total=1, total_capped=False, page=1, page_size=20),
    )
    page = Client().get("/services/search/", {"q": "个体"}).content.decode()
    assert "<mark>个体</mark>" in page and "<mark>执照</mark>" in page
    assert "<img" not in page and "<script>alert(2)" not in page


def test_search_without_results_helps(market):
    catalog_data.item(market)
    response = Client().get("/services/search/", {"q": "qwertyuiop"})
    assert response.status_code == 200
    text = _text(response)
    assert "没有找到与“qwertyuiop”相关的事项" in text
    assert "检查是否有错别字" in text and "12345" in text
    assert 'href="/services/search/?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7"' in response.content.decode()


def test_browse_without_query_lists_by_object_and_paginates(market, housing):
    for n in range(23):
        catalog_data.item(market, name=f"个人事项{n:02d}", service_object="person")
    catalog_data.item(housing, name="企业专属事项", service_object="enterprise")
    first = Client().get("/services/search/", {"object": "person"})
    text = _text(first)
    assert "共找到 23 个事项" in text and "企业专属事项" not in text
    assert 'href="?object=person&amp;page=2"' in first.content.decode()
    second = _text(Client().get("/services/search/", {"object": "person", "page": 2}))
    assert "个人事项22" in second and "个人事项00" not in second
    enterprise = _text(Client().get("/services/search/", {"object": "enterprise"}))
    assert "企业专属事项" in enterprise and "个人事项00" not in enterprise


def test_search_form_is_get_and_labelled():
    page = Client().get("/services/search/").content.decode()
    form = re.search(r'<form class="catalog-filters[^>]*>', page).group()
    assert 'method="get"' in form
    for field in ("id_q", "id_department", "id_object", "id_theme"):
        assert f'<label class="form-label" for="{field}">' in page


# --- elderly mode and accessibility ---------------------------------------------------------------


def test_elderly_mode_cookie_toggles_the_class_on_every_page(market):
    version = catalog_data.item(market)
    client = Client()
    guide = f"/services/item/{version.service_item.code}/"
    assert 'class="elderly-mode"' not in client.get(guide).content.decode()
    response = client.post("/elderly-mode/", {"enable": "1", "next": guide})
    assert response.status_code == 302 and response["Location"] == guide
    cookie = response.cookies["govhall_elderly"]
    assert cookie.value == "1" and cookie["httponly"] and cookie["samesite"] == "Lax"
    for path in ("/", "/services/", guide, "/login/", "/workbench/login/"):
        page = client.get(path).content.decode()
        assert re.search(r'<body class="[^"]*elderly-mode', page), path
        assert '<html lang="zh-hans" class="elderly-mode">' in page
        assert "退出长者模式" in page
    client.post("/elderly-mode/", {"enable": "0", "next": guide})
    page = client.get(guide).content.decode()
    assert 'class="elderly-mode"' not in page and not re.search(r'<body class="[^"]*elderly-mode', page)


def test_elderly_mode_refuses_get_and_foreign_redirects():
    assert Client().get("/elderly-mode/").status_code == 405
    response = Client().post("/elderly-mode/", {"enable": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_pages_have_language_skip_link_and_landmarks(market):
    version = catalog_data.item(market)
    for path in ("/services/", "/services/search/?q=执照", f"/services/item/{version.service_item.code}/"):
        page = Client().get(path).content.decode()
        assert '<html lang="zh-hans">' in page
        assert 'href="#main">跳到主要内容</a>' in page
        assert '<main id="main"' in page
        assert "<h1" in page
        assert "<img" not in page or re.search(r"<img[^>]*alt=", page)
