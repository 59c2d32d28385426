"""一件事 (bundle) cases: one combined form, child cases per department, parallel review, one decision."""

from __future__ import annotations

import io

import pytest

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.accounts.models import Region
from govhall.cases import bundles, services
from govhall.cases.access import case_get_for_staff
from govhall.cases.models import Case, CaseEvent
from govhall.catalog import services as catalog_services
from govhall.core.audit import audit_verify
from govhall.core.contracts import Actor
from govhall.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from govhall.workflow import facade as workflow
from tests import factories
from tests.catalog.conftest import ACTOR, MATERIALS, version_fields

from .conftest import FORM_SCHEMA, PDF

pytestmark = pytest.mark.django_db

STAFF_SCHEMA = {
    "type": "object",
    "properties": {
        "shop_name": {"type": "string", "title": "店铺名称", "maxLength": 50},
        "staff_count": {"type": "integer", "title": "从业人员数"},
    },
    "required": ["staff_count"],
    "additionalProperties": False,
}
FORM = {"shop_name": "小吃店", "area": 30, "staff_count": 5}


def _staff(department, role) -> tuple[object, Actor]:
    user = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=user, department=department, role=role)
    return user, Actor(user_id=user.pk, role=str(role), department_id=department.pk)


@pytest.fixture
def other_department(db):
    return factories.department("漳州市卫生健康委员会")


@pytest.fixture
def bundle(make_item, department, other_department, basic_item):
    item_a = make_item(form_schema=FORM_SCHEMA, service_object="both")
    version_b = catalog_services.service_item_create(
        actor=ACTOR,
        code=f"{other_department.credit_code}{basic_item.code}001",
        basic_item=basic_item,
        department=other_department,
        region=Region.objects.get(code="350600"),
        fields=version_fields(name="公共场所卫生许可", form_schema=STAFF_SCHEMA, service_object="both"),
        materials=MATERIALS,
    )
    item_b = catalog_services.version_publish(actor=ACTOR, version=version_b)
    return catalog_services.bundle_upsert(
        actor=ACTOR,
        code="ZZ-KYCT",
        name="我要开餐馆",
        lead_department=department,
        item_codes=[item_a.service_item.code, item_b.service_item.code],
    )


@pytest.fixture
def reviewer_b(other_department):
    return _staff(other_department, Role.REVIEWER)


def _upload_all(applicant, case):
    for child in Case.objects.filter(parent=case).order_by("pk"):
        for requirement in child.item_version.materials.all():
            services.case_material_upload(
                user=applicant,
                case_id=child.pk,
                requirement_id=requirement.pk,
                stream=io.BytesIO(PDF),
                filename="a.pdf",
            )


def _submitted(applicant, bundle, form=FORM):
    case = bundles.case_bundle_draft_save(user=applicant, bundle_code=bundle.code, form_data=form)
    _upload_all(applicant, case)
    return bundles.case_bundle_submit(user=applicant, case_id=case.pk)


def _open(case):
    return [i for i in workflow.work_items_for(f"case:{case.pk}") if i.status == "open"]


def test_draft_creates_one_child_per_item_with_its_part_of_the_form(applicant, bundle, department, other_department):
    case = bundles.case_bundle_draft_save(user=applicant, bundle_code=bundle.code, form_data=FORM)
    assert (case.kind, case.bundle_id, case.item_version_id, case.department_id) == (
        "bundle",
        bundle.pk,
        None,
        department.pk,
    )
    children = list(Case.objects.filter(parent=case).order_by("pk"))
    assert [c.kind for c in children] == ["child", "child"]
    assert [c.department_id for c in children] == [department.pk, other_department.pk]
    assert children[0].form_data == {"shop_name": "小吃店", "area": 30}
    assert children[1].form_data == {"shop_name": "小吃店", "staff_count": 5}
    assert all(c.applicant_user_id == applicant.pk and c.status == "draft" for c in children)


def test_submit_validates_every_child_and_names_the_item(applicant, bundle):
    case = bundles.case_bundle_draft_save(user=applicant, bundle_code=bundle.code, form_data={"area": 3})
    with pytest.raises(ValidationFailed) as excinfo:
        bundles.case_bundle_submit(user=applicant, case_id=case.pk)
    messages = [e["message"] for e in excinfo.value.errors]
    assert len(messages) == 2
    assert any(m.startswith("公共场所卫生许可：") for m in messages)
    with pytest.raises(ValidationFailed) as excinfo:  # form fine, materials missing in both children
        case = bundles.case_bundle_draft_save(user=applicant, bundle_code=bundle.code, form_data=FORM)
        bundles.case_bundle_submit(user=applicant, case_id=case.pk)
    assert excinfo.value.code == "case.materials_missing"
    assert Case.objects.exclude(status="draft").count() == 0


