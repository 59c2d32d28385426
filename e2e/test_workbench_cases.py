"""Cases in the staff workbench, in a browser: a citizen's application reaches the market
regulator's worklist; the window clerk sends a one-time supplement notice, the citizen answers, the
clerk accepts; the decider grants. Also on a phone (390 px), and a case filed at the window for a
walk-in applicant (一窗受理).

The citizen's side runs through ``govhall shell`` against the server's own installation (the portal's
apply pages are built separately); everything staff do goes through the browser. Screenshots are
saved under ``var/e2e/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.conftest import Server
from e2e.test_workbench_login import staff_password_step, submit_totp
from govhall.core.identifiers import id_number_check_char
from govhall.demo.region import CITIZENS

ITEM = "企业设立登记（营业执照）"  # a market-regulator item of the demo catalogue
CITIZEN = "张三"
MOBILE = {"width": 390, "height": 844}

# Python run by ``govhall shell -c``: the demo citizen applies for ITEM with a PDF for every
# required material and submits; prints {"id", "number"} as the last line.
_APPLY = """
import io, json
from govhall.accounts import facade as accounts
from govhall.cases import facade as cases
from govhall.catalog import facade as catalog

PDF = b"%PDF-1.7\\n1 0 obj\\n<<>>\\nendobj\\ntrailer\\n<<>>\\n%%EOF\\n"
version = next(v for v in catalog.published_items() if v.name == ITEM)
user = next(p.user for p in [accounts.person_by_id_number(id_number=ID)] if p)
form = {}
for key, prop in version.form_schema.get("properties", {}).items():
    if prop.get("enum"):
        form[key] = prop["enum"][0]
    elif prop.get("type") in ("number", "integer"):
        form[key] = 100
    else:
        title = prop.get("title", key)
        form[key] = "漳州市芗城区延安北路1号" if "住所" in title else "测试" + title[:10]
case = cases.case_draft_save(user=user, item_code=version.service_item.code, form_data=form)
for requirement in version.materials.all():
    if requirement.necessity == "required" and "pdf" in requirement.file_types:
        cases.case_material_upload(
            user=user, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="材料.pdf"
        )
case = cases.case_submit(user=user, case_id=case.pk)
print(json.dumps({"id": case.pk, "number": case.number}))
"""

# The citizen answers the supplement notice: uploads the listed material again and resubmits.
_RESUBMIT = """
import io
from govhall.accounts import facade as accounts
from govhall.cases import facade as cases

PDF = b"%PDF-1.7\\n1 0 obj\\n<<>>\\nendobj\\ntrailer\\n<<>>\\n%%EOF\\n"
user = accounts.person_by_id_number(id_number=ID).user
case = cases.case_get_for_applicant(user=user, case_id=CASE_ID)
requirement = next(m for m in case.item_version.materials.all() if m.necessity == "required" and "pdf" in m.file_types)
cases.case_material_upload(
    user=user, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="补正材料.pdf"
)
print(cases.case_resubmit(user=user, case_id=case.pk).status)
"""

# The demo reviewer finishes the review step (审核) of the case's process. (Their browser sign-in is
# exercised by test_workbench_login, and a TOTP code works once per 30 s step.)
_REVIEW = """
from govhall.accounts import facade as accounts
from govhall.cases import facade as cases
from govhall.core.contracts import Actor

