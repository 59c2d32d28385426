"""Cases and their review processes: single department, 秒批 rules, withdrawal."""

from __future__ import annotations

import io

import pytest

from govhall.cases import hooks, services
from govhall.cases.contracts import MaterialResolution
from govhall.cases.models import Case
from govhall.core.errors import NotFound
from govhall.workflow import facade as workflow

from .conftest import PDF

pytestmark = pytest.mark.django_db

AGE_SCHEMA = {
    "type": "object",
    "properties": {"age": {"type": "integer", "title": "年龄"}},
    "required": ["age"],
    "additionalProperties": False,
}


@pytest.fixture
def licence_holder():
    """Stand-in for the licences app: every applicant holds a valid 营业执照 (免提交)."""

    def resolver(requirement, user_id, kind, subject_id):
        if requirement.satisfied_by_license_type == "business_license":
            return MaterialResolution(source="license", reference="1.2.156.3005.2.TEST", label="电子营业执照")
        return None

    hooks.register_material_resolver(resolver)
    yield
    hooks.material_resolvers.remove(resolver)


def _apply(applicant, item, form):
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data=form)
    for requirement in item.materials.all():
        if not requirement.satisfied_by_license_type:
            services.case_material_upload(
                user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="a.pdf"
            )
    return services.case_submit(user=applicant, case_id=case.pk)


def test_instant_approval_grants_by_rules_with_the_trace_on_the_case(make_item, applicant, clerk, licence_holder):
    item = make_item(form_schema=AGE_SCHEMA, process_key="instant_approval", service_object="both")
    case = _apply(applicant, item, {"age": 35})
    assert case.materials.filter(source="license").count() == 1  # 免提交: no upload for 营业执照
    case = services.case_accept(actor=clerk, case_id=case.pk)
    case.refresh_from_db()
    assert (case.status, case.decision) == ("decided", "granted")
    assert case.rule_trace["traces"][0]["matched_rules"]
    assert case.decided_by_id is None  # decided by the rules engine, not a person


def test_the_age_rule_uses_the_verified_identity_not_the_typed_age(make_item, clerk, licence_holder):
    from govhall.accounts import services as account_services
    from tests import factories

    minor = account_services.citizen_register(
        actor=factories.SYSTEM,
        real_name="林小明",
        id_number=factories.id_number(birth="20150601"),
        phone="13900009999",
        password=factories.PASSWORD,
    )
    item = make_item(form_schema=AGE_SCHEMA, process_key="instant_approval", service_object="both")
    case = _apply(minor, item, {"age": 35})  # typed 35; born 2015-06-01 → 10 on 2026-03-02
    case = services.case_accept(actor=clerk, case_id=case.pk)
    case.refresh_from_db()
    assert (case.status, case.decision) == ("in_review", "")
    trace = case.rule_trace["traces"][0]
    assert ("age", 10) in [(i["expression"], i["value"]) for i in trace["inputs"]]
    assert [i.task_name for i in workflow.work_items_for(f"case:{case.pk}") if i.status == "open"] == ["manual_review"]


def test_rules_never_grant_on_missing_facts(make_item, applicant, clerk):
    item = make_item(form_schema=AGE_SCHEMA, process_key="instant_approval", service_object="both")
    case = _apply_with_uploads(applicant, item, {"age": 35})
    case = services.case_accept(actor=clerk, case_id=case.pk)
    assert case.status == "in_review"  # no licence: manual review
    items = [i for i in workflow.work_items_for(f"case:{case.pk}") if i.status == "open"]
    assert [i.task_name for i in items] == ["manual_review"]


def _apply_with_uploads(applicant, item, form):
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data=form)
    for requirement in item.materials.all():
        services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="a.pdf"
        )
    return services.case_submit(user=applicant, case_id=case.pk)


def test_single_department_route_review_then_decision(item, applicant, clerk, reviewer, decider):
    case = _apply_with_uploads(applicant, item, {"shop_name": "店"})
    services.case_accept(actor=clerk, case_id=case.pk)
    [review] = [i for i in workflow.work_items_for(f"case:{case.pk}") if i.status == "open"]
    assert (review.role, review.department_id) == ("reviewer", case.department_id)
    with pytest.raises(NotFound):  # a decider cannot do the reviewer's step
        services.case_review(
            actor=decider, case_id=case.pk, work_item_id=review.pk, opinion="x", recommendation="approve"
        )
    services.case_review(
        actor=reviewer, case_id=case.pk, work_item_id=review.pk, opinion="符合条件", recommendation="approve"
    )
    case = services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合法定条件")
    instance = workflow.instance_for(f"case:{case.pk}")
    assert instance.status == "completed"
    assert Case.objects.get(pk=case.pk).decision == "granted"


def test_withdrawal_cancels_the_process(item, applicant, clerk):
    case = _apply_with_uploads(applicant, item, {"shop_name": "店"})
    services.case_accept(actor=clerk, case_id=case.pk)
    services.case_withdraw(user=applicant, case_id=case.pk)
    assert workflow.instance_for(f"case:{case.pk}").status == "cancelled"
    assert all(i.status == "cancelled" for i in workflow.work_items_for(f"case:{case.pk}"))
