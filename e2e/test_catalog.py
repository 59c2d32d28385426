"""The catalogue in a browser: a visitor searches, opens a guide and prints it (also on a phone and
in elderly mode); a catalog admin publishes a new version and the public guide shows it.

Runs against the demo catalogue that ``govhall demo`` loads. Screenshots and the printed guide
(PDF) are saved under ``var/e2e/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import SCREENSHOT_DIR, Server
from e2e.test_workbench_login import staff_password_step, submit_totp

# A demo item every city has (src/govhall/demo/catalog_data.py); its guide is long enough to print.
ADMIN_ITEM = "企业设立登记（营业执照）"
MOBILE = {"width": 390, "height": 844}


def _search_from_catalogue_home(page: Page, words: str) -> None:
    page.goto("/services/")
    expect(page.get_by_role("heading", name="办事指南", exact=True)).to_be_visible()
    page.get_by_label("搜索办事事项").fill(words)
    page.get_by_role("button", name="搜索", exact=True).click()


def test_visitor_searches_opens_a_guide_and_prints_it(page: Page, snapshot: Callable[[str], Path]) -> None:
    _search_from_catalogue_home(page, "营业执照")
    expect(page).to_have_url(re.compile(r"/services/search/\?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7$"))
    results = page.get_by_test_id("item-link")
    expect(results.first).to_be_visible()
    expect(page.locator(".item-list mark").first).to_have_text(re.compile("营业执照|执照"))
    snapshot("-results")

    name = results.first.inner_text().strip()
    results.first.click()
    expect(page).to_have_url(re.compile(r"/services/item/[0-9A-Z]+/$"))
    expect(page.get_by_test_id("guide-name")).to_have_text(name)
    materials = page.get_by_test_id("materials")
    expect(materials).to_be_visible()
    assert materials.locator("tbody tr").count() >= 1
    for column in ("材料名称", "必要性", "材料形式", "份数"):
        expect(materials.locator("thead")).to_contain_text(column)
    expect(page.get_by_test_id("promised-limit")).to_contain_text(re.compile(r"\d+ (工作日|自然日)"))
    expect(page.get_by_test_id("online-depth")).to_contain_text("星")
    expect(page.get_by_test_id("version-info")).to_contain_text("版本")
    snapshot("-guide")

    # The print button opens the browser's print dialog (replaced here: headless has none).
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_test_id("print").click()
    assert page.evaluate("window.__printed") == 1

    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.get_by_test_id("print")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_test_id("version-info")).to_contain_text(page.url)
    expect(materials).to_be_visible()
    snapshot("-print")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    pdf_path = SCREENSHOT_DIR / "guide-print.pdf"
    pdf = page.pdf(path=str(pdf_path), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 20_000, len(pdf)  # text with embedded CJK fonts, not an empty page
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 1
    page.emulate_media(media="screen")
    expect(page.locator("nav.navbar")).to_be_visible()


def test_elderly_mode_enlarges_every_page(page: Page, snapshot: Callable[[str], Path]) -> None:
    _search_from_catalogue_home(page, "公积金提取")
    page.get_by_test_id("item-link").first.click()
    guide_url = page.url
    base_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert base_size < 20

    page.get_by_test_id("elderly-toggle").click()
    expect(page).to_have_url(guide_url)
    expect(page.locator("body")).to_have_class(re.compile(r"\belderly-mode\b"))
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 20
    button_height = page.get_by_test_id("print").evaluate("element => element.getBoundingClientRect().height")
    assert button_height >= 48
    expect(page.get_by_test_id("elderly-toggle")).to_have_text("退出长者模式")
    snapshot("-on")

    page.goto("/services/")  # the choice follows the visitor to every page
    expect(page.locator("body")).to_have_class(re.compile(r"\belderly-mode\b"))
    page.get_by_test_id("elderly-toggle").click()
    expect(page.locator("body")).not_to_have_class(re.compile(r"\belderly-mode\b"))


def test_guide_and_search_on_a_phone(browser: Browser, server: Server, request: pytest.FixtureRequest) -> None:
    context = browser.new_context(base_url=server.base_url, locale="zh-CN", viewport=MOBILE, is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        _search_from_catalogue_home(page, "新生儿")
        expect(page.get_by_test_id("item-link").first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], f"search page scrolls sideways: {width}px"
        page.screenshot(path=str(SCREENSHOT_DIR / f"{request.node.name}-search.png"), full_page=True)

        page.get_by_test_id("item-link").first.click()
        expect(page.get_by_test_id("materials")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], f"guide scrolls sideways: {width}px"
        # the materials table turns into one card per material, each cell labelled
        label = page.get_by_test_id("materials").locator("tbody td.cell-wide").first
        assert page.evaluate("el => getComputedStyle(el, '::before').content", label.element_handle()) != "none"
        page.screenshot(path=str(SCREENSHOT_DIR / f"{request.node.name}-guide.png"), full_page=True)
    finally:
        context.close()


def test_catalog_admin_publishes_a_new_version(page: Page, server: Server, snapshot: Callable[[str], Path]) -> None:
    staff_password_step(page, "catalog_admin")
    submit_totp(page, server.totp_code("catalog_admin"))
    expect(page).to_have_url(re.compile(r"/workbench/$"))

    page.get_by_test_id("nav-catalog-admin").click()
    expect(page.get_by_role("heading", name="事项管理")).to_be_visible()
    page.get_by_label("事项名称或编码").fill(ADMIN_ITEM)
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("link", name=ADMIN_ITEM, exact=True).click()
    expect(page).to_have_url(re.compile(r"/workbench/catalog/item/[0-9A-Z]+/$"))
    code = page.url.rstrip("/").rsplit("/", 1)[-1]
    expect(page.get_by_test_id("versions")).to_contain_text("已发布")
    snapshot("-item")

    page.get_by_test_id("new-draft").click()
    expect(page).to_have_url(re.compile(r"/workbench/catalog/version/\d+/edit/$"))
    expect(page.get_by_text("新建第2版草稿")).to_be_visible()
    statutory = int(page.get_by_label("法定办结时限").input_value())
    promised = int(page.get_by_label("承诺办结时限").input_value())
    new_limit = promised - 1 if promised > 1 else min(promised + 1, statutory)
    assert new_limit != promised
    page.get_by_label("承诺办结时限").fill(str(new_limit))
    page.get_by_label("修订说明").fill("压缩承诺办结时限")
    snapshot("-edit")
    page.get_by_test_id("save").click()
    expect(page.get_by_text("草稿已保存。")).to_be_visible()

    page.get_by_test_id("publish").click()
    diff = page.get_by_test_id("diff")
    expect(diff.locator("tbody th")).to_have_text(["承诺办结时限"])  # nothing else changed, not even line breaks
    expect(diff).to_contain_text(str(new_limit))
    snapshot("-confirm")
    page.get_by_test_id("confirm-publish").click()
    expect(page.get_by_text("第2版已发布。")).to_be_visible()
    expect(page.locator('tr[data-version="2"]')).to_contain_text("已发布")
    expect(page.locator('tr[data-version="1"]')).to_contain_text("已停用")
    snapshot("-published")

    page.goto(f"/services/item/{code}/")
    expect(page.get_by_test_id("promised-limit")).to_have_text(re.compile(rf"^\s*{new_limit} (工作日|自然日)"))
    expect(page.get_by_test_id("version-info")).to_contain_text("版本 2")
