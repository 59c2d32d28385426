"""Applying for a 一件事 (bundle) in the portal: one combined form, each item's materials, one submit."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govhall.cases.models import Case, CaseMaterial
from tests import factories
from tests.cases.conftest import PDF, _a_working_monday_in_2026, _files_in_tmp  # noqa: F401 - fixtures
from tests.cases.test_bundles import bundle, other_department  # noqa: F401 - fixtures
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(db):
    user, _number = factories.citizen(name="王芳")
    return user


@pytest.fixture
def client(citizen):
    client = Client()
    client.force_login(citizen, backend="govhall.accounts.backends.GovhallBackend")
    return client


def _html(response) -> str:
    return response.content.decode()


def _start(client, bundle) -> Case:  # noqa: F811
    response = client.post(f"/apply/bundle/{bundle.code}/", {"applicant": "person"})
    assert response.status_code == 302, _html(response)
    return Case.objects.get(kind="bundle", bundle=bundle)


def _upload_all(client, case) -> None:
    for child in Case.objects.filter(parent=case).order_by("pk"):
        for requirement in child.item_version.materials.all():
            response = client.post(
                f"/apply/draft/{child.pk}/material/{requirement.pk}/",
                {"file": SimpleUploadedFile("申请书.pdf", PDF, content_type="application/pdf")},
            )
            # the upload returns to the bundle's page, at the requirement's row
            assert response["Location"] == f"/apply/bundle/draft/{case.pk}/#material-{requirement.pk}"


def test_bundle_page_links_to_the_combined_application(bundle, client):  # noqa: F811
    page = _html(client.get(f"/services/bundle/{bundle.code}/"))
    assert f'href="/apply/bundle/{bundle.code}/"' in page


def test_start_creates_the_bundle_draft_and_resumes_it(bundle, client):  # noqa: F811
    case = _start(client, bundle)
    assert case.status == "draft" and case.form_data == {}  # no name field to prefill in these forms
    assert Case.objects.filter(parent=case).count() == 2
    # coming back resumes the draft instead of starting a second one
    assert client.get(f"/apply/bundle/{bundle.code}/")["Location"] == f"/apply/bundle/draft/{case.pk}/"
    page = _html(client.get(f"/apply/bundle/draft/{case.pk}/"))
    # one form: 店铺名称 appears once although both items ask for it
    assert page.count('name="f_shop_name"') == 1
    assert 'name="f_staff_count"' in page and 'name="f_area"' in page
    assert page.count('data-testid="bundle-item"') == 2


def test_saving_splits_the_form_between_the_items(bundle, client):  # noqa: F811
    case = _start(client, bundle)
    response = client.post(
        f"/apply/bundle/draft/{case.pk}/",
        {"action": "save", "f_shop_name": "闽南小吃", "f_area": "30", "f_staff_count": "4"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.form_data == {"shop_name": "闽南小吃", "area": 30, "staff_count": 4}
    first, second = Case.objects.filter(parent=case).order_by("pk")
    assert first.form_data == {"shop_name": "闽南小吃", "area": 30}
    assert second.form_data == {"shop_name": "闽南小吃", "staff_count": 4}


def test_submit_lists_every_problem_of_every_item_at_once_and_keeps_the_draft(bundle, client):  # noqa: F811
    case = _start(client, bundle)
    response = client.post(
        f"/apply/bundle/draft/{case.pk}/",
        {"action": "submit", "idempotency_key": uuid.uuid4().hex, "f_shop_name": "闽南小吃"},
    )
    assert response.status_code == 422
    summary = re.search(r'data-testid="error-summary">(.*?)</div>', _html(response), re.S).group(1)
    assert "从业人员数" in summary  # the second item's required field
    case.refresh_from_db()
    assert case.status == "draft" and case.form_data == {"shop_name": "闽南小吃"}
    _upload_all(client, case)
    response = client.post(
        f"/apply/bundle/draft/{case.pk}/",
        {"action": "submit", "idempotency_key": uuid.uuid4().hex, "f_shop_name": "闽南小吃", "f_staff_count": "4"},
    )
    assert response.status_code == 302, _html(response)
    case.refresh_from_db()
    assert case.status == "submitted" and case.number
    assert sorted(Case.objects.filter(parent=case).values_list("status", flat=True)) == ["submitted", "submitted"]


def test_double_submit_with_the_same_key_gives_one_submission(bundle, client):  # noqa: F811
    case = _start(client, bundle)
    _upload_all(client, case)
    data = {"action": "submit", "idempotency_key": uuid.uuid4().hex, "f_shop_name": "闽南小吃", "f_staff_count": "4"}
    first = client.post(f"/apply/bundle/draft/{case.pk}/", data)
    second = client.post(f"/apply/bundle/draft/{case.pk}/", data)
    assert first["Location"] == second["Location"] == f"/apply/submitted/{case.pk}/"
    assert Case.objects.filter(kind="bundle").count() == 1
    case.refresh_from_db()
    assert case.events.filter(kind="submit").count() == 1


def test_my_case_shows_the_items_and_a_child_link_opens_the_bundle(bundle, client):  # noqa: F811
    case = _start(client, bundle)
    _upload_all(client, case)
    client.post(
        f"/apply/bundle/draft/{case.pk}/",
        {"action": "submit", "idempotency_key": uuid.uuid4().hex, "f_shop_name": "闽南小吃", "f_staff_count": "4"},
    )
    page = _html(client.get(f"/me/cases/{case.pk}/"))
    assert page.count('data-testid="bundle-item"') == 2
    assert "从业人员数" in page  # the combined form's titles
    child = Case.objects.filter(parent=case).first()
    assert client.get(f"/me/cases/{child.pk}/")["Location"] == f"/me/cases/{case.pk}/"
    # a child's uploaded file downloads for its owner
    material = CaseMaterial.objects.filter(case=child).first()
    assert client.get(f"/cases/{child.pk}/material/{material.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "another citizen"])
def test_others_cannot_see_or_change_the_bundle_draft(bundle, client, who):  # noqa: F811
    case = _start(client, bundle)
    intruder = Client()
    if who == "another citizen":
        other, _number = factories.citizen(name="李四")
        intruder.force_login(other, backend="govhall.accounts.backends.GovhallBackend")
    before = (case.form_data, case.updated_at)
    get = intruder.get(f"/apply/bundle/draft/{case.pk}/")
    post = intruder.post(f"/apply/bundle/draft/{case.pk}/", {"action": "save", "f_shop_name": "篡改"})
    if who == "anonymous":
        assert get.status_code == post.status_code == 302 and "/login/" in get["Location"]
    else:
        assert get.status_code == post.status_code == 404
    case.refresh_from_db()
    assert (case.form_data, case.updated_at) == before


def test_unknown_bundle_is_a_friendly_not_found(client):
    response = client.get("/apply/bundle/NOPE-1/")
    assert response.status_code == 404 and "一件事" in _html(response)