user = accounts.user_by_username(username="reviewer")
case = cases.case_get_for_staff(user=user, case_id=CASE_ID)
item = next(i for i in cases.open_items(case) if i.role == "reviewer")
actor = Actor(user_id=user.pk, role="reviewer", department_id=item.department_id)
cases.case_review(actor=actor, case_id=case.pk, work_item_id=item.pk, opinion="住所核查无误", recommendation="approve")
print(item.title)
"""


def _citizen_id() -> str:
    citizen = next(c for c in CITIZENS if c.name == CITIZEN)
    first17 = citizen.region + citizen.birth + citizen.sequence
    return first17 + id_number_check_char(first17)


def _shell(server: Server, code: str, **names: object) -> str:
    prelude = "".join(f"{name} = {value!r}\n" for name, value in names.items())
    return server.govhall("shell", "-c", prelude + code).strip().splitlines()[-1]


def _sign_in(page: Page, server: Server, username: str) -> None:
    staff_password_step(page, username)
    expect(page).to_have_url(re.compile(r"/workbench/login/totp/$"))
    submit_totp(page, server.totp_code(username))
    expect(page).to_have_url(re.compile(r"/workbench/$"))


def test_clerk_sends_a_supplement_notice_accepts_and_the_decider_grants(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    id_number = _citizen_id()
    case = json.loads(_shell(server, _APPLY, ITEM=ITEM, ID=id_number))
    number = case["number"]

    # The window clerk finds the new application in 待受理.
    _sign_in(page, server, "clerk")
    page.get_by_test_id("nav-cases").click()
    expect(page.get_by_test_id("tab-submitted")).to_have_attribute("aria-current", "page")
    row = page.locator(f"tr[data-case='{case['id']}']")
    expect(row).to_contain_text(CITIZEN)
    expect(row).to_contain_text("待受理")
    snapshot("-1-worklist")
    row.get_by_role("link", name=number).click()
    expect(page.get_by_test_id("case-number")).to_have_text(number)
    applicant = page.get_by_test_id("applicant")
    expect(applicant).to_contain_text(CITIZEN)
    expect(applicant).to_contain_text(id_number[:4] + "**********" + id_number[-4:])
    assert id_number not in page.content()
    expect(page.get_by_test_id("current-task-name")).to_have_text("受理")
    expect(page.get_by_test_id("action-decide")).to_have_count(0)  # a clerk does not decide

    # 一次性告知: tick two materials with their notes, add a free-text item, send once.
    page.get_by_test_id("action-supplement").click()
    form = page.get_by_test_id("form-supplement")
    boxes = form.locator("input[name='requirements']")
    for index in range(boxes.count()):
        boxes.nth(index).uncheck()
    boxes.nth(0).check()
    form.locator("input[name^='note_']").nth(0).fill("请加盖公章后重新上传")
    boxes.nth(1).check()
    form.get_by_label("其他需要补正的内容").fill("申请表“住所”与租赁合同地址不一致")
    form.get_by_label("告知说明").fill("请一次性补齐以上材料")
    snapshot("-2-supplement-form")
    form.get_by_test_id("confirm-supplement").click()
    expect(page.get_by_text("补正通知已发出，所有需补正的内容已一次性告知申请人。")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("待补正")
    notice = page.get_by_test_id("supplement-request")
    expect(notice.locator("li")).to_have_count(3)
    expect(notice).to_contain_text("请加盖公章后重新上传")
    expect(page.get_by_test_id("actions")).to_have_count(0)
    snapshot("-3-supplement-sent")

    # The applicant answers; the case is back in 待受理 and the clerk accepts.
    assert _shell(server, _RESUBMIT, ID=id_number, CASE_ID=case["id"]) == "submitted"
    page.goto("/workbench/cases/?tab=submitted")
    # Found by its number, which stays out of the address bar (a search token stands for it).
    search = page.get_by_test_id("worklist-search")
    search.get_by_label("办件编号或申请人").fill(number)
    search.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(r"[?&]search=[\w-]+"))
    assert number not in page.url
    expect(page.get_by_test_id("case-list").locator("tbody tr")).to_have_count(1)
    page.locator(f"tr[data-case='{case['id']}']").get_by_role("link", name=number).click()
    page.get_by_test_id("action-accept").click()
    page.get_by_test_id("form-accept").get_by_label("受理意见").fill("材料齐全，符合法定形式")
    page.get_by_test_id("confirm-accept").click()
    expect(page.get_by_text("已受理，办结期限自受理之日起计算。")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("审查中")
    expect(page.get_by_test_id("statutory-due")).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    expect(page.get_by_test_id("timeline")).to_contain_text("提交补正材料")
    expect(page.get_by_test_id("current-task-name")).to_have_text("审核")  # the review process's first step
    expect(page.get_by_test_id("work-items")).to_contain_text("审核人员")

    # On a phone.
    page.set_viewport_size(MOBILE)
    snapshot("-4-case-mobile")
    page.goto("/workbench/cases/?tab=review")
    expect(page.locator(f"tr[data-case='{case['id']}']")).to_be_visible()
    snapshot("-5-worklist-mobile")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="退出").click()

    # The reviewer gives their opinion; then the decider grants, and a second decision is impossible.
    assert _shell(server, _REVIEW, CASE_ID=case["id"]) == "审核"
    _sign_in(page, server, "decider")
    expect(page.get_by_test_id("nav-intake")).to_have_count(0)
    page.get_by_test_id("nav-cases").click()
    expect(page.get_by_test_id("tab-todo")).to_have_attribute("aria-current", "page")  # 我的待办: the decision step
    page.locator(f"tr[data-case='{case['id']}']").get_by_role("link", name=number).click()
    expect(page.get_by_test_id("action-accept")).to_have_count(0)
    expect(page.get_by_test_id("current-task-name")).to_have_text("决定")
    expect(page.get_by_test_id("timeline")).to_contain_text("住所核查无误")
    page.get_by_test_id("action-decide").click()
    decide = page.get_by_test_id("form-decide")
    decide.get_by_label("不予许可").check()
    decide.get_by_label("决定理由").fill("住所不符合要求")
    decide.get_by_test_id("confirm-decide").click()
    expect(page.get_by_text("不予许可须写明法律依据。")).to_be_visible()  # nothing decided yet
    expect(page.get_by_test_id("case-status")).to_have_text("审查中")
    snapshot("-6-denial-needs-basis")
    decide = page.get_by_test_id("form-decide")
    decide.get_by_label("准予许可").check()
    decide.get_by_label("决定理由").fill("申请材料齐全，符合法定条件、标准")
    decide.get_by_test_id("confirm-decide").click()
    expect(page.get_by_text("决定已作出。")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("已决定")
    expect(page.get_by_test_id("decision")).to_contain_text("准予许可")
    expect(page.get_by_test_id("action-decide")).to_have_count(0)
    expect(page.get_by_test_id("documents")).to_contain_text("打印决定书")
    snapshot("-7-granted")


def test_clerk_files_a_case_at_the_window(page: Page, server: Server, snapshot: Callable[[str], Path]) -> None:
    # The other test may have used the clerk's current TOTP step (a code works once).
    _sign_in_when_possible(page, server, "clerk")
    page.get_by_test_id("nav-intake").click()
    page.get_by_label("事项名称或编码").fill("设立登记")
    page.get_by_role("button", name="查找事项").click()
    page.get_by_role("link", name=ITEM).click()
    expect(page.get_by_role("heading", name=ITEM)).to_be_visible()
    page.get_by_label("申请人身份证号码").fill(_citizen_id())
    page.get_by_test_id("lookup").click()
    found = page.get_by_test_id("applicant-found")
    expect(found).to_contain_text(CITIZEN)
    assert _citizen_id() not in page.content()
    expect(page.get_by_label("申请人身份证号码")).to_have_value("")
    page.get_by_label("企业名称").fill("漳州市水仙花茶业有限公司")
    page.get_by_label("企业类型").select_option("有限责任公司")
    page.get_by_label("注册资本（万元）").fill("50")
    page.get_by_label("经营范围").fill("茶叶销售")
    page.get_by_role("textbox", name="住所", exact=True).fill("漳州市芗城区胜利西路1号")
    page.get_by_label("法定代表人姓名").fill(CITIZEN)
    submit = page.get_by_test_id("intake-submit")
    submit.click()  # without the originals checked: told which are missing, nothing filed
    expect(page.get_by_text("以下必要材料尚未核验原件")).to_be_visible()
    expect(page.get_by_test_id("applicant-found")).to_contain_text(CITIZEN)  # kept, masked
    assert _citizen_id() not in page.content()
    snapshot("-intake")
    page.set_viewport_size(MOBILE)
    snapshot("-intake-mobile")
    page.set_viewport_size({"width": 1280, "height": 800})
    boxes = page.locator("input[name='checked_requirements']")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    page.get_by_test_id("intake-submit").click()
    expect(page.get_by_text(re.compile(r"已受理，办件编号 \S+。"))).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("审查中")
    expect(page.get_by_test_id("timeline")).to_contain_text("窗口受理")
    expect(page.get_by_test_id("materials")).to_contain_text("窗口核验纸质原件")
    snapshot("-filed")


def _sign_in_when_possible(page: Page, server: Server, username: str) -> None:
    """Sign in, waiting for the next 30 s TOTP step if this account used the current one already."""
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
    expect(page).to_have_url(re.compile(r"/workbench/$"))