def test_a_child_on_a_retired_version_stops_the_whole_submission(applicant, bundle):
    case = bundles.case_bundle_draft_save(user=applicant, bundle_code=bundle.code, form_data=FORM)
    _upload_all(applicant, case)
    second = Case.objects.filter(parent=case).order_by("pk")[1]
    # the department publishes a new guide for the second item: its old version is retired
    draft = catalog_services.version_draft_from(actor=ACTOR, version=second.item_version)
    catalog_services.version_publish(actor=ACTOR, version=draft)
    events = CaseEvent.objects.count()
    with pytest.raises(Conflict) as error:
        bundles.case_bundle_submit(user=applicant, case_id=case.pk, idempotency_key="key-outdated")
    assert error.value.code == "case.version_outdated"
    assert not Case.objects.filter(parent=case).exclude(status="draft").exists()
    assert Case.objects.get(pk=case.pk).status == "draft" and CaseEvent.objects.count() == events


def test_the_key_records_every_childs_material_digests(applicant, bundle):
    from govhall.cases.models import CaseMaterial, IdempotencyKey

    case = bundles.case_bundle_draft_save(user=applicant, bundle_code=bundle.code, form_data=FORM)
    _upload_all(applicant, case)
    children = list(Case.objects.filter(parent=case).order_by("pk"))
    expected = bundles._request_digest(
        case,
        children,
        {c.pk: sorted(CaseMaterial.objects.filter(case=c).values_list("sm3", flat=True)) for c in children},
    )
    bundles.case_bundle_submit(user=applicant, case_id=case.pk, idempotency_key="key-digests")
    assert IdempotencyKey.objects.get(key="key-digests").request_digest == expected
    other = bundles._request_digest(case, children, {c.pk: [] for c in children})
    assert other != expected  # the materials are part of what was submitted


def test_submit_numbers_the_bundle_and_its_children_once(applicant, bundle):
    case = bundles.case_bundle_draft_save(user=applicant, bundle_code=bundle.code, form_data=FORM)
    _upload_all(applicant, case)
    first = bundles.case_bundle_submit(user=applicant, case_id=case.pk, idempotency_key="key-12345678")
    again = bundles.case_bundle_submit(user=applicant, case_id=case.pk, idempotency_key="key-12345678")
    assert first.pk == again.pk and first.status == "submitted"
    assert bundle.code in first.number
    children = list(Case.objects.filter(parent=case).order_by("pk"))
    assert [c.number for c in children] == [f"{first.number}-01", f"{first.number}-02"]
    assert all(c.status == "submitted" and c.submitted_at == first.submitted_at for c in children)
    with pytest.raises(Conflict):  # a child is never submitted on its own
        services.case_submit(user=applicant, case_id=children[0].pk)


def test_parallel_review_then_the_lead_department_decides_for_all(
    applicant, bundle, clerk, reviewer, reviewer_b, decider, department, other_department
):
    case = _submitted(applicant, bundle)
    case = services.case_accept(actor=clerk, case_id=case.pk)
    children = list(Case.objects.filter(parent=case).order_by("pk"))
    assert all(c.status == "in_review" and c.accepted_at == case.accepted_at for c in children)
    assert all(c.statutory_due == case.statutory_due for c in children)
    assert workflow.instance_for(f"case:{case.pk}").definition.key == "parallel_review"
    assert all(workflow.instance_for(f"case:{c.pk}") is None for c in children)  # ONE process
    reviews = _open(case)
    assert sorted((i.role, i.department_id) for i in reviews) == sorted(
        [("reviewer", department.pk), ("reviewer", other_department.pk)]
    )
    review_a = next(i for i in reviews if i.department_id == department.pk)
    review_b = next(i for i in reviews if i.department_id == other_department.pk)

    with pytest.raises(NotFound):  # dept A's reviewer cannot do dept B's branch
        services.case_review(
            actor=reviewer, case_id=case.pk, work_item_id=review_b.pk, opinion="x", recommendation="approve"
        )
    services.case_review(
        actor=reviewer, case_id=case.pk, work_item_id=review_a.pk, opinion="符合", recommendation="approve"
    )
    with pytest.raises(Conflict) as excinfo:  # dept B has not reviewed yet
        services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合法定条件")
    assert excinfo.value.code == "case.review_pending"
    assert Case.objects.get(pk=case.pk).status == "in_review"

    user_b, actor_b = reviewer_b
    assert case_get_for_staff(user=user_b, case_id=case.pk).pk == case.pk  # a reviewing department sees the bundle
    services.case_review(
        actor=actor_b, case_id=case.pk, work_item_id=review_b.pk, opinion="符合", recommendation="approve"
    )
    with pytest.raises(Conflict):  # children are decided with the bundle, never alone
        services.case_decide(actor=decider, case_id=children[0].pk, decision="granted", reason="x")
    case = services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合法定条件")
    assert workflow.instance_for(f"case:{case.pk}").status == "completed"
    for child in Case.objects.filter(parent=case):
        assert (child.status, child.decision, child.decided_at) == ("decided", "granted", case.decided_at)
        assert child.decision_reason == "随“一件事”统一决定：符合法定条件"
        assert CaseEvent.objects.filter(case=child, kind="decide").count() == 1

    services.case_complete(actor=decider, case_id=case.pk)
    assert set(Case.objects.filter(parent=case).values_list("status", flat=True)) == {"completed"}
    assert audit_verify().ok


