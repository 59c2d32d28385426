"""Staff sign-in on the workbench: password, then TOTP (mandatory).

TOTP codes are accepted once per 30 s step per account, so each test signs in a different demo
account and never reuses one within a run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pyotp
from playwright.sync_api import Page, expect

from e2e.conftest import Server
from govhall.demo.region import DEMO_PASSWORD, STAFF

STAFF_NAME = {staff.username: staff.display_name for staff in STAFF}


def staff_password_step(page: Page, username: str) -> None:
    page.goto("/workbench/login/")
    page.get_by_label("登录名").fill(username)
    page.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="下一步：动态口令").click()


def submit_totp(page: Page, code: str) -> None:
    page.get_by_label("动态口令").fill(code)
    page.get_by_role("button", name="登录", exact=True).click()


def test_staff_login_with_totp(page: Page, server: Server) -> None:
    staff_password_step(page, "reviewer")
    expect(page).to_have_url(re.compile(r"/workbench/login/totp/$"))
    expect(page.get_by_role("heading", name="输入动态口令")).to_be_visible()

    submit_totp(page, server.totp_code("reviewer"))

    expect(page).to_have_url(re.compile(r"/workbench/$"))
    expect(page.get_by_test_id("staff-name")).to_have_text(STAFF_NAME["reviewer"])
    roles = page.get_by_test_id("roles")
    expect(roles).to_contain_text("审核人员")
    expect(roles).to_contain_text("漳州市市场监督管理局")


def test_staff_first_sign_in_binds_totp(page: Page, snapshot: Callable[[str], Path]) -> None:
    staff_password_step(page, "newstaff")
    expect(page).to_have_url(re.compile(r"/workbench/login/totp/setup/$"))
    expect(page.get_by_role("heading", name="绑定动态口令")).to_be_visible()
    expect(page.locator(".totp-qr svg")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    snapshot("-setup")

    submit_totp(page, pyotp.TOTP(secret).now())

    expect(page).to_have_url(re.compile(r"/workbench/$"))
    expect(page.get_by_test_id("staff-name")).to_have_text(STAFF_NAME["newstaff"])
    expect(page.get_by_test_id("roles")).to_contain_text("窗口人员")


def test_staff_wrong_totp_does_not_sign_in(page: Page, server: Server, snapshot: Callable[[str], Path]) -> None:
    staff_password_step(page, "decider")
    expect(page).to_have_url(re.compile(r"/workbench/login/totp/$"))
    # A code that differs from the current one (the previous step's matching too is a 1e-6 chance).
    code = server.totp_code("decider")
    wrong = f"{(int(code) + 500_000) % 1_000_000:06d}"

    submit_totp(page, wrong)

    expect(page.get_by_text("动态口令错误或已使用")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/workbench/login/totp/$"))
    expect(page.get_by_test_id("staff-name")).to_have_count(0)
    snapshot("-error")
    page.goto("/workbench/")
    expect(page).to_have_url(re.compile(r"/workbench/login/\?next=%2Fworkbench%2F$"))
    expect(page.get_by_test_id("staff-name")).to_have_count(0)
