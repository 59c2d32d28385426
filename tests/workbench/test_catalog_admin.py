"""Catalogue administration in the workbench: who may do what, and the draft → publish → retire flow."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from govhall.accounts import services as accounts
from govhall.accounts.constants import Role
from govhall.catalog import services
from govhall.catalog.models import MaterialRequirement, ServiceItemVersion
from govhall.core.models import AuditEvent
from tests import factories
from tests.portal import catalog_data

pytestmark = pytest.mark.django_db

BACKEND = "govhall.accounts.backends.GovhallBackend"


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def market():
    return factories.department("漳州市市场监督管理局")


@pytest.fixture
def housing():
    return factories.department("漳州市住房公积金中心")


@pytest.fixture
def people(market, housing):
    def staff_with(role=None, department=None):
        user = factories.staff()
        if role:
            accounts.role_grant(actor=factories.SYSTEM, user=user, department=department, role=role)
        return user

    citizen, _ = factories.citizen()
    return {
        "anonymous": None,
        "citizen": citizen,
        "reviewer": staff_with(Role.REVIEWER, market),
        "no_role": staff_with(),
        "other_admin": staff_with(Role.DEPARTMENT_ADMIN, housing),
        "dept_admin": staff_with(Role.DEPARTMENT_ADMIN, market),
        "catalog_admin": staff_with(Role.CATALOG_ADMIN, housing),  # any department: manages all
    }


def client_for(people, who) -> Client:
    return Client() if people[who] is None else _client(people[who])


@pytest.fixture
def published(market):
    return catalog_data.item(market)


@pytest.fixture
def draft(published):
    return services.version_draft_from(actor=catalog_data.ACTOR, version=published)


def _state():
    """Everything a denied or refused request must leave as it was."""
    versions = list(
        ServiceItemVersion.objects.order_by("pk").values_list(
            "pk", "status", "promised_limit", "name", "effective_to", "change_note"
        )
    )
    materials = list(MaterialRequirement.objects.order_by("pk").values_list("pk", "version_id", "name"))
    return versions, materials, AuditEvent.objects.count()


def _edit_data(version, **overrides):
    """The edit form as the browser would post it for ``version``, with ``overrides``."""
    data = {
        "name": version.name,
        "keywords": version.keywords,
        "summary": version.summary,
        "conditions": version.conditions,
        "legal_basis": version.legal_basis,
        "statutory_limit": version.statutory_limit,
        "promised_limit": version.promised_limit,
        "limit_unit": version.limit_unit,
        "handling_type": version.handling_type,
        "service_object": version.service_object,
        "visits_required": version.visits_required,
        "result_delivery": version.result_delivery,
        "license_type_code": version.license_type_code,
        "handling_place": version.handling_place,
        "handling_hours": version.handling_hours,
        "consultation_channel": version.consultation_channel,
        "complaint_channel": version.complaint_channel,
        "process_description": version.process_description,
        "change_note": "",
        "then": "item",
    }
    for flag in ("is_free", "online_application", "uses_pre_review", "issues_license"):
        if getattr(version, flag):
            data[flag] = "on"
    materials = list(version.materials.all())
    data.update(
        {
            "materials-TOTAL_FORMS": str(len(materials) + 1),
            "materials-INITIAL_FORMS": str(len(materials)),
            "materials-MIN_NUM_FORMS": "0",
            "materials-MAX_NUM_FORMS": "100",
        }
    )
    for index, material in enumerate(materials):
        for name in (
            "name",
            "necessity",
            "form",
            "copies",
            "max_size_mb",
            "satisfied_by_license_type",
            "note",
            "condition_note",
            "source",
            "legal_source",
            "satisfied_by_data_resource",
            "sample_file",
            "blank_form_file",
        ):
            data[f"materials-{index}-{name}"] = getattr(material, name)
        data[f"materials-{index}-file_types"] = ", ".join(material.file_types)
    blank = len(materials)
    data.update(
        {
            f"materials-{blank}-necessity": "required",
            f"materials-{blank}-form": "electronic",
            f"materials-{blank}-copies": "1",
            f"materials-{blank}-file_types": "pdf, jpg, png",
            f"materials-{blank}-max_size_mb": "10",
        }
    )
    data.update(overrides)
    return data


# --- permission matrix ---------------------------------------------------------------------------

READERS_OK = ("dept_admin", "catalog_admin")
LOGIN = "/workbench/login/"


@pytest.mark.parametrize("who", ["anonymous", "citizen", "reviewer", "no_role", "other_admin", *READERS_OK])
def test_items_list_access(people, published, who):
    response = client_for(people, who).get("/workbench/catalog/")
    if who in ("anonymous", "citizen"):
        assert response.status_code == 302 and response["Location"].split("?")[0] == LOGIN
    elif who in ("reviewer", "no_role"):
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        listed = published.service_item.code in response.content.decode()
        assert listed == (who in READERS_OK)  # another department's admin does not see it


def _pages(published, draft):
    code = published.service_item.code
    return {
        "item": ("get", f"/workbench/catalog/item/{code}/", {}),
        "diff": ("get", f"/workbench/catalog/item/{code}/diff/?a=1&b=2", {}),
        "edit_get": ("get", f"/workbench/catalog/version/{draft.pk}/edit/", {}),
        "edit": ("post", f"/workbench/catalog/version/{draft.pk}/edit/", _edit_data(draft, promised_limit="2")),
        "publish": ("post", f"/workbench/catalog/version/{draft.pk}/publish/", {}),
        "retire": ("post", f"/workbench/catalog/version/{published.pk}/retire/", {"reason": "事项取消"}),
    }


@pytest.mark.parametrize("page", ["item", "diff", "edit_get", "edit", "publish", "retire"])
@pytest.mark.parametrize("who", ["anonymous", "citizen", "reviewer", "no_role", "other_admin"])
def test_denied_pages_change_nothing(people, published, draft, who, page):
    method, path, data = _pages(published, draft)[page]
    before = _state()
    response = getattr(client_for(people, who), method)(path, data)
    if who in ("anonymous", "citizen"):
        assert response.status_code == 302 and response["Location"].split("?")[0] == LOGIN
    elif who in ("reviewer", "no_role"):
        assert response.status_code == 403
    else:  # a department admin of another department: as if the item did not exist
        assert response.status_code == 404
        assert "事项不存在，或不属于您管理的部门。" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("page", ["item", "diff", "edit_get", "edit", "publish", "retire"])
@pytest.mark.parametrize("who", READERS_OK)
def test_allowed_admins_reach_every_page(people, published, draft, who, page):
    method, path, data = _pages(published, draft)[page]
    response = getattr(client_for(people, who), method)(path, data)
    assert response.status_code == (200 if method == "get" else 302), response.content.decode()[:2000]


def test_draft_create_is_denied_outside_the_department(people, published):
    before = _state()
    response = client_for(people, "other_admin").post(f"/workbench/catalog/item/{published.service_item.code}/draft/")
    assert response.status_code == 404
    assert _state() == before


def test_nav_link_only_for_catalogue_roles(people):
    assert "事项管理" in client_for(people, "catalog_admin").get("/workbench/").content.decode()
    assert "事项管理" in client_for(people, "dept_admin").get("/workbench/").content.decode()
    assert "事项管理" not in client_for(people, "reviewer").get("/workbench/").content.decode()


# --- list ----------------------------------------------------------------------------------------


def test_items_list_filters_by_department_status_and_name(people, market, housing):
    a = catalog_data.item(market, name="个体工商户设立登记")
    catalog_data.item(market, name="食品经营许可", publish=False)
    c = catalog_data.item(housing, name="住房公积金提取")
    services.version_draft_from(actor=catalog_data.ACTOR, version=a)
    client = client_for(people, "catalog_admin")
    page = client.get("/workbench/catalog/").content.decode()
    assert all(name in page for name in ("个体工商户设立登记", "食品经营许可", "住房公积金提取"))
    row = re.search(rf"<tr>\s*<td[^>]*>{a.service_item.code}</td>.*?</tr>", page, re.S).group()
    assert "v2" in row and "草稿" in row and "v1" in row  # newest version v2 draft, published v1
    by_department = client.get("/workbench/catalog/", {"department": housing.pk}).content.decode()
    assert "住房公积金提取" in by_department and "食品经营许可" not in by_department
    drafts = client.get("/workbench/catalog/", {"status": "draft"}).content.decode()
    assert "食品经营许可" in drafts and "个体工商户设立登记" in drafts and "住房公积金提取" not in drafts
    named = client.get("/workbench/catalog/", {"q": "公积金"}).content.decode()
    assert "住房公积金提取" in named and "食品经营许可" not in named
    by_code = client.get("/workbench/catalog/", {"q": c.service_item.code[-8:]}).content.decode()
    assert "住房公积金提取" in by_code


# --- item page and drafts ------------------------------------------------------------------------


def test_item_page_shows_history_and_actions(people, published):
    client = client_for(people, "catalog_admin")
    page = client.get(f"/workbench/catalog/item/{published.service_item.code}/").content.decode()
    assert 'data-testid="new-draft"' in page and 'data-testid="retire"' in page
    assert 'data-testid="edit-draft"' not in page  # a published version has no edit button
    assert re.search(r'<tr data-version="1">.*?已发布', page, re.S)


def test_item_page_shows_who_changed_what(people, published):
    admin = people["dept_admin"]
    client = client_for(people, "dept_admin")
    code = published.service_item.code
    client.post(f"/workbench/catalog/item/{code}/draft/")
    draft = ServiceItemVersion.objects.get(service_item=published.service_item, version=2)
    client.post(f"/workbench/catalog/version/{draft.pk}/publish/")
    page = client.get(f"/workbench/catalog/item/{code}/").content.decode()
    history = re.search(r'<table[^>]*data-testid="history".*?</table>', page, re.S).group()
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in re.findall(r"<tr>.*?</tr>", history, re.S)]
    assert len(rows) == 1 + 4  # header; create v1, publish v1, draft v2, publish v2 — newest first
    assert f"{admin.display_name} 发布 v2 同时停用第1版" in rows[1]
    assert f"{admin.display_name} 新建草稿 v2 由第1版复制" in rows[2]
    assert "系统 发布 v1" in rows[3] and "系统 创建事项 v1" in rows[4]


def test_new_draft_copies_the_published_version_and_a_second_is_refused(people, published):
    client = client_for(people, "dept_admin")
    url = f"/workbench/catalog/item/{published.service_item.code}/draft/"
    response = client.post(url)
    draft = ServiceItemVersion.objects.get(service_item=published.service_item, version=2)
    assert response.status_code == 302 and response["Location"] == f"/workbench/catalog/version/{draft.pk}/edit/"
    assert draft.status == "draft" and draft.created_by_id == people["dept_admin"].pk
    assert list(draft.materials.values_list("name", flat=True)) == [m["name"] for m in catalog_data.MATERIALS]
    before = _state()
    again = client.post(url, follow=True)
    assert "该事项已有草稿版本" in again.content.decode()
    assert _state() == before
    assert client.get(url).status_code == 405


def test_editing_a_draft_saves_fields_and_materials(people, draft):
    client = client_for(people, "dept_admin")
    data = _edit_data(draft, promised_limit="1", change_note="压缩承诺时限", name="个体工商户设立登记（新）")
    data["materials-0-copies"] = "3"
    data["materials-1-DELETE"] = "on"
    data.update(
        {"materials-3-name": "经营者照片", "materials-3-necessity": "optional", "materials-3-file_types": "jpg，png"}
    )
    response = client.post(f"/workbench/catalog/version/{draft.pk}/edit/", data)
    assert response.status_code == 302 and response["Location"] == f"/workbench/catalog/item/{draft.service_item.code}/"
    draft.refresh_from_db()
    assert (draft.promised_limit, draft.change_note, draft.name) == (1, "压缩承诺时限", "个体工商户设立登记（新）")
    materials = list(draft.materials.order_by("sort_order").values_list("name", "copies", "file_types", "necessity"))
    assert materials == [
        ("设立登记申请书", 3, ["pdf", "ofd"], "required"),
        ("住所使用证明", 1, ["pdf", "jpg", "png"], "conditional"),
        ("经营者照片", 1, ["jpg", "png"], "optional"),
    ]
    assert draft.materials.get(name="住所使用证明").satisfied_by_data_resource == "real_estate_registry"
    assert AuditEvent.objects.filter(action="service_item_version.update", actor_id=people["dept_admin"].pk).exists()


def test_save_and_continue_comes_back_with_a_blank_material_row(people, draft):
    client = client_for(people, "dept_admin")
    url = f"/workbench/catalog/version/{draft.pk}/edit/"
    response = client.post(url, _edit_data(draft, then="continue"))
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert 'name="materials-TOTAL_FORMS" value="4"' in page and 'name="materials-INITIAL_FORMS" value="3"' in page
    assert "草稿已保存。" in page


def test_saving_an_unchanged_form_changes_no_text(people, draft):
    """Browsers post textarea line breaks as CRLF; the draft must not differ from its source because of that."""
    services.version_update_draft(
        actor=catalog_data.ACTOR, version=draft, fields={"conditions": "第一行\n第二行", "legal_basis": "甲\n乙"}
    )
    draft.refresh_from_db()
    data = _edit_data(draft)
    for name in ("conditions", "legal_basis"):
        data[name] = data[name].replace("\n", "\r\n")
    client = client_for(people, "catalog_admin")
    assert client.post(f"/workbench/catalog/version/{draft.pk}/edit/", data).status_code == 302
    draft.refresh_from_db()
    assert (draft.conditions, draft.legal_basis) == ("第一行\n第二行", "甲\n乙")


def test_service_errors_appear_next_to_their_field_and_nothing_is_saved(people, draft):
    client = client_for(people, "catalog_admin")
    url = f"/workbench/catalog/version/{draft.pk}/edit/"
    before = _state()
    response = client.post(url, _edit_data(draft, statutory_limit="2", promised_limit="5"))
    assert response.status_code == 422
    page = response.content.decode()
    assert re.search(r'data-field-error="promised_limit">承诺办结时限不能长于法定办结时限。', page)
    assert "未保存" in page
    assert _state() == before

    bad_type = _edit_data(draft)
    bad_type["materials-0-file_types"] = "pdf, exe"
    response = client.post(url, bad_type)
    assert response.status_code == 422
    assert re.search(r'data-testid="materials-error">不支持的文件类型：exe', response.content.decode())
    assert _state() == before

    missing_names = _edit_data(draft, name="")
    missing_names["materials-0-name"] = ""
    response = client.post(url, missing_names)
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count('data-field-error="name"') == 2  # the item's name and the first material's, together
    assert _state() == before


def test_a_published_version_cannot_be_edited(people, published):
    client = client_for(people, "catalog_admin")
    url = f"/workbench/catalog/version/{published.pk}/edit/"
    before = _state()
    assert client.get(url).status_code == 409
    response = client.post(url, _edit_data(published, promised_limit="1"))
    assert response.status_code == 409
    assert "已发布或已停用的版本不能修改，请新建草稿版本。" in response.content.decode()
    assert _state() == before


# --- publish, retire, diff ------------------------------------------------------------------------


def test_publish_flow_retires_the_old_version_untouched(people, published, draft):
    client = client_for(people, "catalog_admin")
    client.post(f"/workbench/catalog/version/{draft.pk}/edit/", _edit_data(draft, promised_limit="1"))
    old_snapshot = services.version_snapshot(ServiceItemVersion.objects.get(pk=published.pk))
    confirm = client.get(f"/workbench/catalog/version/{draft.pk}/publish/")
    assert confirm.status_code == 200
    changed = re.findall(r'<th scope="row">(.*?)</th>', confirm.content.decode())
    assert changed == ["承诺办结时限"] and "确认发布" in confirm.content.decode()
    response = client.post(f"/workbench/catalog/version/{draft.pk}/publish/", {"effective_from": ""})
    assert response.status_code == 302 and response["Location"] == f"/workbench/catalog/item/{draft.service_item.code}/"
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == ("published", "retired")
    assert draft.published_by_id == people["catalog_admin"].pk and published.effective_to is not None
    assert services.version_snapshot(published) == old_snapshot
    assert "第2版已发布。" in client.get(response["Location"]).content.decode()
    guide = Client().get(f"/services/item/{draft.service_item.code}/").content.decode()
    assert "1 工作日" in guide and "版本 2" in guide


def test_publishing_twice_changes_nothing_the_second_time(people, draft):
    client = client_for(people, "dept_admin")
    url = f"/workbench/catalog/version/{draft.pk}/publish/"
    assert client.post(url).status_code == 302
    before = _state()
    response = client.post(url, follow=True)
    assert "该版本已发布或已被他人更改，请刷新后重试。" in response.content.decode()
    assert _state() == before


def test_publishing_an_incomplete_draft_shows_why(people, draft):
    client = client_for(people, "catalog_admin")
    data = _edit_data(draft)
    for index in range(3):
        data[f"materials-{index}-DELETE"] = "on"
    client.post(f"/workbench/catalog/version/{draft.pk}/edit/", data)
    assert draft.materials.count() == 0
    before = _state()
    response = client.post(f"/workbench/catalog/version/{draft.pk}/publish/", follow=True)
    assert "支持网上申请的事项须至少列出一项申请材料。" in response.content.decode()
    assert _state() == before


def test_retire_needs_a_reason_then_hides_the_guide(people, published):
    client = client_for(people, "dept_admin")
    url = f"/workbench/catalog/version/{published.pk}/retire/"
    before = _state()
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 422
    assert "请填写停用原因。" in response.content.decode()
    assert _state() == before
    response = client.post(url, {"reason": "上级取消该事项"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == "retired"
    assert Client().get(f"/services/item/{published.service_item.code}/").status_code == 404
    again = client.post(url, {"reason": "再来一次"}, follow=True)
    assert "只有已发布的版本可以停用。" in again.content.decode()


def test_diff_shows_changed_fields_and_materials(people, published, draft):
    data = _edit_data(draft, promised_limit="1", handling_type="instant")
    data["materials-2-DELETE"] = "on"
    client = client_for(people, "catalog_admin")
    client.post(f"/workbench/catalog/version/{draft.pk}/edit/", data)
    response = client.get(f"/workbench/catalog/item/{published.service_item.code}/diff/", {"a": 1, "b": 2})
    assert response.status_code == 200
    page = response.content.decode()
    table = re.search(r'<table[^>]*data-testid="diff".*?</table>', page, re.S).group()
    rows = {
        re.sub(r"<[^>]+>", "", row[0]).strip(): re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row[1]))
        for row in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', table, re.S)
    }
    assert set(rows) == {"承诺办结时限", "办件类型", "申请材料", "生效日期"}  # a draft has no date yet
    assert re.search(r"^\s*3\s+1\s*$", rows["承诺办结时限"])
    assert "承诺件" in rows["办件类型"] and "即办件" in rows["办件类型"]
    assert "<del>住所使用证明（容缺/情形必要" in table  # removed material struck out in the old column
    same = client.get(f"/workbench/catalog/item/{published.service_item.code}/diff/", {"a": 1, "b": 1})
    assert "两个版本的内容相同。" in same.content.decode()
