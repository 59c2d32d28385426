"""免提交: a material a licence can stand in for is satisfied by the applicant's valid licence —
on the application form (no upload asked) and at submission (a trust-level-A reference)."""

from __future__ import annotations

import datetime as dt

import pytest

from govhall.cases import facade as cases
from govhall.cases.models import CaseMaterial
from govhall.core.facade import ValidationFailed
from govhall.licenses import facade as licenses
from tests import factories
from tests.cases.conftest import _a_working_monday_in_2026  # noqa: F401 - autouse fixture
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures
from tests.licenses.conftest import SYSTEM, issue
from tests.licenses.use_helpers import FORM_SCHEMA, draft, login, requirement, upload

pytestmark = pytest.mark.django_db

LICENSE_MATERIAL = "营业执照"


@pytest.fixture(autouse=True)
def issuer(department):  # noqa: F811 - the catalogue's 市场监管局 issues the licences too (and loads regions first)
    return department


@pytest.fixture
def version(make_item):  # noqa: F811
    return make_item(form_schema=FORM_SCHEMA, service_object="enterprise")


def _ready_draft(citizen, version, enterprise):
    case = draft(citizen, version, organization=enterprise)
    upload(citizen, case, requirement(version, "食品经营许可申请书"))
    return case


def test_submission_attaches_the_enterprises_business_licence(citizen, enterprise, signed_license, version):
    case = _ready_draft(citizen, version, enterprise)

    submitted = cases.case_submit(user=citizen, case_id=case.pk)

    assert submitted.status == "submitted"
    material = CaseMaterial.objects.get(case=case, requirement=requirement(version, LICENSE_MATERIAL))
    assert material.source == "license"
    assert material.reference == signed_license.identifier
    assert material.file_key == ""
    assert "营业执照" in material.display_name and "可信等级A" in material.display_name


def test_without_a_licence_the_material_must_be_uploaded(citizen, enterprise, business_type, version):
    case = _ready_draft(citizen, version, enterprise)

    with pytest.raises(ValidationFailed) as caught:
        cases.case_submit(user=citizen, case_id=case.pk)

    assert caught.value.code == "case.materials_missing"
    assert LICENSE_MATERIAL in caught.value.message
    assert not CaseMaterial.objects.filter(case=case, source="license").exists()


def test_an_expired_licence_is_not_reused(citizen, enterprise, business_type, issuer, version):
    issue(
        "business_license",
        issuer,
        enterprise=enterprise,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2025, 12, 31),
    )
    assert (
        licenses.license_reusable(type_code="business_license", holder_kind="organization", holder_id=enterprise.pk)
        is None
    )


def test_a_revoked_licence_is_not_reused(citizen, enterprise, signed_license, issuer, version, staff_factory):
    from govhall.accounts.constants import Role
    from tests.licenses.conftest import actor_of

    first, second = staff_factory(issuer, Role.DECIDER), staff_factory(issuer, Role.DEPARTMENT_ADMIN)
    revocation = licenses.license_revoke_request(
        actor=actor_of(first, issuer), license_id=signed_license.id, reason="以欺骗手段取得许可"
    )
    licenses.license_revoke_confirm(actor=actor_of(second, issuer), revocation_id=revocation.id)
    case = _ready_draft(citizen, version, enterprise)

    with pytest.raises(ValidationFailed):
        cases.case_submit(user=citizen, case_id=case.pk)
    assert (
        licenses.license_reusable(type_code="business_license", holder_kind="organization", holder_id=enterprise.pk)
        is None
    )


def test_a_pending_licence_is_not_reused(enterprise, business_type, issuer):
    issue("business_license", issuer, enterprise=enterprise, sign=False)
    assert (
        licenses.license_reusable(type_code="business_license", holder_kind="organization", holder_id=enterprise.pk)
        is None
    )


def test_another_holders_licence_is_not_reused(citizen, enterprise, signed_license, issuer, version):
    from govhall.accounts import services as account_services

    other = account_services.organization_create(
        actor=SYSTEM,
        name="漳州市水仙花食品有限公司",
        credit_code=factories.credit_code(authority="9", org_type="1", region="350602"),
        org_type="enterprise",
        legal_representative=citizen.person,
        region_code="350602",
    )
    case = _ready_draft(citizen, version, other)

    with pytest.raises(ValidationFailed):
        cases.case_submit(user=citizen, case_id=case.pk)
    # a person's own application does not pick up an organisation's licence either
    assert (
        licenses.license_reusable(type_code="business_license", holder_kind="person", holder_id=citizen.person.pk)
        is None
    )


