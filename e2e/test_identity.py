"""An enterprise handler (经办人) switches identity and applies as the enterprise.

王芳 is a handler of 漳州市水仙花食品有限公司 in the demo (its legal representative is 李四). She signs
in, sees her own identity in the header, uses "切换身份" to act for the company, and starts an
application for an enterprise item: the only applicant offered is the company, and the draft in
我的办件 names the company as the applicant.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.test_portal_login import CITIZEN, citizen_sign_in
from govhall.demo.management.commands.demo import citizen_id_number
from govhall.demo.region import DEMO_PASSWORD

COMPANY = "漳州市水仙花食品有限公司"
ITEM = "企业变更登记（营业执照变更）"


def test_handler_switches_identity_and_applies_as_the_enterprise(page: Page) -> None:
    citizen_sign_in(page, citizen_id_number(CITIZEN["王芳"]), DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_test_id("acting-identity")).to_have_text("王芳")

    page.get_by_test_id("switch-identity").click()
    expect(page).to_have_url(re.compile(r"/me/identity/"))
    page.get_by_role("radio", name=re.compile(COMPANY)).check()
    page.get_by_test_id("switch-submit").click()
    expect(page.get_by_test_id("acting-identity")).to_have_text(COMPANY)

    page.goto("/services/search/?q=" + "企业变更登记")
    page.get_by_role("link", name=ITEM).first.click()
    expect(page.get_by_test_id("acting-identity")).to_have_text(COMPANY)  # on every page
    page.get_by_role("link", name="在线申请").first.click()
    options = page.locator('input[name="applicant"]')
    expect(options).to_have_count(1)
    expect(page.get_by_text(COMPANY).first).to_be_visible()
    page.get_by_test_id("start-apply").click()
    expect(page).to_have_url(re.compile(r"/apply/draft/\d+/"))

    page.goto("/me/cases/")
    expect(page.get_by_test_id("drafts")).to_contain_text(COMPANY)

    # Back to oneself: the company is no longer offered for enterprise items.
    page.get_by_test_id("switch-identity").click()
    page.get_by_test_id("identity-person").check()
    page.get_by_test_id("switch-submit").click()
    expect(page.get_by_test_id("acting-identity")).to_have_text("王芳")
