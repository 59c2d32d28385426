"""Applying online (网上申请) in the portal: start, draft and resume, the form from JSON Schema with
server-side errors per field, uploads, idempotent submission, and the cases where applying is not
possible (offline item, retired item, an organisation the person does not represent)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govhall.accounts import services as account_services
from govhall.cases.models import Case, CaseMaterial, IdempotencyKey
from govhall.catalog import services as catalog_services
from tests import factories
from tests.cases.conftest import PDF, PNG, _a_working_monday_in_2026, _files_in_tmp  # noqa: F401 - fixtures
from tests.catalog.conftest import ACTOR, basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "applicant_name": {"type": "string", "title": "申请人姓名", "maxLength": 50},
        "shop_name": {"type": "string", "title": "店铺名称", "maxLength": 20},
        "area": {"type": "number", "title": "经营面积"},
        "staff": {"type": "integer", "title": "从业人数"},
        "opening_date": {"type": "string", "format": "date", "title": "开业日期"},
        "mode": {"type": "string", "title": "经营方式", "enum": ["堂食", "外卖", "堂食和外卖"]},
        "chain": {"type": "boolean", "title": "是否连锁经营"},
        "scope": {"type": "string", "title": "经营范围", "maxLength": 500},
    },
    "required": ["applicant_name", "shop_name", "area", "mode"],
    "additionalProperties": False,
}
VALID = {
    "f_applicant_name": "王芳",
    "f_shop_name": "闽南小吃",
    "f_area": "35.5",
    "f_staff": "3",
    "f_opening_date": "2026-04-01",
    "f_mode": "堂食",
    "f_chain": "false",
    "f_scope": "小吃制售",
}


@pytest.fixture
def item(make_item):  # noqa: F811
    return make_item(form_schema=SCHEMA, service_object="both")


@pytest.fixture
def citizen(db):
    user, number = factories.citizen(name="王芳")
    user.id_number_for_test = number
    return user


@pytest.fixture
def client(citizen):
    client = Client()
    client.force_login(citizen, backend="govhall.accounts.backends.GovhallBackend")
    return client


@pytest.fixture
def other(db):
    user, _number = factories.citizen(name="李四")
    client = Client()
    client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    return client


def _organization(person, name="漳州市芗城区闽南小吃店"):
    return account_services.organization_create(
        actor=factories.SYSTEM,
        name=name,
        credit_code=factories.credit_code(authority="9", org_type="2", region="350600"),
        org_type="individual_business",
        legal_representative=person,
        region_code="350600",
    )


def _start(client, item, applicant="person"):
    response = client.post(f"/apply/{item.service_item.code}/", {"applicant": applicant})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Case.objects.order_by("-pk").first(), response


def _save(client, case, data, action="save", key=None):
    payload = {**data, "action": action}
    if key:
        payload["idempotency_key"] = key
    return client.post(f"/apply/draft/{case.pk}/", payload)


def _upload(client, case, requirement, content=PDF, name="申请书.pdf"):
    return client.post(
        f"/apply/draft/{case.pk}/material/{requirement.pk}/", {"file": SimpleUploadedFile(name, content)}
    )


def _upload_all(client, case, item):
    for requirement in item.materials.all():
        response = _upload(client, case, requirement)
        assert response.status_code == 302


def _html(response) -> str:
    return response.content.decode()


def _block(html: str, testid: str) -> str:
    """The HTML of the element marked ``data-testid=testid`` up to the next field block."""
    start = html.index(f'data-testid="{testid}"')
    following = html.find('class="apply-field"', start)
    return html[start : following if following != -1 else None]


def _row(html: str, requirement) -> str:
    start = html.index(f'id="material-{requirement.pk}"')
    end = html.find("</article>", start)
    return html[start:end]


# --- start and resume ------------------------------------------------------------------------


def test_guide_links_to_the_apply_page(item):
    response = Client().get(f"/services/item/{item.service_item.code}/")
    assert f'href="/apply/{item.service_item.code}/"' in _html(response)


def test_anonymous_visitor_is_sent_to_login(item):
    response = Client().get(f"/apply/{item.service_item.code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=%2Fapply%2F{item.service_item.code}%2F"
    assert Client().post(f"/apply/{item.service_item.code}/", {"applicant": "person"}).status_code == 302
    assert Case.objects.count() == 0


def test_start_page_offers_only_identities_the_item_serves(make_item, citizen, client):  # noqa: F811
    org = _organization(citizen.person)
    both = make_item(form_schema=SCHEMA, service_object="both")
    person_only = make_item(form_schema=SCHEMA, service_object="person")
    enterprise_only = make_item(form_schema=SCHEMA, service_object="enterprise")

    html = _html(client.get(f"/apply/{both.service_item.code}/"))
    assert 'value="person"' in html and f'value="org-{org.pk}"' in html
    html = _html(client.get(f"/apply/{person_only.service_item.code}/"))
    assert 'value="person"' in html and f'value="org-{org.pk}"' not in html
    html = _html(client.get(f"/apply/{enterprise_only.service_item.code}/"))
    assert 'value="person"' not in html and f'value="org-{org.pk}"' in html
    assert org.credit_code in html


def test_enterprise_item_without_a_represented_organisation_explains_why(make_item, client):  # noqa: F811
    enterprise_only = make_item(form_schema=SCHEMA, service_object="enterprise")
    response = client.get(f"/apply/{enterprise_only.service_item.code}/")
    assert response.status_code == 200
    assert 'data-testid="no-identity"' in _html(response) and "法人" in _html(response)
    assert 'data-testid="start-apply"' not in _html(response)


def test_start_creates_a_draft_prefilled_with_the_name_only(item, citizen, client):
    case, response = _start(client, item)
    assert response["Location"] == f"/apply/draft/{case.pk}/"
    assert (case.status, case.applicant_user_id, case.applicant_kind) == ("draft", citizen.pk, "person")
    assert case.form_data == {"applicant_name": "王芳"}
    html = _html(client.get(response["Location"]))
    assert 'name="f_applicant_name"' in html and 'value="王芳"' in html
    assert citizen.id_number_for_test not in html  # never the full ID number
    assert citizen.person.id_number_masked not in html  # the form does not ask for it, so not even masked


def test_applying_as_a_represented_organisation_prefills_its_name(item, citizen, client):
    org = _organization(citizen.person)
    case, _response = _start(client, item, applicant=f"org-{org.pk}")
    assert (case.applicant_kind, case.applicant_organization_id, case.applicant_name) == (
        "organization",
        org.pk,
        org.name,
    )
    assert case.form_data["applicant_name"] == org.name


def test_organisation_the_person_does_not_represent_is_refused(item, client):
    stranger, _number = factories.citizen(name="陈建国")
    org = _organization(stranger.person, name="漳州市水仙花食品有限公司")
    response = client.post(f"/apply/{item.service_item.code}/", {"applicant": f"org-{org.pk}"})
    assert response.status_code == 403
    assert "您无权代表该单位办理" in _html(response)
    assert Case.objects.count() == 0


def test_person_cannot_apply_for_an_enterprise_only_item_as_themself(make_item, citizen, client):  # noqa: F811
    _organization(citizen.person)
    enterprise_only = make_item(form_schema=SCHEMA, service_object="enterprise")
    response = client.post(f"/apply/{enterprise_only.service_item.code}/", {"applicant": "person"})
    assert response.status_code == 422
    assert "服务对象" in _html(response)
    assert Case.objects.count() == 0


def test_a_malformed_identity_is_refused(item, client):
    response = client.post(f"/apply/{item.service_item.code}/", {"applicant": "org-../1"})
    assert response.status_code == 422
    assert "请选择以什么身份申请" in _html(response)
    assert Case.objects.count() == 0


def test_offline_item_gets_a_friendly_message_and_no_draft(make_item, client):  # noqa: F811
    offline = make_item(form_schema=SCHEMA, online_application=False, visits_required=1)
    response = client.get(f"/apply/{offline.service_item.code}/")
    assert response.status_code == 200
    html = _html(response)
    assert "暂不支持网上申请" in html and "漳州市行政服务中心" in html
    assert f'href="/services/item/{offline.service_item.code}/"' in html
    response = client.post(f"/apply/{offline.service_item.code}/", {"applicant": "person"})
    assert "暂不支持网上申请" in _html(response)
    assert Case.objects.count() == 0


def test_retired_or_unknown_item_gets_a_friendly_not_found(item, client):
    catalog_services.version_retire(actor=ACTOR, version=item, reason="事项取消")
    for code in (item.service_item.code, "NO-SUCH-ITEM"):
        response = client.get(f"/apply/{code}/")
        assert response.status_code == 404
        assert "已停止办理" in _html(response)
        assert client.post(f"/apply/{code}/", {"applicant": "person"}).status_code == 404
    assert Case.objects.count() == 0


def test_draft_is_saved_and_resumed_on_another_device(item, citizen, client):
    case, _response = _start(client, item)
    response = _save(client, case, {**VALID, "f_scope": ""})
    assert response.status_code == 302 and response["Location"] == f"/apply/draft/{case.pk}/"
    case.refresh_from_db()
    assert case.status == "draft"
    assert case.form_data == {
        "applicant_name": "王芳",
        "shop_name": "闽南小吃",
        "area": 35.5,
        "staff": 3,
        "opening_date": "2026-04-01",
        "mode": "堂食",
        "chain": False,
    }
    # A new session (another phone or computer): /apply/<code>/ goes straight to the draft.
    laptop = Client()
    laptop.force_login(citizen, backend="govhall.accounts.backends.GovhallBackend")
    response = laptop.get(f"/apply/{item.service_item.code}/")
    assert response.status_code == 302 and response["Location"] == f"/apply/draft/{case.pk}/"
    html = _html(laptop.get(f"/apply/draft/{case.pk}/"))
    assert 'value="闽南小吃"' in html and 'value="35.5"' in html and '<option value="堂食" selected>' in html
    assert re.search(r'value="false"\s+checked', html)
    # "以其他身份另行申请" shows the start page instead
    assert laptop.get(f"/apply/{item.service_item.code}/?new=1").status_code == 200


def test_form_has_client_side_validation_attributes(item, client):
    case, _response = _start(client, item)
    html = _html(client.get(f"/apply/draft/{case.pk}/"))
    shop = re.search(r"<input[^>]*name=\"f_shop_name\"[^>]*>", html, re.S).group()
    assert 'maxlength="20"' in shop and "required" in shop
    area = re.search(r"<input[^>]*name=\"f_area\"[^>]*>", html, re.S).group()
    assert 'type="number"' in area and 'step="any"' in area
    staff = re.search(r"<input[^>]*name=\"f_staff\"[^>]*>", html, re.S).group()
    assert 'step="1"' in staff and "required" not in staff
    assert re.search(r'<input[^>]*name="f_opening_date"[^>]*type="date"', html, re.S)
    assert '<select class="form-select" name="f_mode"' in html
    assert re.search(r'<textarea[^>]*name="f_scope"[^>]*maxlength="500"', html)
    assert "govhall/js/apply.js" in html and 'id="apply-messages"' in html
    # the file inputs only offer what the requirement accepts
    requirement = item.materials.get(name="食品经营许可申请书")
    assert re.search(r'accept="\.pdf"', _row(html, requirement))
    # the licence-satisfiable material says so
    licence = item.materials.get(name="营业执照")
    assert "可用电子证照，免提交" in _row(html, licence)
    # saving a draft skips the browser's checks; submitting does not
    assert re.search(r'value="save"[^>]*formnovalidate', html)
    assert not re.search(r'value="submit"[^>]*formnovalidate', html)


def test_server_side_errors_are_shown_next_to_each_field(item, client):
    case, _response = _start(client, item)
    _upload_all(client, case, item)
    bad = {**VALID, "f_shop_name": "很" * 30, "f_area": "很大", "f_opening_date": "2026-02-30", "f_mode": "代购"}
    bad.pop("f_applicant_name")
    response = _save(client, case, bad, action="submit", key="a" * 32)
    assert response.status_code == 422
    html = _html(response)
    assert "申请表有5处需要修改" in html
    assert "请填写“申请人姓名”" in _block(html, "field-applicant_name")
    assert "“店铺名称”内容过长" in _block(html, "field-shop_name")
    assert "“经营面积”的格式不正确" in _block(html, "field-area")
    assert "“开业日期”的格式不正确" in _block(html, "field-opening_date")
    assert "“经营方式”请从给定选项中选择" in _block(html, "field-mode")
    assert 'aria-invalid="true" aria-describedby="id_f_area-error"' in html
    assert 'href="#id_f_area"' in html  # the error summary links to the field
    # what was typed is kept, so the person corrects rather than retypes
    assert 'value="很大"' in html
    case.refresh_from_db()
    assert (case.status, case.number) == ("draft", None)
    assert case.form_data["area"] == "很大"
    assert IdempotencyKey.objects.count() == 0


def test_missing_materials_are_shown_on_their_rows(item, client):
    case, _response = _start(client, item)
    response = _save(client, case, VALID, action="submit", key="b" * 32)
    assert response.status_code == 422
    html = _html(response)
    assert "还缺少2项必要材料" in html
    for requirement in item.materials.all():
        assert "请上传此材料" in _row(html, requirement)
    case.refresh_from_db()
    assert case.status == "draft"


def test_good_upload_is_listed_with_a_download_link(item, client):
    case, _response = _start(client, item)
    requirement = item.materials.get(name="食品经营许可申请书")
    response = _upload(client, case, requirement, name="食品经营许可申请书.pdf")
    assert response.status_code == 302
    assert response["Location"] == f"/apply/draft/{case.pk}/#material-{requirement.pk}"
    material = CaseMaterial.objects.get(case=case)
    assert (material.display_name, material.content_type, len(material.sm3)) == (
        "食品经营许可申请书.pdf",
        "application/pdf",
        64,
    )
    row = _row(_html(client.get(response["Location"])), requirement)
    assert f'href="/cases/{case.pk}/material/{material.pk}/"' in row
    assert f'action="/apply/draft/{case.pk}/file/{material.pk}/remove/"' in row


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just some text, renamed", "申请书.pdf", "文件内容不是允许的类型（可上传：pdf）"),
        (PDF + b"0" * (5 * 1024 * 1024), "大文件.pdf", "文件超过该材料的大小上限（5 MB）"),
        (b"", "空文件.pdf", "文件是空的"),
        (PNG, "照片.png", "文件内容不是允许的类型"),
    ],
    ids=["text-renamed-pdf", "oversize", "empty", "wrong-type"],
)
def test_bad_uploads_are_explained_on_the_row_and_nothing_is_stored(item, client, tmp_path, content, name, message):
    case, _response = _start(client, item)
    requirement = item.materials.get(name="食品经营许可申请书")
    response = _upload(client, case, requirement, content=content, name=name)
    assert response.status_code == 302
    assert CaseMaterial.objects.count() == 0
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    html = _html(client.get(response["Location"]))
    row = _row(html, requirement)
    assert message in row and 'data-testid="material-error"' in row
    # shown once: a reload no longer carries the error
    assert message not in _html(client.get(response["Location"]))


def test_upload_without_a_file_asks_for_one(item, client):
    case, _response = _start(client, item)
    requirement = item.materials.first()
    response = client.post(f"/apply/draft/{case.pk}/material/{requirement.pk}/", {})
    assert "请先选择要上传的文件" in _row(_html(client.get(response["Location"])), requirement)
    assert CaseMaterial.objects.count() == 0


def test_path_in_the_file_name_is_dropped(item, client):
    case, _response = _start(client, item)
    requirement = item.materials.get(name="食品经营许可申请书")
    _upload(client, case, requirement, name="../../x")
    material = CaseMaterial.objects.get(case=case)
    assert material.display_name == "x.pdf"
    html = _html(client.get(f"/apply/draft/{case.pk}/"))
    assert "../" not in _row(html, requirement)


def test_uploaded_file_can_be_removed(item, client):
    case, _response = _start(client, item)
    requirement = item.materials.first()
    _upload(client, case, requirement)
    material = CaseMaterial.objects.get(case=case)
    response = client.post(f"/apply/draft/{case.pk}/file/{material.pk}/remove/")
    assert response.status_code == 302
    assert response["Location"] == f"/apply/draft/{case.pk}/#material-{requirement.pk}"
    assert CaseMaterial.objects.count() == 0


def test_submit_shows_the_case_number_and_the_acceptance_deadline(item, client):
    case, _response = _start(client, item)
    _upload_all(client, case, item)
    response = _save(client, case, VALID, action="submit", key=("c" * 32))
    assert response.status_code == 302
    assert response["Location"] == f"/apply/submitted/{case.pk}/"
    case.refresh_from_db()
    assert case.status == "submitted" and case.number
    assert case.form_data["shop_name"] == "闽南小吃"  # the last edits were saved before submitting
    html = _html(client.get(response["Location"]))
    assert case.number in html
    assert "2026-03-09" in html  # 5 working days after Monday 2026-03-02
    assert "一次性告知" in html
    # the draft page of a submitted case leads to the case page
    assert client.get(f"/apply/draft/{case.pk}/")["Location"] == f"/me/cases/{case.pk}/"


def test_submitting_twice_with_the_same_key_gives_one_case(item, client):
    case, _response = _start(client, item)
    _upload_all(client, case, item)
    key = "d" * 32
    first = _save(client, case, VALID, action="submit", key=key)
    second = _save(client, case, VALID, action="submit", key=key)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/apply/submitted/{case.pk}/"
    assert Case.objects.exclude(number=None).count() == 1
    assert IdempotencyKey.objects.filter(case=case).count() == 1
    # A different key for the submitted case (another tab) cannot submit it again either.
    third = _save(client, case, VALID, action="submit", key="e" * 32)
    assert third["Location"] == f"/me/cases/{case.pk}/"
    assert Case.objects.exclude(number=None).count() == 1


def test_another_citizen_cannot_touch_the_draft(item, client, other, tmp_path):
    case, _response = _start(client, item)
    _save(client, case, VALID)
    requirement = item.materials.first()
    _upload(client, case, requirement)
    material = CaseMaterial.objects.get(case=case)
    before = (dict(Case.objects.get(pk=case.pk).form_data), CaseMaterial.objects.count())
    files_before = sorted(p for p in tmp_path.rglob("*") if p.is_file())

    assert other.get(f"/apply/draft/{case.pk}/").status_code == 404
    assert _save(other, case, {**VALID, "f_shop_name": "冒名"}).status_code == 404
    assert _save(other, case, VALID, action="submit", key="f" * 32).status_code == 404
    assert _upload(other, case, requirement).status_code == 404
    assert other.post(f"/apply/draft/{case.pk}/file/{material.pk}/remove/").status_code == 404
    assert other.get(f"/apply/submitted/{case.pk}/").status_code == 404

    case.refresh_from_db()
    assert (dict(case.form_data), CaseMaterial.objects.count()) == before
    assert case.status == "draft"
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == files_before


def test_draft_of_a_retired_item_cannot_be_submitted(item, client):
    case, _response = _start(client, item)
    _upload_all(client, case, item)
    catalog_services.version_retire(actor=ACTOR, version=item, reason="事项取消")
    html = _html(client.get(f"/apply/draft/{case.pk}/"))
    assert 'data-testid="outdated"' in html
    response = _save(client, case, VALID, action="submit", key="9" * 32)
    assert response.status_code == 302 and response["Location"] == f"/apply/draft/{case.pk}/"
    case.refresh_from_db()
    assert case.status == "draft"
