"""A citizen applies online: from the service guide to a submitted case in 我的办件.

张三 (demo citizen) opens the guide of an online item of the demo catalogue, clicks 在线申请,
meets the browser-side checks, fills the form, saves a draft (and finds it again from a second
device), uploads a generated PDF for every required material (after one refused fake PDF),
submits and sees the case number; then finds the case in 我的办件. Screenshots of every step,
on a desktop and on a 390 px phone (also in elderly mode), are saved under ``var/e2e/``.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, Page, expect

from e2e.conftest import Server
from e2e.test_portal_login import CITIZEN, citizen_sign_in
from govhall.demo.management.commands.demo import citizen_id_number
from govhall.demo.region import DEMO_PASSWORD

# A person item of the demo catalogue (src/govhall/demo/catalog_data.py) whose required materials
# all accept PDF and whose form has text, a choice, a long text and a whole number.
ITEM = "个体工商户设立登记（营业执照办理）"
MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def small_pdf(title: str) -> bytes:
    """A valid one-page PDF (no fonts needed): enough for the server's content check."""
    stream = b"0 0 1 RG 20 20 160 60 re S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title (" + title.encode("ascii", "replace") + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _sign_in_as_zhang_san(page: Page) -> None:
    citizen_sign_in(page, citizen_id_number(CITIZEN["张三"]), DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/me/$"))


def _fill_form(page: Page) -> None:
    page.get_by_label("经营者姓名").fill("张三")
    page.get_by_label("组成形式").select_option("个人经营")
    page.get_by_label("经营范围").fill("小吃制售；预包装食品销售")
    page.get_by_label("经营场所", exact=False).first.fill("漳州市芗城区延安北路1号")
    page.get_by_label("从业人数").fill("2")


def _fits_the_screen(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def _phone_shot(page: Page, snapshot: Callable[[str], Path], suffix: str, *, elderly: bool = False) -> None:
    """A full-page screenshot on a 390 px phone (optionally in elderly mode); nothing may stick out."""
    page.set_viewport_size(MOBILE)
    if elderly:
        page.get_by_test_id("elderly-toggle").click()
        expect(page.locator("html.elderly-mode")).to_have_count(1)
    _fits_the_screen(page)
    snapshot(suffix)
    if elderly:
        page.get_by_test_id("elderly-toggle").click()
        expect(page.locator("html.elderly-mode")).to_have_count(0)
    page.set_viewport_size(DESKTOP)


def test_citizen_applies_online_with_draft_uploads_and_submission(
    page: Page, browser: Browser, server: Server, snapshot: Callable[[str], Path]
) -> None:
    _sign_in_as_zhang_san(page)
    expect(page.get_by_test_id("my-cases-link")).to_be_visible()

    # The guide of an online item, then 在线申请
    page.goto(f"/services/search/?q={quote('个体工商户设立登记')}")
    page.get_by_test_id("item-link").filter(has_text=ITEM).first.click()
    expect(page.get_by_test_id("guide-name")).to_have_text(ITEM)
    code = page.get_by_test_id("apply").get_attribute("href").strip("/").rsplit("/", 1)[1]
    page.get_by_test_id("apply").click()
    page.wait_for_url(re.compile(r"/apply/"))
    if re.search(r"/apply/draft/\d+/$", page.url):  # a draft seeded earlier is resumed; start afresh
        page.goto(f"/apply/{code}/?new=1")
    expect(page).to_have_url(re.compile(r"/apply/[0-9A-Z]+/(\?new=1)?$"))
    expect(page.get_by_test_id("apply-title")).to_contain_text(ITEM)
    expect(page.get_by_role("radio", name=re.compile("张三（本人）"))).to_be_checked()
    snapshot("-start")
    _phone_shot(page, snapshot, "-start-mobile")
    page.get_by_test_id("start-apply").click()
    expect(page).to_have_url(re.compile(r"/apply/draft/\d+/$"))
    draft_url = page.url
    expect(page.get_by_test_id("applicant")).to_contain_text("张三")

    # The browser checks the form first, in Chinese, next to the field
    page.get_by_test_id("submit").click()
    expect(page).to_have_url(draft_url)
    expect(page.locator("#id_f_operator_name-error")).to_have_text("请填写“经营者姓名”。")
    expect(page.get_by_label("经营者姓名")).to_have_attribute("aria-invalid", "true")
    snapshot("-client-validation")

    # Fill in and save a draft
    _fill_form(page)
    expect(page.locator("#id_f_operator_name-error")).to_be_hidden()
    page.get_by_test_id("save-draft").click()
    expect(page.get_by_role("status").filter(has_text="草稿已保存")).to_be_visible()
    expect(page.get_by_label("经营范围")).to_have_value("小吃制售；预包装食品销售")

    # The draft lives on the server: a second device finds it from the guide's link
    other_device = browser.new_context(base_url=server.base_url, locale="zh-CN", viewport=MOBILE)
    try:
        phone = other_device.new_page()
        _sign_in_as_zhang_san(phone)
        phone.goto(f"/apply/{code}/")
        expect(phone).to_have_url(draft_url)
        expect(phone.get_by_label("从业人数")).to_have_value("2")
        expect(phone.get_by_label("组成形式")).to_have_value("个人经营")
    finally:
        other_device.close()

    # Uploads: a fake PDF is refused by its content, next to its row; then one PDF per required row
    # rows satisfied by a licence 张三 holds (免提交) have no file input
    required = page.locator("[data-testid=material-row][data-required=true]").filter(
        has=page.get_by_test_id("file-input")
    )
    requirement_ids = required.evaluate_all("rows => rows.map(row => row.dataset.requirement)")
    assert len(requirement_ids) >= 2, requirement_ids
    first = page.locator(f"#material-{requirement_ids[0]}")
    first.get_by_test_id("file-input").set_input_files(
        {"name": "申请书.pdf", "mimeType": "application/pdf", "buffer": b"this is only text, renamed to .pdf"}
    )
    first.get_by_test_id("upload").click()
    row = page.locator(f"#material-{requirement_ids[0]}")
    expect(row.get_by_test_id("material-error")).to_contain_text("文件内容不是允许的类型")
    expect(row.get_by_test_id("uploaded-file")).to_have_count(0)
    snapshot("-upload-error")

    page.get_by_label("经营者姓名").fill("张三丰")  # unsaved: kept by apply.js across the upload
    for requirement_id in requirement_ids:
        row = page.locator(f"#material-{requirement_id}")
        name = row.get_by_test_id("material-name").inner_text().strip()
        row.get_by_test_id("file-input").set_input_files(
            {"name": f"{name}.pdf", "mimeType": "application/pdf", "buffer": small_pdf(str(requirement_id))}
        )
        row.get_by_test_id("upload").click()
        expect(page.locator(f"#material-{requirement_id}").get_by_test_id("uploaded-file")).to_have_count(1)
    expect(page.get_by_label("经营者姓名")).to_have_value("张三丰")
    expect(page.locator(f"#material-{requirement_ids[0]}").get_by_test_id("material-error")).to_have_count(0)
    snapshot("-draft")
    _phone_shot(page, snapshot, "-draft-mobile")
    _phone_shot(page, snapshot, "-draft-mobile-elderly", elderly=True)

    # The file is downloadable by its owner, as an attachment
    with page.expect_download() as download_info:
        page.locator(f"#material-{requirement_ids[0]}").get_by_test_id("download").click()
    assert download_info.value.suggested_filename.endswith(".pdf")

    # Submit: the case number, the acceptance deadline, what happens next
    page.get_by_test_id("submit").click()
    expect(page).to_have_url(re.compile(r"/apply/submitted/\d+/$"))
    today = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d")
    number = page.get_by_test_id("case-number")
    expect(number).to_have_text(re.compile(rf"^{code}{today}\d{{5}}$"))
    case_number = number.inner_text().strip()
    expect(page.get_by_test_id("acceptance-due")).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    expect(page.get_by_role("heading", name="接下来")).to_be_visible()
    snapshot("-submitted")
    _phone_shot(page, snapshot, "-submitted-mobile")

    # 我的办件 lists it; its page shows status, deadline and timeline
    page.get_by_test_id("nav-my-cases").click()
    expect(page).to_have_url(re.compile(r"/me/cases/$"))
    card = page.get_by_test_id("case-row").filter(has_text=case_number)
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("case-status")).to_have_text("待受理")
    expect(card).to_contain_text(ITEM)
    snapshot("-my-cases")
    _phone_shot(page, snapshot, "-my-cases-mobile")
    card.get_by_test_id("case-link").click()
    expect(page.get_by_test_id("case-number")).to_have_text(case_number)
    expect(page.get_by_test_id("timeline")).to_contain_text("提交申请")
    expect(page.get_by_test_id("form-values")).to_contain_text("张三丰")
    expect(page.get_by_test_id("withdraw")).to_be_visible()
    snapshot("-case")
    _phone_shot(page, snapshot, "-case-mobile")
    _phone_shot(page, snapshot, "-case-mobile-elderly", elderly=True)
