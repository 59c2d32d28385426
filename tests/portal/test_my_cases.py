"""The applicant's space (我的办件): the list, the case page, answering a supplement notice,
withdrawing, the decision with the applicant's rights, and downloading one's own materials — with
the permission matrix (anonymous, another citizen, staff, the applicant) where a denial changes
nothing."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govhall.accounts.constants import Role
from govhall.cases import services
from govhall.cases.models import Case, CaseEvent, CaseMaterial
from govhall.core.models import AuditEvent
from tests import factories
from tests.cases.conftest import (  # noqa: F401 - fixtures
    FORM_SCHEMA,
    PDF,
    _a_working_monday_in_2026,
    _files_in_tmp,
    clerk,
    decider,
    review_done,
    reviewer,
)
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
BACKEND = "govhall.accounts.backends.GovhallBackend"


@pytest.fixture
def item(make_item):  # noqa: F811
    return make_item(form_schema=FORM_SCHEMA, service_object="both")


@pytest.fixture
def applicant(db):
    user, _number = factories.citizen(name="王芳")
    return user


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def clients(applicant, department):  # noqa: F811
    stranger, _number = factories.citizen(name="李四")
    staff = factories.staff()
    from govhall.accounts import services as account_services

    account_services.role_grant(actor=factories.SYSTEM, user=staff, department=department, role=Role.WINDOW_CLERK)
    return {
        "anonymous": _client(),
        "another_citizen": _client(stranger),
        "staff": _client(staff),
        "applicant": _client(applicant),
    }


def _submitted(applicant, item, **form):
    case = services.case_draft_save(
        user=applicant, item_code=item.service_item.code, form_data=form or {"shop_name": "闽南小吃"}
    )
    for requirement in item.materials.all():
        services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="申请.pdf"
        )
    return services.case_submit(user=applicant, case_id=case.pk)


def _html(response) -> str:
    return response.content.decode()


def _state(case) -> tuple:
    case = Case.objects.get(pk=case.pk)
    return (
        case.status,
        case.withdrawn_at,
        CaseMaterial.objects.filter(case=case).count(),
        CaseEvent.objects.filter(case=case).count(),
        AuditEvent.objects.count(),
    )


# --- permission matrix -----------------------------------------------------------------------


def _pages(case, material):
    return [
        ("GET", f"/me/cases/{case.pk}/"),
        ("GET", f"/cases/{case.pk}/material/{material.pk}/"),
        ("GET", f"/apply/submitted/{case.pk}/"),
        ("GET", f"/me/cases/{case.pk}/document/supplement/"),
        ("POST", f"/me/cases/{case.pk}/resubmit/"),
        ("POST", f"/me/cases/{case.pk}/withdraw/"),
        ("POST", f"/apply/draft/{case.pk}/material/{material.requirement_id}/"),
        ("POST", f"/apply/draft/{case.pk}/file/{material.pk}/remove/"),
    ]


def _request(client, method, path):
    if method == "GET":
        return client.get(path)
    if path.endswith("/withdraw/"):
        return client.post(path, {"reason": "不办了", "confirm": "1"})
    if "/material/" in path:
        return client.post(path, {"file": SimpleUploadedFile("补正.pdf", PDF)})
    return client.post(path)


@pytest.mark.parametrize("actor", ["anonymous", "staff"])
def test_anonymous_and_staff_are_sent_to_the_citizen_login(clients, applicant, item, clerk, actor):  # noqa: F811
    case = _submitted(applicant, item)
    services.case_request_supplement(actor=clerk, case_id=case.pk, items=[{"name": "营业执照"}])
    material = CaseMaterial.objects.filter(case=case).first()
    before = _state(case)
    for method, path in [("GET", "/me/cases/"), *_pages(case, material)]:
        response = _request(clients[actor], method, path)
        assert response.status_code == 302, path
        assert response["Location"].split("?")[0] == "/login/", path
    assert _state(case) == before


def test_another_citizen_gets_not_found_and_changes_nothing(clients, applicant, item, clerk):  # noqa: F811
    case = _submitted(applicant, item)
    services.case_request_supplement(actor=clerk, case_id=case.pk, items=[{"name": "营业执照"}])
    material = CaseMaterial.objects.filter(case=case).first()
    before = _state(case)
    for method, path in _pages(case, material):
        response = _request(clients["another_citizen"], method, path)
        assert response.status_code == 404, path
        assert case.number not in _html(response), path
    assert _state(case) == before
    listing = clients["another_citizen"].get("/me/cases/")
    assert listing.status_code == 200 and case.number not in _html(listing)


def test_the_applicant_sees_their_pages(clients, applicant, item):
    case = _submitted(applicant, item)
    material = CaseMaterial.objects.filter(case=case).first()
    client = clients["applicant"]
    for path in ("/me/cases/", f"/me/cases/{case.pk}/", f"/apply/submitted/{case.pk}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert case.number in _html(response)
    assert client.get(f"/cases/{case.pk}/material/{material.pk}/").status_code == 200


def test_me_page_links_to_my_cases(clients):
    assert 'href="/me/cases/"' in _html(clients["applicant"].get("/me/"))


# --- the list and the case page --------------------------------------------------------------


def test_my_cases_lists_status_number_dates_and_what_needs_doing(clients, applicant, item, clerk):  # noqa: F811
    waiting = _submitted(applicant, item)
    asked = _submitted(applicant, item)
    services.case_request_supplement(actor=clerk, case_id=asked.pk, items=[{"name": "营业执照", "note": "不清晰"}])
    draft = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data={})
    html = _html(clients["applicant"].get("/me/cases/"))

    cards = re.findall(r'<li class="case-card[^"]*" data-testid="case-row">.*?</li>\s*(?=<li|</ul>)', html, re.S)
    assert len(cards) == 2
    by_number = {re.search(r'data-testid="case-number">([^<]+)<', c).group(1): c for c in cards}
    assert set(by_number) == {waiting.number, asked.number}
    assert "待受理" in by_number[waiting.number] and "需要您处理" not in by_number[waiting.number]
    assert "2026-03-02" in by_number[waiting.number]  # submitted
    assert "2026-03-09" in by_number[waiting.number]  # acceptance due
    assert "食品经营许可证核发" in by_number[waiting.number]
    assert "待补正" in by_number[asked.number] and "需要您处理" in by_number[asked.number]
    assert f'href="/me/cases/{asked.pk}/#supplement"' in by_number[asked.number]
    assert 'data-testid="drafts"' in html and f'href="/apply/draft/{draft.pk}/"' in html


def test_case_page_shows_status_dues_timeline_and_form(clients, applicant, item, clerk):  # noqa: F811
    case = _submitted(applicant, item, shop_name="闽南小吃", area=35)
    services.case_accept(actor=clerk, case_id=case.pk)
    case.refresh_from_db()
    html = _html(clients["applicant"].get(f"/me/cases/{case.pk}/"))
    assert 'data-status="in_review"' in html and "审查中" in html
    assert case.statutory_due.isoformat() in html and case.promised_due.isoformat() in html
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>', html, re.S).group(1)
    assert [label in timeline for label in ("创建申请草稿", "提交申请", "已受理")] == [True, True, True]
    assert "闽南小吃" in html and "经营面积" in html
    assert 'data-testid="withdraw"' in html  # before the decision the applicant may withdraw


def test_draft_case_page_leads_to_the_draft(clients, applicant, item):
    draft = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data={})
    response = clients["applicant"].get(f"/me/cases/{draft.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/apply/draft/{draft.pk}/"


# --- supplement (补正) ------------------------------------------------------------------------


def test_supplement_notice_lists_every_item_and_the_applicant_answers_it(
    clients,
    applicant,
    item,
    clerk,  # noqa: F811
):
    case = _submitted(applicant, item)
    licence = item.materials.get(name="营业执照")
    form = item.materials.get(name="食品经营许可申请书")
    services.case_request_supplement(
        actor=clerk,
        case_id=case.pk,
        items=[
            {"requirement_id": licence.pk, "name": "营业执照", "note": "请上传清晰的彩色扫描件"},
            {"requirement_id": form.pk, "name": "食品经营许可申请书", "note": "缺少法定代表人签字"},
            {"name": "经营场所照片", "note": "补充门头照片"},
        ],
        note="请一次补齐",
    )
    client = clients["applicant"]
    html = _html(client.get(f"/me/cases/{case.pk}/"))
    notice = re.search(r'data-testid="supplement-notice".*?</section>', html, re.S).group()
    assert "提交补正材料后重新计算" in re.search(r'data-testid="dues".*?</dl>', html, re.S).group()
    for text in ("营业执照", "请上传清晰的彩色扫描件", "缺少法定代表人签字", "经营场所照片", "请一次补齐"):
        assert text in notice, text
    assert f'action="/apply/draft/{case.pk}/material/{licence.pk}/"' in notice
    assert 'data-testid="resubmit"' in notice

    # replace the unclear licence scan
    old = CaseMaterial.objects.get(case=case, requirement=licence)
    response = client.post(f"/apply/draft/{case.pk}/file/{old.pk}/remove/")
    assert response["Location"] == f"/me/cases/{case.pk}/#material-{licence.pk}"
    # answering without it is refused and changes nothing
    response = client.post(f"/me/cases/{case.pk}/resubmit/", follow=True)
    assert "还缺少1项必要材料：营业执照" in _html(response)
    assert Case.objects.get(pk=case.pk).status == "supplement_requested"
    response = client.post(
        f"/apply/draft/{case.pk}/material/{licence.pk}/", {"file": SimpleUploadedFile("营业执照.pdf", PDF)}
    )
    assert response["Location"] == f"/me/cases/{case.pk}/#material-{licence.pk}"
    response = client.post(f"/me/cases/{case.pk}/resubmit/")
    assert response.status_code == 302 and response["Location"] == f"/me/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.status == "submitted"
    assert case.supplement_requests.get().responded_at is not None
    html = _html(client.get(f"/me/cases/{case.pk}/"))
    assert 'data-testid="supplement-notice"' not in html
    assert "提交补正材料" in re.search(r'data-testid="timeline">(.*?)</ol>', html, re.S).group(1)
    assert "需要您处理" not in _html(client.get("/me/cases/"))


def test_bad_supplement_upload_is_explained_on_its_row(clients, applicant, item, clerk):  # noqa: F811
    case = _submitted(applicant, item)
    licence = item.materials.get(name="营业执照")
    services.case_request_supplement(
        actor=clerk, case_id=case.pk, items=[{"requirement_id": licence.pk, "name": "营业执照"}]
    )
    before = CaseMaterial.objects.count()
    response = clients["applicant"].post(
        f"/apply/draft/{case.pk}/material/{licence.pk}/", {"file": SimpleUploadedFile("执照.pdf", b"plain text")}
    )
    assert CaseMaterial.objects.count() == before
    html = _html(clients["applicant"].get(response["Location"]))
    row = re.search(rf'id="material-{licence.pk}".*?</article>', html, re.S).group()
    assert "文件内容不是允许的类型" in row


def test_uploads_are_closed_outside_draft_and_supplement(clients, applicant, item):
    case = _submitted(applicant, item)
    requirement = item.materials.first()
    before = _state(case)
    response = clients["applicant"].post(
        f"/apply/draft/{case.pk}/material/{requirement.pk}/", {"file": SimpleUploadedFile("a.pdf", PDF)}, follow=True
    )
    assert "不能上传材料" in _html(response)
    assert _state(case) == before
    html = _html(clients["applicant"].get(f"/me/cases/{case.pk}/"))
    assert 'data-testid="file-input"' not in html and 'data-testid="remove-file"' not in html


# --- withdrawal ------------------------------------------------------------------------------


def test_withdrawal_needs_a_reason_and_confirmation(clients, applicant, item):
    case = _submitted(applicant, item)
    client = clients["applicant"]
    before = _state(case)
    response = client.post(f"/me/cases/{case.pk}/withdraw/", {"reason": "信息填错了"}, follow=True)
    assert "请勾选确认后再撤回" in _html(response)
    response = client.post(f"/me/cases/{case.pk}/withdraw/", {"confirm": "1"}, follow=True)
    assert "请填写撤回原因" in _html(response)
    assert _state(case) == before

    response = client.post(f"/me/cases/{case.pk}/withdraw/", {"reason": "信息填错了，重新申请", "confirm": "1"})
    assert response.status_code == 302 and response["Location"] == f"/me/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.status == "withdrawn" and case.withdrawn_at is not None
    html = _html(client.get(f"/me/cases/{case.pk}/"))
    assert 'data-testid="withdrawn"' in html and "已撤回" in html
    assert "信息填错了，重新申请" in html  # the applicant's own reason on the timeline
    assert 'data-testid="withdraw"' not in html
    # a second attempt is explained and changes nothing
    after = _state(case)
    response = client.post(f"/me/cases/{case.pk}/withdraw/", {"reason": "再撤一次", "confirm": "1"}, follow=True)
    assert "不能撤回" in _html(response)
    assert _state(case) == after


def test_decided_case_cannot_be_withdrawn_and_shows_reason_basis_and_rights(
    clients,
    applicant,
    item,
    clerk,  # noqa: F811
    decider,  # noqa: F811
    review_done,  # noqa: F811
):
    case = _submitted(applicant, item)
    services.case_accept(actor=clerk, case_id=case.pk)
    review_done(case.pk)
    services.case_decide(
        actor=decider,
        case_id=case.pk,
        decision="denied",
        reason="经营场所与食品经营项目不相适应",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
    )
    client = clients["applicant"]
    html = _html(client.get(f"/me/cases/{case.pk}/"))
    decision = re.search(r'data-testid="decision".*?</section>', html, re.S).group()
    assert "不予许可" in decision
    assert "经营场所与食品经营项目不相适应" in decision
    assert "《中华人民共和国食品安全法》第三十五条" in decision
    assert "行政复议" in decision and "行政诉讼" in decision
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>', html, re.S).group(1)
    assert "完成一个审查环节" in timeline and "进入办理环节" in timeline
    assert "材料齐全，符合条件" not in html  # the reviewer's internal opinion is not shown to the applicant
    assert 'data-testid="withdraw"' not in html
    before = _state(case)
    response = client.post(f"/me/cases/{case.pk}/withdraw/", {"reason": "不服", "confirm": "1"}, follow=True)
    assert "不能撤回" in _html(response)
    assert _state(case) == before


def test_refusal_shows_reason_basis_and_rights(clients, applicant, item, clerk):  # noqa: F811
    case = _submitted(applicant, item)
    services.case_refuse(
        actor=clerk,
        case_id=case.pk,
        reason="申请事项不属于本机关职权范围",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
    )
    html = _html(clients["applicant"].get(f"/me/cases/{case.pk}/"))
    refusal = re.search(r'data-testid="refusal".*?</section>', html, re.S).group()
    assert "申请事项不属于本机关职权范围" in refusal
    assert "第三十二条第一款第（二）项" in refusal
    assert "六十日内依法申请行政复议" in refusal


# --- downloads -------------------------------------------------------------------------------


def test_material_download_is_an_attachment_for_the_owner_only(clients, applicant, item):
    case = _submitted(applicant, item)
    material = CaseMaterial.objects.filter(case=case).first()
    response = clients["applicant"].get(f"/cases/{case.pk}/material/{material.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF

    # another case of the same applicant does not serve this material
    other_case = _submitted(applicant, item)
    assert clients["applicant"].get(f"/cases/{other_case.pk}/material/{material.pk}/").status_code == 404
    assert clients["applicant"].get(f"/cases/{case.pk}/material/999999/").status_code == 404
    assert clients["another_citizen"].get(f"/cases/{case.pk}/material/{material.pk}/").status_code == 404
    response = clients["staff"].get(f"/cases/{case.pk}/material/{material.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# --- the applicant's copies of the notices ----------------------------------------------------------


def test_the_applicant_downloads_the_notices_their_case_has(applicant, item, clerk, review_done, decider):  # noqa: F811
    case = _submitted(applicant, item)
    client = _client(applicant)
    assert 'data-testid="documents"' not in _html(client.get(f"/me/cases/{case.pk}/"))  # nothing issued yet
    early = client.get(f"/me/cases/{case.pk}/document/decision/")
    assert early.status_code == 409 and "文书暂不可用" in _html(early)
    services.case_accept(actor=clerk, case_id=case.pk)
    page = _html(client.get(f"/me/cases/{case.pk}/"))
    assert f'href="/me/cases/{case.pk}/document/acceptance/"' in page
    assert "/document/decision/" not in page
    response = client.get(f"/me/cases/{case.pk}/document/acceptance/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Cache-Control"] == "private, no-store"
    review_done(case.pk)
    services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合条件")
    assert f"/me/cases/{case.pk}/document/decision/" in _html(client.get(f"/me/cases/{case.pk}/"))
    assert client.get(f"/me/cases/{case.pk}/document/decision/").status_code == 200
    assert client.get(f"/me/cases/{case.pk}/document/unknown/").status_code == 404
