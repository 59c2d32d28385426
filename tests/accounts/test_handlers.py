"""Organisation handlers (经办人): granted and revoked by the legal representative, acting for the
organisation only after an explicit identity switch, recorded with both identities, refused on the
next request after revocation."""

# ruff: noqa: F811 - pytest fixtures imported from tests.accounts.identity_fixtures
from __future__ import annotations

import pytest
from django.test import Client

from govhall.accounts import identity, organizations
from govhall.accounts.models import OrganizationHandler
from govhall.cases import services as case_services
from govhall.cases.models import Case
from govhall.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from govhall.core.models import AuditEvent
from tests.accounts.identity_fixtures import enterprise_item, login, people, person_item, upload_all  # noqa: F401
from tests.cases.conftest import _a_working_monday_in_2026, _files_in_tmp  # noqa: F401 - fixtures
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _grant(people):
    return organizations.handler_grant(
        user=people.rep, organization_id=people.org.pk, id_number=people.handler_number, real_name="王芳"
    )


def _switch(client, org):
    response = client.post("/me/identity/", {"identity": f"org-{org.pk}"})
    assert response.status_code == 302, response.content.decode()[:500]


# --- services -------------------------------------------------------------------------------------


def test_representative_grants_by_id_number_and_name_and_revokes(people):
    grant = _grant(people)
    assert (grant.organization_id, grant.person_id, grant.revoked_at) == (people.org.pk, people.handler.person.pk, None)
    event = AuditEvent.objects.get(action="organization.handler_grant")
    assert event.actor_id == people.rep.pk and event.subject == f"organization:{people.org.pk}"
    assert event.detail == {"handler": grant.pk, "person": people.handler.person.pk, "on_behalf_of": event.subject}
    assert people.handler_number not in str(event.detail)

    organizations.handler_revoke(user=people.rep, organization_id=people.org.pk, handler_id=grant.pk)
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by_id == people.rep.pk
    with pytest.raises(NotFound):  # a second revocation changes nothing
        organizations.handler_revoke(user=people.rep, organization_id=people.org.pk, handler_id=grant.pk)
    assert AuditEvent.objects.filter(action="organization.handler_revoke").count() == 1
    assert _grant(people).pk != grant.pk  # may be granted again later


@pytest.mark.parametrize(
    ("id_number", "name", "code"),
    [
        ("handler", "王小芳", "handler.person_unknown"),  # right number, wrong name
        ("unknown", "王芳", "handler.person_unknown"),  # nobody registered with that number
        ("11010519491231002Y", "王芳", "handler.id_number_invalid"),
        ("rep", "李四", "handler.self"),
    ],
)
def test_grant_refuses_wrong_identities_and_writes_nothing(people, id_number, name, code):
    number = {"handler": people.handler_number, "rep": people.rep_number, "unknown": "11010519491231002X"}.get(
        id_number, id_number
    )
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        organizations.handler_grant(user=people.rep, organization_id=people.org.pk, id_number=number, real_name=name)
    assert caught.value.code == code
    assert OrganizationHandler.objects.count() == 0 and AuditEvent.objects.count() == before


def test_a_live_grant_cannot_be_given_twice(people):
    _grant(people)
    with pytest.raises(Conflict) as caught:
        _grant(people)
    assert caught.value.code == "handler.exists"
    assert OrganizationHandler.objects.count() == 1


def test_only_the_legal_representative_grants(people):
    _grant(people)
    for user in (people.handler, people.stranger, people.reviewer):
        with pytest.raises(NotFound):
            organizations.handler_grant(
                user=user, organization_id=people.org.pk, id_number=people.stranger_number, real_name="陈建国"
            )
    assert OrganizationHandler.objects.count() == 1


# --- the identity switch --------------------------------------------------------------------------