def test_bundle_uses_its_joint_time_limits(applicant, bundle, clerk):
    case = services.case_accept(actor=clerk, case_id=_submitted(applicant, bundle).pk)
    expected = services._due_or_none(services.local_date(case.accepted_at), bundle.statutory_limit)
    assert case.statutory_due == expected
    case = services.case_extend(actor=clerk, case_id=case.pk, reason="需多部门现场核查")
    assert case.extension_days == 15


def test_staff_of_an_unrelated_department_cannot_see_the_bundle(applicant, bundle, clerk):
    case = services.case_accept(actor=clerk, case_id=_submitted(applicant, bundle).pk)
    outsider, _actor = _staff(factories.department("漳州市交通运输局"), Role.REVIEWER)
    with pytest.raises(NotFound):
        case_get_for_staff(user=outsider, case_id=case.pk)


def test_withdrawing_the_bundle_withdraws_the_children(applicant, bundle, clerk):
    case = services.case_accept(actor=clerk, case_id=_submitted(applicant, bundle).pk)
    services.case_withdraw(user=applicant, case_id=case.pk)
    assert set(Case.objects.filter(parent=case).values_list("status", flat=True)) == {"withdrawn"}
    assert workflow.instance_for(f"case:{case.pk}").status == "cancelled"
    assert audit_verify().ok


def test_one_time_notice_on_a_bundle_reopens_the_children_for_uploads(applicant, bundle, clerk):
    case = _submitted(applicant, bundle)
    services.case_request_supplement(actor=clerk, case_id=case.pk, items=[{"name": "营业执照", "note": "请上传清晰件"}])
    children = list(Case.objects.filter(parent=case).order_by("pk"))
    assert {c.status for c in children} == {"supplement_requested"}
    child = children[0]
    requirement = child.item_version.materials.first()
    services.case_material_upload(
        user=applicant, case_id=child.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="b.pdf"
    )
    with pytest.raises(Conflict) as error:
        services.case_resubmit(user=applicant, case_id=child.pk)
    assert error.value.code == "case.bundle_child"
    case = services.case_resubmit(user=applicant, case_id=case.pk)
    assert case.status == "submitted"
    assert {c.status for c in Case.objects.filter(parent=case)} == {"submitted"}
    assert services.case_accept(actor=clerk, case_id=case.pk).status == "in_review"


def test_a_bundle_item_demanding_a_verified_identity_stops_an_unverified_submission(
    make_item, applicant, department, other_department, basic_item
):
    strict = make_item(form_schema=FORM_SCHEMA, service_object="both", min_realname_level=2)
    version_b = catalog_services.service_item_create(
        actor=ACTOR,
        code=f"{other_department.credit_code}{basic_item.code}002",
        basic_item=basic_item,
        department=other_department,
        region=Region.objects.get(code="350600"),
        fields=version_fields(name="公共场所卫生许可", form_schema=STAFF_SCHEMA, service_object="both"),
        materials=MATERIALS,
    )
    other = catalog_services.version_publish(actor=ACTOR, version=version_b)
    strict_bundle = catalog_services.bundle_upsert(
        actor=ACTOR,
        code="ZZ-STRICT",
        name="实名要求的一件事",
        lead_department=department,
        item_codes=[strict.service_item.code, other.service_item.code],
    )
    case = bundles.case_bundle_draft_save(user=applicant, bundle_code=strict_bundle.code, form_data=FORM)
    _upload_all(applicant, case)
    with pytest.raises(PermissionDenied) as caught:
        bundles.case_bundle_submit(user=applicant, case_id=case.pk)
    assert caught.value.code == "case.realname_level_insufficient"
    assert set(Case.objects.values_list("status", flat=True)) == {"draft"}
