"""Citizen sign-in on the portal (身份证号码 or 手机号码 + password)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from govhall.demo.management.commands.demo import citizen_id_number
from govhall.demo.region import CITIZENS, DEMO_PASSWORD

CITIZEN = {citizen.name: citizen for citizen in CITIZENS}


def citizen_sign_in(page: Page, identifier: str, password: str) -> None:
    page.goto("/login/")
    expect(page.get_by_role("heading", name="个人/法人用户登录")).to_be_visible()
    page.get_by_label("身份证号码或手机号码").fill(identifier)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()


def test_citizen_login_by_id_number_shows_masked_id(page: Page) -> None:
    citizen = CITIZEN["张三"]
    id_number = citizen_id_number(citizen)

    citizen_sign_in(page, id_number, DEMO_PASSWORD)

    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_test_id("profile")).to_contain_text(citizen.name)
    shown = page.get_by_test_id("id-number")
    expect(shown).to_have_text(id_number[:4] + "*" * 10 + id_number[-4:])
    assert re.fullmatch(r"3506\*{10}[0-9X]{4}", shown.inner_text().strip())
    html = page.content()
    assert id_number not in html
    assert citizen.phone not in html


def test_citizen_login_by_phone_number(page: Page) -> None:
    citizen = CITIZEN["李四"]

    citizen_sign_in(page, citizen.phone, DEMO_PASSWORD)

    expect(page).to_have_url(re.compile(r"/me/$"))
    profile = page.get_by_test_id("profile")
    expect(profile).to_contain_text(citizen.name)
    expect(profile).to_contain_text(citizen.phone[:3] + "****" + citizen.phone[-4:])
    html = page.content()
    assert citizen.phone not in html
    assert citizen_id_number(citizen) not in html


def test_citizen_wrong_password_stays_on_login_page(page: Page, snapshot: Callable[[str], Path]) -> None:
    citizen = CITIZEN["王芳"]

    citizen_sign_in(page, citizen_id_number(citizen), DEMO_PASSWORD + "-wrong")

    expect(page.get_by_role("alert")).to_contain_text("账号或密码错误")
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.get_by_label("密码", exact=True)).to_have_value("")
    snapshot("-error")
    # Not signed in: the account page still sends the visitor to the login page.
    page.goto("/me/")
    expect(page).to_have_url(re.compile(r"/login/\?next=%2Fme%2F$"))


def test_citizen_session_cannot_open_workbench(page: Page) -> None:
    citizen = CITIZEN["陈建国"]
    citizen_sign_in(page, citizen_id_number(citizen), DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/me/$"))

    page.goto("/workbench/")

    expect(page).to_have_url(re.compile(r"/workbench/login/\?next=%2Fworkbench%2F$"))
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    expect(page.get_by_test_id("staff-name")).to_have_count(0)
    expect(page.get_by_test_id("roles")).to_have_count(0)
