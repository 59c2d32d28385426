"""The case journeys of issue 4 in a browser, on the demo installation:

- 一件事 with parallel review: 王芳 applies for 开办餐饮店“一件事” with one combined form and every
  item's materials; the window clerk accepts the bundle; 林审核 (芗城区市场监管局) and 吴审核 (住建局)
  each find it in 我的待办 and review their part in parallel; 黄审批 grants; 王芳 sees the decision.
- A denial: 黄审批 denies with reasons and legal basis; the applicant reads them and their rights.
- A withdrawal: the applicant withdraws a case in review; staff see it withdrawn and can no longer act.

Staff sign in with password + TOTP (``govhall totp-code``). Screenshots go to ``var/e2e/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.conftest import Server
from e2e.test_apply import small_pdf
from e2e.test_portal_login import CITIZEN, citizen_sign_in
from e2e.test_workbench_cases import _APPLY, _REVIEW, _shell, _sign_in
from govhall.demo.management.commands.demo import citizen_id_number
from govhall.demo.region import DEMO_PASSWORD

BUNDLE = "350600-YJS-003"  # 开办餐饮店“一件事”: 芗城区市场监管局 ×2 items + 住房和城乡建设局
BUNDLE_NAME = "开办餐饮店“一件事”"


def _sign_in_citizen(page: Page, name: str) -> None:
    citizen_sign_in(page, citizen_id_number(CITIZEN[name]), DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/me/$"))


def _sign_out_staff(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/workbench/login/"))


def _fill_every_field(page: Page) -> None:
    """Plausible answers for every input of the combined form (selects: the first choice)."""
    form = page.locator("#application-form")
    for select in form.locator("select[name^='f_']").all():
        select.select_option(index=1)
    for field in form.locator("input[name^='f_'], textarea[name^='f_']").all():
        kind = field.get_attribute("type") or "textarea"
        if kind == "number":
            field.fill("30")
        elif kind == "date":
            field.fill("2026-12-01")
        elif kind in ("text", "textarea"):
            field.fill("漳州市芗城区延安北路1号" if "地址" in (field.get_attribute("id") or "") else "闽南小吃")


def _open_case(page: Page, case_id: str, number: str, tab: str = "") -> None:
    page.goto(f"/workbench/cases/{'?tab=' + tab if tab else ''}")
    page.locator(f"tr[data-case='{case_id}']").get_by_role("link", name=number).click()
    expect(page.get_by_test_id("case-number")).to_have_text(number)


def _review_in_browser(page: Page, opinion: str) -> None:
    page.get_by_test_id("action-review").click()
    form = page.get_by_test_id("form-review")
    form.get_by_label("建议准予").check()
    form.get_by_label("审查意见").fill(opinion)
    form.get_by_test_id("confirm-review").click()
    expect(page.get_by_text("审查意见已提交，办件进入下一环节。")).to_be_visible()


def test_bundle_applied_with_one_form_reviewed_in_parallel_and_granted(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    # 王芳 applies: the bundle page → 在线申请 → one form for three items
    _sign_in_citizen(page, "王芳")
    page.goto(f"/services/bundle/{BUNDLE}/")
    page.get_by_test_id("apply").click()
    expect(page.get_by_test_id("apply-title")).to_contain_text(BUNDLE_NAME)
    page.get_by_test_id("start-apply").click()
    expect(page).to_have_url(re.compile(r"/apply/bundle/draft/\d+/$"))
    expect(page.get_by_test_id("bundle-item")).to_have_count(3)
    _fill_every_field(page)
    page.get_by_test_id("save-draft").click()
    expect(page.get_by_role("status").filter(has_text="草稿已保存")).to_be_visible()

    required = page.locator("[data-testid=material-row][data-required=true]").filter(
        has=page.get_by_test_id("file-input")
    )
    requirement_ids = required.evaluate_all("rows => rows.map(row => row.dataset.requirement)")
    assert len(requirement_ids) >= 8, requirement_ids  # every item's materials on one page
    for requirement_id in requirement_ids:
        row = page.locator(f"#material-{requirement_id}")
        row.get_by_test_id("file-input").set_input_files(
            {"name": "材料.pdf", "mimeType": "application/pdf", "buffer": small_pdf(requirement_id)}
        )
        row.get_by_test_id("upload").click()
        expect(page.locator(f"#material-{requirement_id}").get_by_test_id("uploaded-file")).to_have_count(1)
    snapshot("-1-draft")
    page.get_by_test_id("submit").click()
    expect(page).to_have_url(re.compile(r"/apply/submitted/\d+/$"))
    number = page.get_by_test_id("case-number").inner_text().strip()
    case_id = page.url.rstrip("/").rsplit("/", 1)[1]
    page.goto(f"/me/cases/{case_id}/")
    expect(page.get_by_test_id("bundle-item")).to_have_count(3)
    page.get_by_role("button", name="退出").click()

    # The lead department's window clerk accepts the bundle
    _sign_in(page, server, "clerk")
    _open_case(page, case_id, number, tab="submitted")
    expect(page.get_by_test_id("bundle-child")).to_have_count(3)
    page.get_by_test_id("action-accept").click()
    page.get_by_test_id("form-accept").get_by_label("受理意见").fill("材料齐全，一并受理")
    page.get_by_test_id("confirm-accept").click()
    expect(page.get_by_test_id("case-status")).to_have_text("审查中")
    expect(page.get_by_test_id("work-items")).to_contain_text("住房和城乡建设局")
    snapshot("-2-accepted")
    _sign_out_staff(page)

    # Each department reviews its part, from its own 我的待办
    reviews = (("reviewer", "个体工商户登记与食品经营条件符合要求"), ("housing_reviewer", "排水设施符合要求"))
    for username, opinion in reviews:
        _sign_in(page, server, username)
        page.get_by_test_id("nav-cases").click()
        expect(page.get_by_test_id("tab-todo")).to_have_attribute("aria-current", "page")
        _open_case(page, case_id, number)
        _review_in_browser(page, opinion)
        expect(page.get_by_test_id("action-review")).to_have_count(0)
        snapshot(f"-3-reviewed-{username}")
        _sign_out_staff(page)

    # The decider grants the bundle; its items follow
    _sign_in(page, server, "decider")
    page.get_by_test_id("nav-cases").click()
    _open_case(page, case_id, number)
    expect(page.get_by_test_id("current-task-name")).to_have_text("决定")
    page.get_by_test_id("action-decide").click()
    decide = page.get_by_test_id("form-decide")
    decide.get_by_label("准予许可").check()
    decide.get_by_label("决定理由").fill("各部门并联审查通过，符合法定条件")
    decide.get_by_test_id("confirm-decide").click()
    expect(page.get_by_text("决定已作出。")).to_be_visible()
    children = page.get_by_test_id("bundle-child")
    for index in range(3):
        expect(children.nth(index)).to_contain_text("已决定")
    snapshot("-4-granted")
    _sign_out_staff(page)

    # 王芳 sees the decision
    _sign_in_citizen(page, "王芳")
    page.goto(f"/me/cases/{case_id}/")
    expect(page.get_by_test_id("decision")).to_contain_text("准予许可")
    expect(page.get_by_test_id("timeline")).to_contain_text("作出决定")
    snapshot("-5-citizen-sees-decision")


def test_decider_denies_with_reasons_and_the_applicant_reads_their_rights(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    id_number = citizen_id_number(CITIZEN["李四"])
    case = json.loads(_shell(server, _APPLY, ITEM="企业设立登记（营业执照）", ID=id_number))
    _shell(server, _ACCEPT, CASE_ID=case["id"])
    assert _shell(server, _REVIEW, CASE_ID=case["id"]) == "审核"

    _sign_in(page, server, "decider")
    _open_case(page, str(case["id"]), case["number"])
    page.get_by_test_id("action-decide").click()
    decide = page.get_by_test_id("form-decide")
    decide.get_by_label("不予许可").check()
    decide.get_by_label("决定理由").fill("拟登记住所为违法建筑，不能作为企业住所。")
    decide.get_by_label("法律依据").fill("《中华人民共和国市场主体登记管理条例》第十一条")
    decide.get_by_test_id("confirm-decide").click()
    expect(page.get_by_text("决定已作出。")).to_be_visible()
    expect(page.get_by_test_id("decision")).to_contain_text("不予许可")
    snapshot("-1-denied")
    _sign_out_staff(page)

    _sign_in_citizen(page, "李四")
    page.goto(f"/me/cases/{case['id']}/")
    decision = page.get_by_test_id("decision")
    expect(decision).to_contain_text("不予许可")
    expect(decision).to_contain_text("违法建筑")
    expect(decision).to_contain_text("第十一条")
    expect(decision.get_by_test_id("rights-notice")).to_contain_text("行政复议")
    expect(page.get_by_test_id("withdraw")).to_have_count(0)  # decided: nothing to withdraw
    snapshot("-2-applicant-reads-it")


def test_applicant_withdraws_a_case_in_review_and_staff_can_no_longer_act(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    id_number = citizen_id_number(CITIZEN["张三"])
    case = json.loads(_shell(server, _APPLY, ITEM="企业设立登记（营业执照）", ID=id_number))
    _shell(server, _ACCEPT, CASE_ID=case["id"])

    _sign_in_citizen(page, "张三")
    page.goto(f"/me/cases/{case['id']}/")
    withdraw = page.get_by_test_id("withdraw")
    withdraw.locator("summary").click()
    withdraw.get_by_label(re.compile("撤回原因")).fill("经营场所租赁未谈妥，暂不开办")
    withdraw.locator("input[name='confirm']").check()
    withdraw.get_by_test_id("confirm-withdraw").click()
    expect(page.get_by_text("申请已撤回。")).to_be_visible()
    expect(page.get_by_test_id("withdrawn")).to_be_visible()
    snapshot("-1-withdrawn")
    page.get_by_role("button", name="退出").click()

    _sign_in(page, server, "reviewer")
    page.goto(f"/workbench/cases/{case['id']}/")
    expect(page.get_by_test_id("case-status")).to_have_text("已撤回")
    expect(page.get_by_test_id("action-review")).to_have_count(0)
    expect(page.get_by_test_id("timeline")).to_contain_text("申请人撤回申请")
    snapshot("-2-staff-view")


# The window clerk of the market regulator accepts a case (shell: the browser path is covered above).
_ACCEPT = """
from govhall.accounts import facade as accounts
from govhall.cases import facade as cases
from govhall.core.contracts import Actor

user = accounts.user_by_username(username="clerk")
case = cases.case_get_for_staff(user=user, case_id=CASE_ID)
actor = Actor(user_id=user.pk, role="window_clerk", department_id=case.department_id)
print(cases.case_accept(actor=actor, case_id=case.pk).status)
"""
