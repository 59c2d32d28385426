"""Public licence verification in a browser: the QR link of a demo licence shows it valid, the
demo's revoked licence shows 已吊销, a tampered QR link is refused, and a typed identifier with a
wrong check character is not found. Two staff members of the market bureau revoke a licence in the
workbench (the requester cannot confirm their own request) and the public page shows 已吊销 at
once. Screenshots in ``var/e2e/``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, Page, expect

from e2e.conftest import Server
from e2e.test_workbench_login import staff_password_step, submit_totp

_QUERY = (
    "import json; from govhall.licenses.models import License; "
    "rows = License.objects.exclude(qr_payload='').order_by('pk'); "
    "valid = rows.filter(status='valid', valid_until__isnull=True).first() or rows.filter(status='valid').first(); "
    "revoked = rows.filter(status='revoked').first(); "
    "print(json.dumps({'valid': [valid.identifier, valid.qr_payload], 'revoked': revoked.identifier}))"
)


def _demo_licences(server: Server) -> dict[str, object]:
    out = server.govhall("shell", "-c", _QUERY)
    return json.loads(out.strip().splitlines()[-1])


def test_verification_page_by_qr_link_and_identifier(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    demo = _demo_licences(server)
    identifier, payload = demo["valid"]

    page.goto(f"/licenses/verify/?p={quote(payload, safe='~')}")
    result = page.locator("[data-license-status]")
    expect(result).to_have_attribute("data-license-status", "valid")
    expect(page.get_by_text("二维码签名（SM2）核验通过。")).to_be_visible()
    expect(page.get_by_text(identifier)).to_be_visible()
    snapshot("valid-by-qr")

    body, signature = payload.rsplit("~", 1)
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    page.goto(f"/licenses/verify/?p={quote(body + '~' + flipped, safe='~')}")
    expect(page.locator("[data-license-status]")).to_have_attribute("data-license-status", "not-found")
    expect(page.get_by_text("二维码无效或已被篡改")).to_be_visible()

    page.goto("/licenses/verify/")
    page.get_by_label("证照标识").fill(str(demo["revoked"]))
    page.get_by_role("button", name="核验").click()
    expect(page.locator("[data-license-status]")).to_have_attribute("data-license-status", "revoked")
    expect(page.get_by_text("该证照已被发证机关吊销")).to_be_visible()
    snapshot("revoked")

    wrong = identifier[:-1] + ("0" if identifier[-1] != "0" else "1")
    page.get_by_label("证照标识").fill(wrong)
    page.get_by_role("button", name="核验").click()
    expect(page.locator("[data-license-status]")).to_have_attribute("data-license-status", "not-found")


def _staff_sign_in(page: Page, server: Server, username: str) -> None:
    """Sign in; wait for the next 30 s TOTP step if another test used this account's current one."""
    import time

    staff_password_step(page, username)
    submit_totp(page, server.totp_code(username))
    signed_in = page.get_by_test_id("staff-name")
    signed_in.or_(page.get_by_text("动态口令错误或已使用")).first.wait_for()
    if signed_in.count():
        return
    time.sleep(31 - time.time() % 30)
    staff_password_step(page, username)
    submit_totp(page, server.totp_code(username))
    expect(signed_in).to_be_visible()


_MARKET_LICENCE = (
    "from govhall.licenses.models import License; "
    "row = License.objects.filter(status='valid', issuer__name='漳州市市场监督管理局', "
    "revocations__isnull=True).order_by('pk').first(); print(row.pk, row.identifier)"
)


def test_two_staff_members_revoke_a_licence_and_the_public_page_follows(
    page: Page, browser: Browser, server: Server, snapshot: Callable[[str], Path]
) -> None:
    license_id, identifier = server.govhall("shell", "-c", _MARKET_LICENCE).strip().splitlines()[-1].split()

    _staff_sign_in(page, server, "decider")
    page.get_by_test_id("nav-licenses").click()
    page.goto(f"/workbench/licenses/{license_id}/")
    form = page.get_by_test_id("form-revoke")
    form.get_by_label("理由").fill("经查实以欺骗手段取得许可（浏览器测试）")
    form.get_by_role("button", name="提交吊销申请").click()
    expect(page.get_by_test_id("flash")).to_contain_text("须由本部门另一名工作人员复核确认")
    page.get_by_test_id("confirm-revocation").click()
    expect(page.get_by_test_id("flash")).to_contain_text("另一名工作人员")
    expect(page.get_by_test_id("license-status")).to_have_text("有效")
    snapshot("-requested")

    other = browser.new_context(base_url=server.base_url, locale="zh-CN", timezone_id="Asia/Shanghai")
    try:
        admin = other.new_page()
        admin.set_default_timeout(10_000)
        _staff_sign_in(admin, server, "dept_admin")
        admin.goto(f"/workbench/licenses/{license_id}/")
        expect(admin.get_by_test_id("pending-revocation")).to_contain_text("黄审批")
        admin.get_by_test_id("confirm-revocation").click()
        expect(admin.get_by_test_id("flash")).to_contain_text("已确认吊销")
        expect(admin.get_by_test_id("license-status")).to_have_text("已吊销")
    finally:
        other.close()

    public = browser.new_context(base_url=server.base_url, locale="zh-CN")
    try:
        visitor = public.new_page()
        visitor.goto(f"/licenses/verify/?identifier={quote(identifier)}")
        expect(visitor.locator("[data-license-status]")).to_have_attribute("data-license-status", "revoked")
    finally:
        public.close()