def test_the_gbt_type_code_also_matches(enterprise, signed_license, business_type):
    found = licenses.license_reusable(
        type_code=business_type.type_code, holder_kind="organization", holder_id=enterprise.pk
    )
    assert found is not None and found.identifier == signed_license.identifier
    assert found.trust_level == "A"


def test_the_form_shows_the_material_satisfied_and_asks_for_no_upload(citizen, enterprise, signed_license, version):
    case = draft(citizen, version, organization=enterprise)
    licence_req = requirement(version, LICENSE_MATERIAL)
    other_req = requirement(version, "食品经营许可申请书")

    page = login(citizen).get(f"/apply/draft/{case.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="license-reuse"' in html
    assert signed_license.identifier in html
    assert f"/apply/draft/{case.pk}/material/{licence_req.pk}/" not in html  # no upload form for it
    assert f"/apply/draft/{case.pk}/material/{other_req.pk}/" in html  # the other material still asks


def test_the_form_asks_for_the_upload_when_no_licence_is_held(citizen, enterprise, business_type, version):
    case = draft(citizen, version, organization=enterprise)
    licence_req = requirement(version, LICENSE_MATERIAL)

    html = login(citizen).get(f"/apply/draft/{case.pk}/").content.decode()

    assert 'data-testid="license-reuse"' not in html
    assert f"/apply/draft/{case.pk}/material/{licence_req.pk}/" in html


def test_the_draft_page_submission_uses_the_licence(citizen, enterprise, signed_license, version):
    case = _ready_draft(citizen, version, enterprise)
    client = login(citizen)

    response = client.post(
        f"/apply/draft/{case.pk}/", {"action": "submit", "f_shop_name": "闽南小吃", "idempotency_key": "a" * 32}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "submitted"
    assert case.materials.filter(source="license", reference=signed_license.identifier).count() == 1


def test_staff_see_the_referenced_licence_inline_on_the_case_page(
    citizen, enterprise, signed_license, version, issuer, staff_factory, other_department
):
    from govhall.accounts.constants import Role
    from govhall.core.models import AuditEvent

    case = _ready_draft(citizen, version, enterprise)
    cases.case_submit(user=citizen, case_id=case.pk)
    reviewer = login(staff_factory(issuer, Role.REVIEWER))

    page = reviewer.get(f"/workbench/cases/{case.pk}/")
    pdf = reviewer.get(f"/workbench/cases/{case.pk}/license/{signed_license.id}/")

    html = page.content.decode()
    assert 'data-testid="license-material"' in html and signed_license.identifier in html
    assert "可信等级A" in html and f"/workbench/cases/{case.pk}/license/{signed_license.id}/" in html
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="license.staff_view").count() == 1
    # staff of another department see neither the case nor the licence
    outsider = login(staff_factory(other_department, Role.REVIEWER))
    assert outsider.get(f"/workbench/cases/{case.pk}/license/{signed_license.id}/").status_code == 404


def test_the_case_page_shows_the_licences_current_status(
    citizen, enterprise, signed_license, version, issuer, staff_factory
):
    from govhall.accounts.constants import Role
    from tests.licenses.conftest import actor_of

    case = _ready_draft(citizen, version, enterprise)
    cases.case_submit(user=citizen, case_id=case.pk)
    first, second = staff_factory(issuer, Role.DECIDER), staff_factory(issuer, Role.DEPARTMENT_ADMIN)
    revocation = licenses.license_revoke_request(
        actor=actor_of(first, issuer), license_id=signed_license.id, reason="吊销"
    )
    licenses.license_revoke_confirm(actor=actor_of(second, issuer), revocation_id=revocation.id)

    html = login(staff_factory(issuer, Role.REVIEWER)).get(f"/workbench/cases/{case.pk}/").content.decode()

    status = html.split('data-testid="license-status">')[1].split("<")[0]
    assert status == "已吊销"
