"""查看完整身份信息: the audited reveal of an applicant's ID number / phone, as a permission matrix."""

from __future__ import annotations

import pytest
from django.test import Client

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.cases.models import Case
from govhall.core.models import AuditEvent
from tests import factories
from tests.cases.conftest import (  # noqa: F401 - fixtures
    _a_working_monday_in_2026,
    _files_in_tmp,
    basic_item,
    department,
    item,
    make_item,
)
from tests.cases.test_lifecycle import _submitted

pytestmark = pytest.mark.django_db
BACKEND = "govhall.accounts.backends.GovhallBackend"
PHONE = "13906001234"


@pytest.fixture
def case_and_numbers(item):  # noqa: F811
    user, number = factories.citizen(name="王芳", phone=PHONE)
    case = _submitted(user, item)
    return case, number, user


def _staff(department, *roles):  # noqa: F811
    user = factories.staff()
    for role in roles:
        account_services.role_grant(actor=factories.SYSTEM, user=user, department=department, role=role)
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client, user


def _reveal(client: Client, case_id: int, **data):
    return client.post(f"/workbench/cases/{case_id}/reveal/", {"field": "id_number", **data})


def test_clerk_states_a_purpose_sees_the_number_once_and_it_is_audited(case_and_numbers, department):  # noqa: F811
    case, number, _user = case_and_numbers
    clerk, clerk_user = _staff(department, Role.WINDOW_CLERK)
    page = clerk.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert number not in page and number[:4] + "*" * 10 + number[-4:] in page
    assert f"/workbench/cases/{case.pk}/reveal/" in page
    form = clerk.get(f"/workbench/cases/{case.pk}/reveal/")
    assert form.status_code == 200 and number not in form.content.decode()

    response = _reveal(clerk, case.pk, purpose="窗口核验申请人身份")
    assert response.status_code == 200
    assert number in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="personal_data.reveal", result="ok")
    assert (event.actor_id, event.actor_role, event.subject) == (clerk_user.pk, "window_clerk", f"case:{case.pk}")
    assert event.detail["field"] == "id_number" and event.detail["purpose"] == "窗口核验申请人身份"
    assert number not in str(event.detail)

    phone = _reveal(clerk, case.pk, field="phone", purpose="电话通知补正材料")
    assert PHONE in phone.content.decode()
    assert AuditEvent.objects.filter(action="personal_data.reveal", result="ok").count() == 2
    # The case page stays masked afterwards.
    assert number not in clerk.get(f"/workbench/cases/{case.pk}/").content.decode()


def test_without_a_purpose_nothing_is_revealed_or_recorded(case_and_numbers, department):  # noqa: F811
    case, number, _user = case_and_numbers
    clerk, _ = _staff(department, Role.WINDOW_CLERK)
    for purpose in ("", "  ", "看"):
        response = _reveal(clerk, case.pk, purpose=purpose)
        assert response.status_code == 422
        text = response.content.decode()
        assert number not in text and "请填写查看完整信息的事由" in text
    assert _reveal(clerk, case.pk, field="address", purpose="窗口核验申请人身份").status_code == 422
    assert not AuditEvent.objects.filter(action="personal_data.reveal").exists()


def test_denials_reveal_nothing_and_change_nothing(case_and_numbers, department):  # noqa: F811
    case, number, applicant = case_and_numbers
    status_before = Case.objects.get(pk=case.pk).status
    purpose = {"purpose": "窗口核验申请人身份"}
    url = f"/workbench/cases/{case.pk}/reveal/"

    anonymous = Client().post(url, {"field": "id_number", **purpose})
    assert anonymous.status_code == 302 and "/workbench/login/" in anonymous["Location"]

    owner = Client()
    owner.force_login(applicant, backend=BACKEND)
    assert owner.post(url, {"field": "id_number", **purpose}).status_code == 302

    other_citizen, _ = factories.citizen(name="李四")
    stranger = Client()
    stranger.force_login(other_citizen, backend=BACKEND)
    assert stranger.post(url, {"field": "id_number", **purpose}).status_code == 302

    other_department = factories.department(name="漳州市另一个局")
    foreign_clerk, foreign_user = _staff(other_department, Role.WINDOW_CLERK)
    refused = _reveal(foreign_clerk, case.pk, **purpose)
    assert refused.status_code == 404 and number not in refused.content.decode()
    denied = AuditEvent.objects.get(action="personal_data.reveal")
    assert (denied.result, denied.actor_id) == ("denied", foreign_user.pk)

    # Right department, but a role that does not reveal (department admin, supervisor).
    for role in (Role.DEPARTMENT_ADMIN, Role.SUPERVISOR):
        client, _ = _staff(department, role)
        response = _reveal(client, case.pk, **purpose)
        assert response.status_code == 403 and number not in response.content.decode()

    for client in (anonymous, refused):
        assert number not in getattr(client, "content", b"").decode()
    assert AuditEvent.objects.filter(action="personal_data.reveal", result="ok").count() == 0
    assert Case.objects.get(pk=case.pk).status == status_before


def test_form_values_shaped_like_phone_or_id_numbers_are_masked_for_staff(item, department):  # noqa: F811
    from govhall.cases import services

    user, number = factories.citizen(name="王芳")
    draft = services.case_draft_save(
        user=user, item_code=item.service_item.code, form_data={"shop_name": f"联系 {PHONE} 证件 {number}"}
    )
    from tests.cases.test_lifecycle import _upload_all

    _upload_all(user, draft, item)
    case = services.case_submit(user=user, case_id=draft.pk)
    clerk, _ = _staff(department, Role.WINDOW_CLERK)
    page = clerk.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert PHONE not in page and number not in page
    assert "139****1234" in page
