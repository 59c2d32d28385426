"""Cases in the workbench: who may see and do what, the worklists, the case page, every action and
one-window intake."""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo

import pytest
import time_machine
from django.test import Client

from govhall.accounts import services as accounts
from govhall.accounts.constants import Role
from govhall.cases import facade as cases_facade
from govhall.cases import services
from govhall.cases.models import Case, CaseEvent, CaseMaterial, SupplementRequest, Suspension
from govhall.core.contracts import Actor
from govhall.core.models import AuditEvent
from govhall.workbench import worklist_views
from tests import factories
from tests.cases.conftest import FORM_SCHEMA, PDF, PNG
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

BACKEND = "govhall.accounts.backends.GovhallBackend"
LOGIN = "/workbench/login/"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _a_working_monday_in_2026():
    """Deadlines depend on the date: pin it inside the years the holiday calendar covers."""
    moment = dt.datetime(2026, 3, 2, 9, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def market(department):  # noqa: F811 - the catalog fixture: 漳州市市场监督管理局
    return department


@pytest.fixture
def housing(db):
    return factories.department("漳州市住房公积金中心")


@pytest.fixture
def item(make_item):  # noqa: F811
    return make_item(form_schema=FORM_SCHEMA, service_object="both")


@pytest.fixture
def people(market, housing):
    def staff_with(*grants):
        user = factories.staff()
        for role, dept in grants:
            accounts.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=role)
        return user

    applicant, number = factories.citizen(name="王芳")
    applicant.id_number_for_test = number
    return {
        "anonymous": None,
        "citizen": applicant,
        "no_role": staff_with(),
        # Every case role, but in another department: sees nothing of market's cases.
        "other": staff_with((Role.WINDOW_CLERK, housing), (Role.REVIEWER, housing), (Role.DECIDER, housing)),
        "clerk": staff_with((Role.WINDOW_CLERK, market)),
        "reviewer": staff_with((Role.REVIEWER, market)),
        "decider": staff_with((Role.DECIDER, market)),
        "dept_admin": staff_with((Role.DEPARTMENT_ADMIN, market)),
        "supervisor": staff_with((Role.SUPERVISOR, housing)),  # watches every case, acts on none
    }


def client_for(people, who) -> Client:
    client = Client()
    if people[who] is not None:
        client.force_login(people[who], backend=BACKEND)
    return client


def actor(people, who, market) -> Actor:
    role = {"clerk": "window_clerk", "reviewer": "reviewer", "decider": "decider"}[who]
    return Actor(user_id=people[who].pk, role=role, department_id=market.pk)


# --- building cases through the services ---------------------------------------------------------


@pytest.fixture
def make_case(people, item, market, review):
    applicant = people["citizen"]

    def _make(state: str = "submitted", **form) -> Case:
        case = services.case_draft_save(
            user=applicant, item_code=item.service_item.code, form_data=form or {"shop_name": "闽南小吃", "area": 36}
        )
        for requirement in item.materials.all():
            content, name = (PNG, "执照.png") if requirement.name == "营业执照" else (PDF, "申请书.pdf")
            services.case_material_upload(
                user=applicant,
                case_id=case.pk,
                requirement_id=requirement.pk,
                stream=io.BytesIO(content),
                filename=name,
            )
        case = services.case_submit(user=applicant, case_id=case.pk)
        if state == "supplement_requested":
            services.case_request_supplement(
                actor=actor(people, "clerk", market), case_id=case.pk, items=[{"name": "营业执照"}]
            )
        if state in ("in_review", "reviewed", "suspended", "decided", "completed"):
            services.case_accept(actor=actor(people, "clerk", market), case_id=case.pk)
        if state in ("reviewed", "decided", "completed"):
            review(case)
        if state == "suspended":
            services.case_suspend(
                actor=actor(people, "reviewer", market),
                case_id=case.pk,
                reason="inspection",
                expected_end=TODAY + dt.timedelta(days=14),
            )
        if state in ("decided", "completed"):
            services.case_decide(
                actor=actor(people, "decider", market), case_id=case.pk, decision="granted", reason="符合法定条件"
            )
        if state == "completed":
            services.case_complete(actor=actor(people, "decider", market), case_id=case.pk)
        return Case.objects.get(pk=case.pk)

    return _make


def review_item(case):
    """The case's open review step (审核) of the single-department process."""
    return next(i for i in cases_facade.open_items(case) if i.role == "reviewer")


@pytest.fixture
def review(people, market):
    def _review(case):
        services.case_review(
            actor=actor(people, "reviewer", market),
            case_id=case.pk,
            work_item_id=review_item(case).pk,
            opinion="材料齐全，符合条件",
            recommendation="approve",
        )

    return _review


def _state(case):
    """Everything a denied or refused request must leave as it was."""
    row = Case.objects.filter(pk=case.pk).values().get()
    return (
        row,
        CaseEvent.objects.filter(case=case).count(),
        AuditEvent.objects.count(),
        list(SupplementRequest.objects.values_list("pk", "items")),
        list(Suspension.objects.values_list("pk", "ended_on")),
    )