def test_handler_acts_for_the_organisation_only_after_switching(people, enterprise_item):
    _grant(people)
    client = login(people.handler)
    code = enterprise_item.service_item.code

    html = client.get(f"/apply/{code}/").content.decode()
    assert 'data-testid="no-identity"' in html and f'value="org-{people.org.pk}"' not in html
    response = client.post(f"/apply/{code}/", {"applicant": f"org-{people.org.pk}"})
    assert response.status_code == 403 and Case.objects.count() == 0

    _switch(client, people.org)
    page = client.get("/me/").content.decode()
    assert 'data-testid="identity-bar"' in page and people.org.name in page and "经办人" in page
    assert people.org.name in client.get("/services/").content.decode()  # shown on every page
    html = client.get(f"/apply/{code}/").content.decode()
    assert f'value="org-{people.org.pk}"' in html and 'value="person"' not in html
    response = client.post(f"/apply/{code}/", {"applicant": f"org-{people.org.pk}"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.applicant_kind, case.applicant_organization_id, case.applicant_person_id, case.applicant_user_id) == (
        "organization",
        people.org.pk,
        people.handler.person.pk,
        people.handler.pk,
    )
    event = AuditEvent.objects.get(action="case.draft")
    assert event.actor_id == people.handler.pk and event.detail["on_behalf_of"] == f"organization:{people.org.pk}"
    switch = AuditEvent.objects.get(action="identity.switch")
    assert switch.actor_id == people.handler.pk and switch.detail["on_behalf_of"] == f"organization:{people.org.pk}"


def test_switching_back_to_oneself_stops_acting_for_the_organisation(people, person_item):
    _grant(people)
    client = login(people.handler)
    _switch(client, people.org)
    html = client.get(f"/apply/{person_item.service_item.code}/").content.decode()
    assert 'value="person"' not in html  # as the enterprise, a personal item is not offered
    assert client.post("/me/identity/", {"identity": "person"}).status_code == 302
    html = client.get(f"/apply/{person_item.service_item.code}/").content.decode()
    assert 'value="person"' in html and f'value="org-{people.org.pk}"' not in html
    assert client.session.get(identity.SESSION_ACTING) is None


@pytest.mark.parametrize("value", ["org-{org}", "org-999999", "mandate-1", "org-../1"])
def test_switching_to_an_identity_one_does_not_hold_is_refused(people, value):
    client = login(people.stranger)
    before = AuditEvent.objects.filter(action="identity.switch").count()
    response = client.post("/me/identity/", {"identity": value.format(org=people.org.pk)})
    assert response.status_code in (403, 422)
    assert client.session.get(identity.SESSION_ACTING) is None
    assert AuditEvent.objects.filter(action="identity.switch").count() == before


def test_the_representative_may_switch_to_the_organisation_without_a_grant(people):
    client = login(people.rep)
    _switch(client, people.org)
    assert "法定代表人" in client.get("/me/").content.decode()


# --- revocation takes effect immediately ---------------------------------------------------------------


def test_revoking_refuses_the_handlers_next_request_and_switches_back(people, enterprise_item):
    grant = _grant(people)
    handler = login(people.handler)
    _switch(handler, people.org)
    rep = login(people.rep)
    response = rep.post(f"/me/organizations/{people.org.pk}/handlers/{grant.pk}/revoke/")
    assert response.status_code == 302

    response = handler.post(f"/apply/{enterprise_item.service_item.code}/", {"applicant": f"org-{people.org.pk}"})
    assert response.status_code == 403
    assert 'data-testid="identity-revoked"' in response.content.decode()
    assert Case.objects.count() == 0
    assert AuditEvent.objects.filter(action="identity.revoked", actor_id=people.handler.pk).count() == 1
    page = handler.get("/me/")
    assert page.status_code == 200 and people.org.name not in page.content.decode()  # back to oneself
    assert handler.session.get(identity.SESSION_ACTING) is None


def test_a_draft_started_as_the_organisation_cannot_be_submitted_after_revocation(people, enterprise_item):
    grant = _grant(people)
    with identity.acting_as(identity.acting_resolve(user=people.handler, value=f"org-{people.org.pk}")):
        case = case_services.case_draft_save(
            user=people.handler,
            item_code=enterprise_item.service_item.code,
            form_data={"shop_name": "水仙花"},
            applicant_kind="organization",
            organization_id=people.org.pk,
        )
    upload_all(people.handler, case, enterprise_item)
    organizations.handler_revoke(user=people.rep, organization_id=people.org.pk, handler_id=grant.pk)
    with pytest.raises(PermissionDenied) as caught:
        case_services.case_submit(user=people.handler, case_id=case.pk)
    assert caught.value.code == "case.not_authorized_for_org"
    case.refresh_from_db()
    assert case.status == "draft" and case.number is None


def test_without_a_switch_the_service_refuses_a_handlers_organisation(people, enterprise_item):
    _grant(people)
    with pytest.raises(PermissionDenied):
        case_services.case_draft_save(
            user=people.handler,
            item_code=enterprise_item.service_item.code,
            form_data={"shop_name": "水仙花"},
            applicant_kind="organization",
            organization_id=people.org.pk,
        )
    assert Case.objects.count() == 0


# --- pages: permission matrix ------------------------------------------------------------------------------


def _clients(people):
    return {
        "anonymous": Client(),
        "stranger": login(people.stranger),
        "handler": login(people.handler),
        "representative": login(people.rep),
        "staff": login(people.reviewer),
    }


HANDLER_PAGE = {"anonymous": "/login/", "stranger": 404, "handler": 404, "representative": 200, "staff": "/login/"}


@pytest.mark.parametrize("actor", list(HANDLER_PAGE))
def test_handler_page_matrix(people, actor):
    _grant(people)
    response = _clients(people)[actor].get(f"/me/organizations/{people.org.pk}/handlers/")
    want = HANDLER_PAGE[actor]
    if isinstance(want, int):
        assert response.status_code == want
    else:
        assert response.status_code == 302 and response["Location"].startswith(want)
    if actor == "representative":
        html = response.content.decode()
        assert "王芳" in html and people.handler.person.id_number_masked in html and people.handler_number not in html


@pytest.mark.parametrize("actor", ["anonymous", "stranger", "handler", "staff"])
def test_grant_and_revoke_denials_change_nothing(people, actor):
    grant = _grant(people)
    client = _clients(people)[actor]
    before = (OrganizationHandler.objects.filter(revoked_at__isnull=True).count(), AuditEvent.objects.count())
    response = client.post(
        f"/me/organizations/{people.org.pk}/handlers/", {"id_number": people.stranger_number, "real_name": "陈建国"}
    )
    assert response.status_code in (302, 404)
    response = client.post(f"/me/organizations/{people.org.pk}/handlers/{grant.pk}/revoke/")
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    assert (OrganizationHandler.objects.filter(revoked_at__isnull=True).count(), AuditEvent.objects.count()) == before


def test_representative_grants_through_the_page_with_the_number_in_the_body_only(people):
    client = login(people.rep)
    response = client.post(
        f"/me/organizations/{people.org.pk}/handlers/", {"id_number": people.handler_number, "real_name": "王芳"}
    )
    assert response.status_code == 302 and people.handler_number not in response["Location"]
    assert OrganizationHandler.objects.filter(person=people.handler.person, revoked_at__isnull=True).exists()
    response = client.post(
        f"/me/organizations/{people.org.pk}/handlers/", {"id_number": people.stranger_number, "real_name": "张三"}
    )
    assert response.status_code == 422 and "未找到该身份证号码与姓名对应的已注册用户" in response.content.decode()


@pytest.mark.parametrize(
    ("actor", "want"),
    [("anonymous", "/login/"), ("stranger", 200), ("handler", 200), ("representative", 200), ("staff", "/login/")],
)
@pytest.mark.parametrize("path", ["/me/identity/", "/me/organizations/"])
def test_identity_pages_matrix(people, actor, want, path):
    response = _clients(people)[actor].get(path)
    if isinstance(want, int):
        assert response.status_code == want
    else:
        assert response.status_code == 302 and response["Location"].startswith(want)
