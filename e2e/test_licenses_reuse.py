"""Electronic licences in use, in a browser: 张三 represents 漳州市芗城区闽南小吃店, which holds a
signed 营业执照 from the demo. Applying for 食品经营许可证 on its behalf, the 营业执照 row shows the
licence already satisfying it and offers no upload; 我的证照 lists the licences, shows the QR code
and downloads the signed PDF. Screenshots in ``var/e2e/``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, expect

from e2e.conftest import Server
from e2e.test_portal_login import CITIZEN, citizen_sign_in
from govhall.demo.management.commands.demo import citizen_id_number
from govhall.demo.region import DEMO_PASSWORD

ITEM = "食品经营许可证核发（新办）"
ENTERPRISE = "漳州市芗城区闽南小吃店"


def _sign_in(page: Page) -> None:
    citizen_sign_in(page, citizen_id_number(CITIZEN["张三"]), DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/me/$"))


def test_an_enterprise_applies_without_uploading_its_business_licence(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    _sign_in(page)
    page.goto(f"/services/search/?q={quote('食品经营许可证核发')}")
    page.get_by_test_id("item-link").filter(has_text=ITEM).first.click()
    code = page.get_by_test_id("apply").get_attribute("href").strip("/").rsplit("/", 1)[1]
    page.goto(f"/apply/{code}/?new=1")
    page.get_by_role("radio", name=re.compile(ENTERPRISE)).check()
    page.get_by_test_id("start-apply").click()
    expect(page).to_have_url(re.compile(r"/apply/draft/\d+/$"))

    licence_row = page.get_by_test_id("material-row").filter(
        has=page.get_by_test_id("material-name").get_by_text("营业执照", exact=True)
    )
    expect(licence_row.get_by_test_id("license-reuse")).to_be_visible()
    expect(licence_row.get_by_test_id("license-reuse")).to_contain_text("可信等级A")
    expect(licence_row.get_by_test_id("reuse-badge")).to_be_visible()
    expect(licence_row.get_by_test_id("file-input")).to_have_count(0)
    # another material of the same item still asks for its upload
    expect(page.get_by_test_id("file-input").first).to_be_visible()
    licence_row.scroll_into_view_if_needed()
    snapshot("-form")


def test_the_wallet_shows_the_qr_code_and_downloads_the_signed_pdf(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    _sign_in(page)
    page.get_by_test_id("wallet-link").click()
    expect(page).to_have_url(re.compile(r"/me/licenses/$"))
    cards = page.get_by_test_id("wallet-license")
    expect(cards.first).to_be_visible()
    expect(cards.filter(has_text="营业执照")).to_have_count(1)
    expect(cards.filter(has_text="不动产权证书")).to_have_count(1)
    expect(page.get_by_test_id("expiring-soon")).to_have_count(1)  # 食品经营许可证, 20 days left
    snapshot("-wallet")

    cards.filter(has_text="营业执照").get_by_test_id("wallet-license-link").click()
    qr = page.get_by_test_id("qr").locator("img")
    expect(qr).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth > 0", qr.element_handle())
    snapshot("-licence")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-pdf").click()
    path = download_info.value.path()
    assert path is not None and Path(path).read_bytes().startswith(b"%PDF")