def _text(response) -> str:
    return response.content.decode()


def _visible_actions(page: str) -> set[str]:
    return set(re.findall(r'data-testid="action-(\w+)"', page))


# --- permission matrix ----------------------------------------------------------------------------

EVERYONE = ["anonymous", "citizen", "no_role", "other", "clerk", "reviewer", "decider", "dept_admin", "supervisor"]


def _denied_by_login(response) -> bool:
    return response.status_code == 302 and response["Location"].split("?")[0] == LOGIN


@pytest.mark.parametrize("who", EVERYONE)
def test_worklist_access(people, make_case, who):
    case = make_case()
    response = client_for(people, who).get("/workbench/cases/", {"tab": "submitted"})
    if who in ("anonymous", "citizen"):
        assert _denied_by_login(response)
    elif who in ("no_role", "supervisor"):
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        listed = case.number in _text(response)
        assert listed == (who != "other")  # another department's staff never see it


@pytest.mark.parametrize("who", EVERYONE)
def test_case_page_access(people, make_case, who):
    case = make_case()
    before = _state(case)
    response = client_for(people, who).get(f"/workbench/cases/{case.pk}/")
    if who in ("anonymous", "citizen"):
        assert _denied_by_login(response)
    elif who == "no_role":
        assert response.status_code == 403
    elif who == "other":
        assert response.status_code == 404
        assert "办件不存在，或不属于您所在部门。" in _text(response)
        assert case.number not in _text(response)
    else:
        assert response.status_code == 200
        assert case.number in _text(response)
    assert _state(case) == before


def test_a_missing_case_and_a_draft_look_like_another_departments(people, item):
    draft = services.case_draft_save(user=people["citizen"], item_code=item.service_item.code, form_data={})
    client = client_for(people, "clerk")
    assert client.get("/workbench/cases/999999/").status_code == 404
    assert client.get(f"/workbench/cases/{draft.pk}/").status_code == 404


ACTION_SETUP = {
    # action: (case state before, role that may do it, state after)
    "accept": ("submitted", "clerk", "in_review"),
    "refuse": ("submitted", "clerk", "refused"),
    "supplement": ("submitted", "clerk", "supplement_requested"),
    "suspend": ("in_review", "reviewer", "suspended"),
    "resume": ("suspended", "reviewer", "in_review"),
    "extend": ("in_review", "reviewer", "in_review"),
    "review": ("in_review", "reviewer", "in_review"),
    "decide": ("reviewed", "decider", "decided"),
    "complete": ("decided", "decider", "completed"),
}


def _action_data(action, item, case):
    if action == "review":
        return {"work_item": review_item(case).pk, "recommendation": "approve", "opinion": "符合条件"}
    return {
        "accept": {"note": "材料齐全，予以受理"},
        "refuse": {"reason": "申请事项不属于本机关职权范围", "legal_basis": "《中华人民共和国行政许可法》第三十二条"},
        "supplement": {
            "requirements": [item.materials.get(name="营业执照").pk],
            "other_items": "申请表“经营面积”与租赁合同不一致",
        },
        "suspend": {"reason": "inspection", "expected_end": "2026-03-16", "note": "组织现场核查"},
        "resume": {},
        "extend": {"reason": "需组织专家论证"},
        "decide": {"decision": "granted", "reason": "符合法定条件、标准"},
        "complete": {"note": ""},
    }[action]


@pytest.mark.parametrize("action", list(ACTION_SETUP))
@pytest.mark.parametrize("who", EVERYONE)
def test_action_permission_matrix(people, make_case, item, who, action):
    state, role, after = ACTION_SETUP[action]
    case = make_case(state)
    before = _state(case)
    response = client_for(people, who).post(f"/workbench/cases/{case.pk}/{action}/", _action_data(action, item, case))
    if who == role:
        assert response.status_code == 302, _text(response)[:3000]
        assert response["Location"] == f"/workbench/cases/{case.pk}/"
        case.refresh_from_db()
        assert case.status == after
        return
    if who in ("anonymous", "citizen"):
        assert _denied_by_login(response)
    elif who == "no_role":
        assert response.status_code == 403
    elif who == "other":
        assert response.status_code == 404
    else:  # the right department, without the action's role
        assert response.status_code == 403
        assert "须由本部门的" in _text(response)
    assert _state(case) == before


