# ruff: noqa: F811 - pytest fixtures imported from tests.cases / tests.catalog
"""A granted case produces its licence through the cases on_decision hook (the acceptance
criterion: the PDF validates with pdfsig and the identifier passes MOD 37,36)."""

from __future__ import annotations

import io
import subprocess

import pytest

from govhall.cases import services as case_services
from govhall.core.identifiers import parse_license_identifier
from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses.models import License
from tests.cases.conftest import (  # noqa: F401 - fixtures
    FORM_SCHEMA,
    PDF,
    applicant,
    clerk,
    decider,
    review_done,
    reviewer,
)
from tests.catalog.conftest import basic_item, make_item  # noqa: F401 - fixtures

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db

SHOP_SCHEMA = {
    "type": "object",
    "properties": {"shop_name": {"type": "string", "title": "店铺名称"}},
    "required": ["shop_name"],
}


@pytest.fixture
def department(issuer):
    return issuer


@pytest.fixture
def food_type(issuer):
    return licenses.license_type_save(
        actor=SYSTEM,
        code="food_operation_license",
        type_code=issuer.credit_code + "005",
        name="食品经营许可证",
        holder_kind="person",
        data_schema=SHOP_SCHEMA,
        issuing_department_ids=[issuer.pk],
    )


def _licensing_item(make_item, code):
    return make_item(form_schema=FORM_SCHEMA, service_object="both", issues_license=True, license_type_code=code)


def _granted_case(applicant, item, clerk, decider, review_done, decision="granted"):
    case = case_services.case_draft_save(
        user=applicant, item_code=item.service_item.code, form_data={"shop_name": "闽南小吃"}
    )
    for requirement in item.materials.all():
        case_services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="a.pdf"
        )
    case = case_services.case_submit(user=applicant, case_id=case.pk)
    case = case_services.case_accept(actor=clerk, case_id=case.pk)
    review_done(case.pk)
    legal = {} if decision == "granted" else {"legal_basis": "《食品安全法》第三十五条"}
    return case_services.case_decide(actor=decider, case_id=case.pk, decision=decision, reason="审查意见", **legal)


def test_a_granted_case_issues_one_signed_licence(
    applicant,
    make_item,
    clerk,
    decider,
    review_done,
    food_type,
    tmp_path,
):
    item = make_item(
        form_schema=FORM_SCHEMA, service_object="both", issues_license=True, license_type_code="food_operation_license"
    )
    case = _granted_case(applicant, item, clerk, decider, review_done)
    info = licenses.license_for_source(source=f"case:{case.pk}")
    assert info is not None and info.stored_status == "pending"
    assert info.holder_person_id == applicant.person.pk
    parse_license_identifier(info.identifier)  # MOD 37,36 check holds

    # the worker path, twice (idempotent)
    from govhall.licenses.tasks import sign_license

    assert sign_license.call(info.id) == "signed"
    assert sign_license.call(info.id) == "done"
    assert License.objects.filter(source=f"case:{case.pk}").count() == 1
    path = tmp_path / "case-licence.pdf"
    path.write_bytes(licenses.license_pdf(license_id=info.id))
    out = subprocess.run(["pdfsig", "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid." in out
    assert licenses.license_verify(identifier=info.identifier).status == "valid"


def test_a_denied_case_or_an_item_without_licence_issues_nothing(
    applicant,
    make_item,
    clerk,
    decider,
    review_done,
    food_type,
):
    item = make_item(
        form_schema=FORM_SCHEMA, service_object="both", issues_license=True, license_type_code="food_operation_license"
    )
    _granted_case(applicant, item, clerk, decider, review_done, decision="denied")
    plain = make_item(form_schema=FORM_SCHEMA, service_object="both")
    _granted_case(applicant, plain, clerk, decider, review_done)
    assert License.objects.count() == 0


def test_a_licence_configuration_problem_does_not_undo_the_grant(
    applicant,
    make_item,
    clerk,
    decider,
    review_done,
):
    item = make_item(
        form_schema=FORM_SCHEMA, service_object="both", issues_license=True, license_type_code="no_such_type"
    )
    case = _granted_case(applicant, item, clerk, decider, review_done)
    assert case.decision == "granted"
    assert License.objects.count() == 0
    failed = AuditEvent.objects.get(action="license.issue", subject=f"case:{case.pk}")
    assert failed.result == "failed" and failed.detail["code"] == "license.type_not_found"


def test_a_second_grant_for_the_same_holder_replaces_the_licence(
    applicant, make_item, clerk, decider, review_done, food_type
):
    import datetime as dt

    item = _licensing_item(make_item, "food_operation_license")
    first_case = _granted_case(applicant, item, clerk, decider, review_done)
    first = licenses.license_for_source(source=f"case:{first_case.pk}")
    licenses.license_sign(license_id=first.id)
    # a change (变更) long before expiry keeps the validity period
    second_case = _granted_case(applicant, item, clerk, decider, review_done)
    second = licenses.license_for_source(source=f"case:{second_case.pk}")
    assert second.replaces == first.identifier and second.version == 2
    assert (second.valid_from, second.valid_until) == (first.valid_from, first.valid_until)
    licenses.license_sign(license_id=second.id)
    assert licenses.license_get(license_id=first.id).status == "replaced"
    # a renewal (延续) close to expiry starts a new period
    License.objects.filter(pk=second.id).update(valid_until=dt.date.today() + dt.timedelta(days=20))
    third_case = _granted_case(applicant, item, clerk, decider, review_done)
    third = licenses.license_for_source(source=f"case:{third_case.pk}")
    assert third.replaces == second.identifier and third.version == 3
    assert third.valid_until > dt.date.today() + dt.timedelta(days=365)