@pytest.mark.parametrize("action", list(ACTION_SETUP))
def test_actions_are_post_only(people, make_case, action):
    state, role, _after = ACTION_SETUP[action]
    case = make_case(state)
    assert client_for(people, role).get(f"/workbench/cases/{case.pk}/{action}/").status_code == 405


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("submitted", {"clerk": {"accept", "refuse", "supplement"}}),
        ("supplement_requested", {}),
        ("in_review", {"reviewer": {"review", "suspend", "extend"}}),  # the decision comes after the review
        ("reviewed", {"reviewer": {"suspend", "extend"}, "decider": {"decide"}}),
        ("suspended", {"reviewer": {"resume", "extend"}}),
        ("decided", {"decider": {"complete"}}),
        ("completed", {}),
    ],
)
def test_only_the_actions_of_the_status_and_the_role_are_shown(people, make_case, state, expected):
    case = make_case(state)
    for who in ("clerk", "reviewer", "decider", "dept_admin", "supervisor"):
        page = _text(client_for(people, who).get(f"/workbench/cases/{case.pk}/"))
        assert _visible_actions(page) == expected.get(who, set()), who


@pytest.mark.parametrize("who", EVERYONE)
def test_material_download_access(people, make_case, who):
    case = make_case()
    material = CaseMaterial.objects.filter(case=case, content_type="application/pdf").first()
    audits = AuditEvent.objects.count()
    response = client_for(people, who).get(f"/workbench/cases/{case.pk}/material/{material.pk}/")
    if who in ("anonymous", "citizen"):
        assert _denied_by_login(response)
    elif who == "no_role":
        assert response.status_code == 403
    elif who == "other":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store"
        event = AuditEvent.objects.order_by("-seq").first()
        assert (event.action, event.subject, event.actor_id) == (
            "case.material_download",
            f"case:{case.pk}",
            people[who].pk,
        )
        assert AuditEvent.objects.count() == audits + 1
        return
    assert AuditEvent.objects.count() == audits


def test_material_preview_is_inline_and_framable_by_the_case_page(people, make_case):
    case = make_case()
    image = CaseMaterial.objects.get(case=case, content_type="image/png")
    client = client_for(people, "reviewer")
    response = client.get(f"/workbench/cases/{case.pk}/material/{image.pk}/", {"inline": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert AuditEvent.objects.order_by("-seq").first().action == "case.material_view"
    page = _text(client.get(f"/workbench/cases/{case.pk}/"))
    assert f'src="/workbench/cases/{case.pk}/material/{image.pk}/?inline=1"' in page


def test_a_material_of_another_case_is_not_found_through_this_one(people, make_case, housing):
    case = make_case()
    other = make_case()
    foreign = CaseMaterial.objects.filter(case=other).first()
    response = client_for(people, "clerk").get(f"/workbench/cases/{case.pk}/material/{foreign.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "other", "clerk", "decider"])
def test_documents_are_pdfs_behind_the_same_permission(people, make_case, who):
    case = make_case("completed")
    page = _text(client_for(people, "decider").get(f"/workbench/cases/{case.pk}/"))
    for kind in ("acceptance", "decision"):
        assert f'href="/workbench/cases/{case.pk}/document/{kind}/"' in page
    response = client_for(people, who).get(f"/workbench/cases/{case.pk}/document/decision/")
    if who == "anonymous":
        assert _denied_by_login(response)
    elif who == "other":
        assert response.status_code == 404  # another department: not found
    else:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
        assert response["Cache-Control"] == "private, no-store"


# --- the case page --------------------------------------------------------------------------------


def test_case_page_shows_applicant_masked_form_materials_timeline_and_clock(people, make_case):
    case = make_case("in_review")
    page = _text(client_for(people, "reviewer").get(f"/workbench/cases/{case.pk}/"))
    number = people["citizen"].id_number_for_test
    assert number not in page
    assert f"{number[:4]}**********{number[-4:]}" in page
    assert "王芳" in page
    form = re.search(r'data-testid="form-data">(.*?)</dl>', page, re.S).group(1)
    assert re.search(r"<dt>店铺名称</dt><dd>闽南小吃</dd>", form) and re.search(r"<dt>经营面积</dt><dd>36</dd>", form)
    materials = re.search(r'data-testid="materials">(.*?)</ol>\s*</section>', page, re.S).group(1)
    assert "食品经营许可申请书" in materials and "营业执照" in materials and "下载" in materials
    timeline = re.sub(r"<[^>]+>", " ", re.search(r'data-testid="timeline">(.*?)</ol>', page, re.S).group(1))
    assert [label for label in ("提交申请", "受理") if label in timeline] == ["提交申请", "受理"]
    clock = re.search(r'data-testid="clock">(.*?)</section>', page, re.S).group(1)
    assert case.statutory_due.isoformat() in clock and case.promised_due.isoformat() in clock
    assert "剩 20 个工作日" in clock
    assert 'data-testid="current-task-name">审核<' in page  # from the review process's open work item


def test_dept_admin_sees_the_page_read_only(people, make_case):
    case = make_case()
    page = _text(client_for(people, "dept_admin").get(f"/workbench/cases/{case.pk}/"))
    assert _visible_actions(page) == set()
    assert "您可以查看本办件，但不承担本部门的受理、审查或决定岗位。" in page


# --- action flows ---------------------------------------------------------------------------------


def test_accept(people, make_case, market):
    case = make_case()
    client = client_for(people, "clerk")
    response = client.post(f"/workbench/cases/{case.pk}/accept/", {"note": "材料齐全"}, follow=True)
    assert "已受理，办结期限自受理之日起计算。" in _text(response)
    case.refresh_from_db()
    assert case.status == "in_review" and case.statutory_due is not None
    event = AuditEvent.objects.get(action="case.accept")
    assert (event.actor_id, event.actor_role, event.department_id) == (people["clerk"].pk, "window_clerk", market.pk)
    again = client.post(f"/workbench/cases/{case.pk}/accept/", {"note": ""}, follow=True)
    assert "不能受理" in _text(again)  # the status moved on: the service's conflict message
    assert AuditEvent.objects.filter(action="case.accept").count() == 1


def test_refuse_needs_reason_and_legal_basis(people, make_case):
    case = make_case()
    client = client_for(people, "clerk")
    before = _state(case)
    response = client.post(f"/workbench/cases/{case.pk}/refuse/", {"reason": "不属于本机关职权范围", "legal_basis": ""})
    assert response.status_code == 422
    page = _text(response)
    assert re.search(r'data-field-error="legal_basis">请写明不予受理的法律依据。', page)
    assert re.search(r'<details class="case-action" data-action="refuse" open>', page)  # the form stays open
    assert "不属于本机关职权范围" in page  # what was typed is kept
    assert _state(case) == before
    response = client.post(
        f"/workbench/cases/{case.pk}/refuse/",
        {"reason": "不属于本机关职权范围", "legal_basis": "《中华人民共和国行政许可法》第三十二条"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.refusal_legal_basis) == ("refused", "《中华人民共和国行政许可法》第三十二条")
    page = _text(client.get(f"/workbench/cases/{case.pk}/"))
    assert f'href="/workbench/cases/{case.pk}/document/refusal/"' in page
    refusal = re.search(r'data-testid="refusal">(.*?)</dd>', page, re.S).group(1)
    assert "《中华人民共和国行政许可法》第三十二条" in refusal


def test_supplement_notice_lists_everything_at_once(people, make_case, item):
    case = make_case()
    client = client_for(people, "clerk")
    application = item.materials.get(name="食品经营许可申请书")
    licence = item.materials.get(name="营业执照")
    page = _text(client.get(f"/workbench/cases/{case.pk}/"))
    for requirement in (application, licence):  # every material of the item can be ticked
        assert f'name="requirements" value="{requirement.pk}"' in page
    before = _state(case)
    empty = client.post(f"/workbench/cases/{case.pk}/supplement/", {"other_items": " \r\n ", "note": "x"})
    assert empty.status_code == 422
    assert "请勾选或填写需要补正的全部内容（一次性告知）。" in _text(empty)
    assert _state(case) == before
    response = client.post(
        f"/workbench/cases/{case.pk}/supplement/",
        {
            "requirements": [application.pk, licence.pk],
            f"note_{application.pk}": "缺少申请人签字",
            f"note_{licence.pk}": "请上传清晰的彩色扫描件",
            "other_items": "申请表“经营面积”与租赁合同不一致\r\n\r\n补充食品安全管理制度",
            "note": "请在收到本通知后补齐以上全部材料",
        },
    )
    assert response.status_code == 302
    notice = SupplementRequest.objects.get(case=case)
    assert notice.items == [
        {"requirement_id": application.pk, "name": "食品经营许可申请书", "note": "缺少申请人签字"},
        {"requirement_id": licence.pk, "name": "营业执照", "note": "请上传清晰的彩色扫描件"},
        {"requirement_id": None, "name": "申请表“经营面积”与租赁合同不一致", "note": ""},
        {"requirement_id": None, "name": "补充食品安全管理制度", "note": ""},
    ]
    assert notice.note == "请在收到本通知后补齐以上全部材料"
    assert CaseEvent.objects.filter(case=case, kind="supplement_request").count() == 1
    case.refresh_from_db()
    assert case.status == "supplement_requested"
    page = _text(client.get(f"/workbench/cases/{case.pk}/"))
    assert "补正通知已发出，所有需补正的内容已一次性告知申请人。" in page
    shown = re.search(r'data-testid="supplement-request">(.*?)</div>\s*</section>', page, re.S).group(1)
    assert shown.count("<li>") == 4 and "营业执照：请上传清晰的彩色扫描件" in shown
    assert f'href="/workbench/cases/{case.pk}/document/supplement/"' in page
    assert _visible_actions(page) == set()  # nothing to do until the applicant answers


def test_suspend_and_resume(people, make_case):
    case = make_case("in_review")
    client = client_for(people, "reviewer")
    before = _state(case)
    past = client.post(f"/workbench/cases/{case.pk}/suspend/", {"reason": "hearing", "expected_end": "2026-02-27"})
    assert past.status_code == 422
    assert re.search(r'data-field-error="expected_end">预计结束日期不能早于今天。', _text(past))
    unknown = client.post(f"/workbench/cases/{case.pk}/suspend/", {"reason": "holiday", "expected_end": "2026-03-20"})
    assert unknown.status_code == 422 and 'data-field-error="reason"' in _text(unknown)
    assert _state(case) == before
    response = client.post(
        f"/workbench/cases/{case.pk}/suspend/",
        {"reason": "expert_review", "expected_end": "2026-03-20", "note": "专家"},
    )
    assert response.status_code == 302
    page = _text(client.get(f"/workbench/cases/{case.pk}/"))
    suspension = re.search(r'data-testid="suspension">(.*?)</dd>', page, re.S).group(1)
    assert "专家评审" in suspension and "2026-03-02" in suspension and "暂停计时中" in suspension
    assert _visible_actions(page) == {"resume", "extend"}
    assert client.post(f"/workbench/cases/{case.pk}/resume/").status_code == 302
    case.refresh_from_db()
    assert case.status == "in_review"
    assert Suspension.objects.get(case=case).ended_on == TODAY


def test_extend_once(people, make_case):
    case = make_case("in_review")
    due = case.statutory_due
    client = client_for(people, "reviewer")
    missing = client.post(f"/workbench/cases/{case.pk}/extend/", {"reason": ""})
    assert missing.status_code == 422 and "请写明延期理由。" in _text(missing)
    assert client.post(f"/workbench/cases/{case.pk}/extend/", {"reason": "需组织专家论证"}).status_code == 302
    case.refresh_from_db()
    assert case.extension_days == 10 and case.statutory_due > due
    page = _text(client.get(f"/workbench/cases/{case.pk}/"))
    assert "extend" not in _visible_actions(page)
    assert "需组织专家论证" in re.search(r'data-testid="extension">(.*?)</dd>', page, re.S).group(1)
    before = _state(case)
    again = client.post(f"/workbench/cases/{case.pk}/extend/", {"reason": "再次延期"}, follow=True)
    assert "依法只能延期一次，该办件已经延期。" in _text(again)
    assert _state(case) == before
    assert AuditEvent.objects.filter(action="case.extend").count() == 1


def test_review_then_decide(people, make_case):
    case = make_case("in_review")
    decider = client_for(people, "decider")
    page = _text(decider.get(f"/workbench/cases/{case.pk}/"))
    assert "decide" not in _visible_actions(page)
    task = re.search(r'data-testid="work-items">(.*?)</ul>', page, re.S).group(1)
    assert "审核" in task and "审核人员" in task and "待您办理" not in task
    before = _state(case)
    early = decider.post(f"/workbench/cases/{case.pk}/decide/", {"decision": "granted", "reason": "符合"}, follow=True)
    assert "审查环节尚未完成，暂不能作出决定。" in _text(early)
    assert _state(case) == before
    reviewer = client_for(people, "reviewer")
    page = _text(reviewer.get(f"/workbench/cases/{case.pk}/"))
    assert "待您办理" in re.search(r'data-testid="work-items">(.*?)</ul>', page, re.S).group(1)
    item = review_item(case)
    missing = reviewer.post(f"/workbench/cases/{case.pk}/review/", {"work_item": item.pk, "recommendation": "approve"})
    assert missing.status_code == 422 and "请填写审查意见。" in _text(missing)
    assert _state(case) == before
    response = reviewer.post(
        f"/workbench/cases/{case.pk}/review/",
        {"work_item": item.pk, "recommendation": "approve", "opinion": "经营场所符合要求"},
        follow=True,
    )
    assert "审查意见已提交，办件进入下一环节。" in _text(response)
    assert "review" not in _visible_actions(_text(response))
    again = reviewer.post(
        f"/workbench/cases/{case.pk}/review/", {"work_item": item.pk, "recommendation": "approve", "opinion": "x"}
    )
    assert again.status_code == 302  # nothing left to review: a message, no second opinion
    assert CaseEvent.objects.filter(case=case, kind="review").count() == 1
    page = _text(decider.get(f"/workbench/cases/{case.pk}/"))
    assert _visible_actions(page) == {"decide"}
    assert 'data-testid="current-task-name">决定<' in page
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>\s*</section>', page, re.S).group(1)
    assert "审查意见" in timeline and "建议准予" in timeline and "经营场所符合要求" in timeline


def test_decide_once_and_complete(people, make_case):
    case = make_case("reviewed")
    client = client_for(people, "decider")
    before = _state(case)
    denial = client.post(f"/workbench/cases/{case.pk}/decide/", {"decision": "denied", "reason": "场所不符合要求"})
    assert denial.status_code == 422
    assert re.search(r'data-field-error="legal_basis">不予许可须写明法律依据。', _text(denial))
    assert client.post(f"/workbench/cases/{case.pk}/decide/", {"reason": "x"}).status_code == 422
    assert _state(case) == before
    assert (
        client.post(
            f"/workbench/cases/{case.pk}/decide/", {"decision": "granted", "reason": "符合法定条件"}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert (case.status, case.decision, case.decided_by_id) == ("decided", "granted", people["decider"].pk)
    before = _state(case)
    second = client.post(
        f"/workbench/cases/{case.pk}/decide/",
        {"decision": "denied", "reason": "重复提交", "legal_basis": "第三十八条"},
        follow=True,
    )
    assert "该办件当前状态为“已决定”，不能作出决定。请刷新页面查看最新状态。" in _text(second)
    assert _state(case) == before
    assert AuditEvent.objects.filter(action="case.decide").count() == 1
    page = _text(client.get(f"/workbench/cases/{case.pk}/"))
    assert "准予许可" in re.search(r'data-testid="decision">(.*?)</dd>', page, re.S).group(1)
    assert client.post(f"/workbench/cases/{case.pk}/complete/", {"note": ""}).status_code == 302
    case.refresh_from_db()
    assert case.status == "completed"
    assert "办件已结束，没有待办环节。" in _text(client.get(f"/workbench/cases/{case.pk}/"))


# --- worklists ------------------------------------------------------------------------------------


def _listed(client, **params) -> list[str]:
    if "q" in params:  # the search form posts; the list it redirects to names a token, not the text
        response = client.post("/workbench/cases/", {k: v for k, v in params.items() if k != "page"})
        assert response.status_code == 302 and str(params["q"]) not in response["Location"]
        params = {**dict(part.split("=") for part in response["Location"].split("?")[1].split("&")), **params}
        del params["q"]
    page = _text(client.get("/workbench/cases/", params))
    return re.findall(r'<a class="case-number" href="/workbench/cases/\d+/">([^<]+)</a>', page)


def test_worklist_tabs(people, make_case):
    submitted = make_case()
    supplement = make_case("supplement_requested")
    review = make_case("in_review")
    suspended = make_case("suspended")
    decided = make_case("decided")
    completed = make_case("completed")
    client = client_for(people, "clerk")
    assert _listed(client, tab="submitted") == [submitted.number]
    assert _listed(client, tab="supplement") == [supplement.number]
    assert set(_listed(client, tab="review")) == {review.number, suspended.number}
    assert _listed(client, tab="decided") == [decided.number]
    assert _listed(client, tab="closed") == [completed.number]
    assert _listed(client, tab="overdue") == [] and _listed(client, tab="due_soon") == []
    assert _listed(client) == [submitted.number]  # a clerk starts on 待受理
    # others start on 我的待办: these cases run no process, so nothing is waiting for the decider
    assert "tab-todo" in _text(client_for(people, "decider").get("/workbench/cases/"))
    assert _listed(client_for(people, "decider")) == []
    assert set(_listed(client_for(people, "decider"), tab="review")) == {review.number, suspended.number}


def test_due_soon_and_overdue(people, make_case):
    soon = make_case()
    Case.objects.filter(pk=soon.pk).update(acceptance_due=dt.date(2026, 3, 5))  # 3 working days ahead
    later = make_case()
    Case.objects.filter(pk=later.pk).update(acceptance_due=dt.date(2026, 3, 6))  # 4
    review_soon = make_case("in_review")
    Case.objects.filter(pk=review_soon.pk).update(promised_due=dt.date(2026, 3, 2))  # due today
    late = make_case("in_review")
    Case.objects.filter(pk=late.pk).update(statutory_due=dt.date(2026, 2, 27))  # not yet swept
    flagged = make_case("suspended")
    Case.objects.filter(pk=flagged.pk).update(overdue=True)
    client = client_for(people, "reviewer")
    assert set(_listed(client, tab="due_soon")) == {soon.number, review_soon.number}
    assert set(_listed(client, tab="overdue")) == {late.number, flagged.number}
    page = _text(client.get("/workbench/cases/", {"tab": "review"}))
    late_row = re.search(rf'<tr data-case="{late.pk}">.*?</tr>', page, re.S).group()
    assert 'data-testid="overdue-badge"' in late_row
    soon_row = re.search(rf'<tr data-case="{review_soon.pk}">.*?</tr>', page, re.S).group()
    assert "overdue-badge" not in soon_row
    assert re.search(r'data-testid="tab-overdue">已超期 <span class="badge[^"]*text-bg-danger">2<', page)


def test_worklist_search_department_filter_and_pages(people, make_case, housing, monkeypatch):
    first = make_case()
    second = make_case()
    accounts.role_grant(actor=factories.SYSTEM, user=people["clerk"], department=housing, role=Role.WINDOW_CLERK)
    client = client_for(people, "clerk")
    assert _listed(client, tab="submitted", q=second.number[-13:]) == [second.number]
    assert set(_listed(client, tab="submitted", q="王芳")) == {first.number, second.number}
    assert _listed(client, tab="submitted", department=housing.pk) == []
    # Not one of theirs: the filter is dropped (their own departments only, as without it).
    assert set(_listed(client, tab="submitted", department=999999)) == {first.number, second.number}
    monkeypatch.setattr(worklist_views, "PAGE_SIZE", 1)
    page_one = _listed(client, tab="submitted")
    page_two = _listed(client, tab="submitted", page=2)
    assert len(page_one) == len(page_two) == 1 and set(page_one + page_two) == {first.number, second.number}


def test_worklist_search_text_stays_out_of_urls(people, make_case):
    first = make_case()
    second = make_case()
    client = client_for(people, "clerk")
    response = client.post("/workbench/cases/", {"tab": "submitted", "q": "王芳"})
    location = response["Location"]
    assert response.status_code == 302 and "%E7%8E%8B" not in location and "王芳" not in location
    token = re.search(r"search=([\w-]+)", location).group(1)
    page = _text(client.get(location))
    assert set(re.findall(r'class="case-number" href="/workbench/cases/\d+/">([^<]+)<', page)) == {
        first.number,
        second.number,
    }
    assert 'value="王芳"' in page  # the box shows what was searched
    # tab links keep the token, not the text
    tab_links = re.findall(r'href="([^"]*)" data-testid="tab-', page)
    assert len(tab_links) >= 5 and all(f"search={token}" in link for link in tab_links)
    assert "q=" not in "".join(re.findall(r'href="([^"]*)"', page))
    # by number: only that case
    assert _listed(client, tab="submitted", q=second.number) == [second.number]
    # a token this session does not hold (another session's, or long gone): no filter, and a note
    other = client_for(people, "clerk")
    other_page = _text(other.get(location))
    assert 'data-testid="search-expired"' in other_page and 'value="王芳"' not in other_page
    # an empty search clears the filter
    cleared = client.post("/workbench/cases/", {"tab": "submitted", "q": "  "})
    assert cleared["Location"] == "/workbench/cases/?tab=submitted"


def test_worklist_keeps_only_the_newest_searches(people, make_case):
    make_case()
    client = client_for(people, "clerk")
    locations = [
        client.post("/workbench/cases/", {"tab": "submitted", "q": f"查询{n}"})["Location"]
        for n in range(worklist_views.SEARCHES_KEPT + 1)
    ]
    assert 'data-testid="search-expired"' in _text(client.get(locations[0]))
    assert 'value="查询1"' in _text(client.get(locations[1]))


def test_nav_links_follow_the_roles(people):
    def nav(who):
        page = _text(client_for(people, who).get("/workbench/"))
        return ('data-testid="nav-cases"' in page, 'data-testid="nav-intake"' in page)

    assert nav("clerk") == (True, True)
    assert nav("reviewer") == (True, False)
    assert nav("dept_admin") == (True, False)
    assert nav("no_role") == (False, False)


# --- one-window intake ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "citizen", "no_role", "reviewer", "decider", "other", "clerk"])
def test_intake_access(people, item, who):
    code = item.service_item.code
    listing = client_for(people, who).get("/workbench/intake/")
    page = client_for(people, who).get(f"/workbench/intake/{code}/")
    if who in ("anonymous", "citizen"):
        assert _denied_by_login(listing) and _denied_by_login(page)
    elif who in ("no_role", "reviewer", "decider"):
        assert listing.status_code == page.status_code == 403
    elif who == "other":  # a clerk of another department: the item is not theirs
        assert listing.status_code == 200 and code not in _text(listing)
        assert page.status_code == 404
    else:
        assert listing.status_code == 200 and code in _text(listing)
        assert page.status_code == 200
        form = _text(page)
        assert 'name="form_shop_name"' in form and "店铺名称" in form and 'name="form_opening_date"' in form
        assert form.count('name="checked_requirements"') == item.materials.count()


def _intake_post(item, **overrides):
    data = {
        "action": "submit",
        "applicant_kind": "person",
        "form_shop_name": "闽南小吃",
        "form_area": "20",
        "checked_requirements": [m.pk for m in item.materials.all()],
    }
    data.update(overrides)
    return data


def test_intake_lookup_shows_the_applicant_masked_and_never_echoes_the_number(people, item):
    number = people["citizen"].id_number_for_test
    client = client_for(people, "clerk")
    url = f"/workbench/intake/{item.service_item.code}/"
    response = client.post(url, {"action": "lookup", "applicant_kind": "person", "id_number": number})
    assert response.status_code == 200
    page = _text(response)
    assert number not in page
    assert f"申请人：王芳（{number[:4]}**********{number[-4:]}）" in page
    assert 'name="checked_requirements"' in page and "尚未核验原件" not in page  # not judged on a lookup
    wrong_check = number[:-1] + ("1" if number[-1] != "1" else "2")
    bad = client.post(url, {"action": "lookup", "applicant_kind": "person", "id_number": wrong_check})
    assert bad.status_code == 422 and number[:-1] not in _text(bad)
    assert re.search(r'data-field-error="id_number">[^<]*校验', _text(bad))
    unknown = client.post(url, {"action": "lookup", "applicant_kind": "person", "id_number": factories.id_number()})
    assert "未找到该身份证号码的实名信息" in _text(unknown)


def test_intake_files_submits_and_accepts_a_case_for_a_walk_in_applicant(people, item, market):
    number = people["citizen"].id_number_for_test
    client = client_for(people, "clerk")
    url = f"/workbench/intake/{item.service_item.code}/"
    response = client.post(url, _intake_post(item, id_number=number, form_opening_date="2026-04-01"))
    case = Case.objects.get(channel="window")
    assert response.status_code == 302 and response["Location"] == f"/workbench/cases/{case.pk}/"
    assert (case.status, case.submitted_by_id, case.department_id) == ("in_review", people["clerk"].pk, market.pk)
    assert case.applicant_person_id == people["citizen"].person.pk and case.applicant_name == "王芳"
    assert case.form_data == {"shop_name": "闽南小吃", "area": 20, "opening_date": "2026-04-01"}
    assert sorted(case.materials.values_list("requirement_id", "source")) == sorted(
        (pk, "paper") for pk in item.materials.values_list("pk", flat=True)
    )
    assert case.statutory_due is not None and case.number
    page = _text(client.get(response["Location"]))
    assert f"已受理，办件编号 {case.number}。" in page
    assert page.count('data-source="paper"') == item.materials.count()
    assert number not in page
    assert "窗口受理" in re.search(r'data-testid="timeline">(.*?)</ol>', page, re.S).group(1)
    accept = AuditEvent.objects.get(action="case.accept", subject=f"case:{case.pk}")
    assert (accept.actor_id, accept.actor_role, accept.department_id) == (people["clerk"].pk, "window_clerk", market.pk)


def test_intake_for_an_organisation_by_credit_code(people, make_item, market):  # noqa: F811
    item = make_item(form_schema=FORM_SCHEMA, service_object="enterprise")
    code = factories.credit_code(authority="9", org_type="2", region="350602")
    organisation = accounts.organization_create(
        actor=factories.SYSTEM,
        name="漳州市芗城区闽南小吃店",
        credit_code=code,
        org_type="individual_business",
        legal_representative=people["citizen"].person,
        region_code="350602",
    )
    client = client_for(people, "clerk")
    url = f"/workbench/intake/{item.service_item.code}/"
    page = _text(client.get(url))
    assert 'name="id_number"' not in page and 'name="credit_code"' in page  # an item for enterprises only
    response = client.post(url, _intake_post(item, applicant_kind="organization", credit_code=code.lower()))
    assert response.status_code == 302, _text(response)[:3000]
    case = Case.objects.get(channel="window")
    assert (case.applicant_kind, case.applicant_organization_id) == ("organization", organisation.pk)
    assert case.applicant_name == "漳州市芗城区闽南小吃店"


def test_intake_refuses_a_stale_or_foreign_applicant_reference(people, item, market):
    client = client_for(people, "clerk")
    url = f"/workbench/intake/{item.service_item.code}/"
    found = client.post(
        url, {"action": "lookup", "applicant_kind": "person", "id_number": people["citizen"].id_number_for_test}
    )
    token = re.search(r'name="applicant_token" value="([^"]+)"', _text(found)).group(1)
    # Another clerk cannot use it: the reference is signed for the clerk who looked the person up.
    other_clerk = factories.staff()
    accounts.role_grant(actor=factories.SYSTEM, user=other_clerk, department=market, role=Role.WINDOW_CLERK)
    stranger = Client()
    stranger.force_login(other_clerk, backend=BACKEND)
    refused = stranger.post(url, _intake_post(item, applicant_token=token))
    assert refused.status_code == 422 and "请输入申请人的身份证号码。" in _text(refused)
    assert not Case.objects.exists()
    # The clerk who found the applicant files without typing the number again.
    assert client.post(url, _intake_post(item, applicant_token=token)).status_code == 302
    assert Case.objects.get().applicant_person_id == people["citizen"].person.pk


def test_intake_requires_every_required_original_to_be_checked(people, item):
    response = client_for(people, "clerk").post(
        f"/workbench/intake/{item.service_item.code}/",
        _intake_post(item, id_number=people["citizen"].id_number_for_test, checked_requirements=[]),
    )
    assert response.status_code == 422
    assert re.search(
        r'data-field-error="checked_requirements">以下必要材料尚未核验原件：食品经营许可申请书、营业执照',
        _text(response),
    )


def test_intake_shows_service_errors_next_to_the_fields(people, item, monkeypatch):
    from govhall.core.errors import ValidationFailed

    def failing(**kwargs):
        raise ValidationFailed(
            "申请表有1处需要修改。",
            code="case.form_invalid",
            errors=[{"field": "shop_name", "message": "“店铺名称”内容过长。"}],
        )

    monkeypatch.setattr(cases_facade, "case_intake", failing)
    response = client_for(people, "clerk").post(
        f"/workbench/intake/{item.service_item.code}/",
        _intake_post(item, id_number=people["citizen"].id_number_for_test),
    )
    assert response.status_code == 422
    page = _text(response)
    assert re.search(r'data-field-error="form_shop_name">“店铺名称”内容过长。', page)
    assert "申请表有1处需要修改。" in page
