from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from govhall.cases import services
from govhall.cases.models import Case, CaseEvent, CaseMaterial, IdempotencyKey
from govhall.core.audit import audit_verify
from govhall.core.clock import add_working_days, local_date
from govhall.core.errors import Conflict, NotFound, ValidationFailed
from govhall.core.models import AuditEvent

from .conftest import PDF, PNG

pytestmark = pytest.mark.django_db


def _draft(applicant, item, **form):
    return services.case_draft_save(
        user=applicant, item_code=item.service_item.code, form_data=form or {"shop_name": "闽南小吃"}
    )


def _upload_all(applicant, case, item):
    for requirement in item.materials.all():
        services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="申请.pdf"
        )


def _submitted(applicant, item, key=None):
    case = _draft(applicant, item)
    _upload_all(applicant, case, item)
    return services.case_submit(user=applicant, case_id=case.pk, idempotency_key=key)


def test_submit_numbers_the_case_and_starts_the_acceptance_clock(applicant, item):
    case = _submitted(applicant, item)
    today = local_date(timezone.now())
    assert case.status == "submitted"
    assert case.number == f"{item.service_item.code}{today:%Y%m%d}00001"
    assert case.acceptance_due == add_working_days(today, 5)
    second = _submitted(applicant, item)
    assert second.number.endswith("00002")
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == ["draft", "submit"]


def test_submit_lists_every_missing_material_and_changes_nothing(applicant, item):
    case = _draft(applicant, item)
    with pytest.raises(ValidationFailed) as error:
        services.case_submit(user=applicant, case_id=case.pk)
    assert error.value.code == "case.materials_missing"
    assert "食品经营许可申请书" in error.value.message and "营业执照" in error.value.message
    case.refresh_from_db()
    assert (case.status, case.number) == ("draft", None)


def test_form_is_validated_on_the_server_with_chinese_messages(applicant, item):
    case = _draft(applicant, item, shop_name="x" * 60, area="很大", opening_date="2026-02-30")
    _upload_all(applicant, case, item)
    with pytest.raises(ValidationFailed) as error:
        services.case_submit(user=applicant, case_id=case.pk)
    fields = {e["field"]: e["message"] for e in error.value.errors}
    assert set(fields) == {"shop_name", "area", "opening_date"}
    assert "店铺名称" in fields["shop_name"] and "经营面积" in fields["area"]


def test_same_idempotency_key_returns_the_same_case(applicant, item):
    case = _draft(applicant, item)
    _upload_all(applicant, case, item)
    results = {
        services.case_submit(user=applicant, case_id=case.pk, idempotency_key="key-12345678").pk for _ in range(20)
    }
    assert results == {case.pk}
    assert Case.objects.exclude(number=None).count() == 1
    assert AuditEvent.objects.filter(action="case.submit").count() == 1
    other = _draft(applicant, item)
    _upload_all(applicant, other, item)
    with pytest.raises(Conflict) as error:
        services.case_submit(user=applicant, case_id=other.pk, idempotency_key="key-12345678")
    assert error.value.code == "idempotency.mismatch"
    other.refresh_from_db()
    assert other.status == "draft"
    assert IdempotencyKey.objects.count() == 1


def test_another_citizen_cannot_touch_the_draft(applicant, item):
    from tests import factories

    case = _draft(applicant, item)
    stranger, _ = factories.citizen(name="李四")
    with pytest.raises(NotFound):
        services.case_submit(user=stranger, case_id=case.pk)
    with pytest.raises(NotFound):
        services.case_draft_save(user=stranger, item_code="", form_data={}, case_id=case.pk)


@pytest.mark.parametrize(
    ("content", "filename", "code"),
    [
        (b"just text pretending to be a pdf", "证明.pdf", "case.upload_type"),
        (b"", "空.pdf", "file.empty"),
        (b"MZ\x90\x00" + b"\x00" * 100, "virus.pdf", "case.upload_type"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(applicant, item, tmp_path, content, filename, code):
    case = _draft(applicant, item)
    requirement = item.materials.first()
    with pytest.raises(ValidationFailed) as error:
        services.case_material_upload(
            user=applicant,
            case_id=case.pk,
            requirement_id=requirement.pk,
            stream=io.BytesIO(content),
            filename=filename,
        )
    assert error.value.code == code
    assert CaseMaterial.objects.count() == 0
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_oversize_upload_is_refused(applicant, item, tmp_path):
    case = _draft(applicant, item)
    requirement = item.materials.get(name="食品经营许可申请书")  # 5 MB limit
    big = io.BytesIO(PDF + b"0" * (6 * 1024 * 1024))
    with pytest.raises(ValidationFailed) as error:
        services.case_material_upload(
            user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=big, filename="a.pdf"
        )
    assert error.value.code == "file.too_large" and "5 MB" in error.value.message
    assert CaseMaterial.objects.count() == 0
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_path_in_file_name_is_dropped_and_type_follows_content(applicant, item):
    case = _draft(applicant, item)
    requirement = item.materials.get(name="营业执照")
    requirement_types = requirement.file_types
    assert "png" in requirement_types
    material = services.case_material_upload(
        user=applicant, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PNG), filename="../../x.pdf"
    )
    assert material.display_name == "x.png"
    assert material.content_type == "image/png"
    assert len(material.sm3) == 64


def test_accept_computes_deadlines(applicant, item, clerk):
    case = _submitted(applicant, item)
    case = services.case_accept(actor=clerk, case_id=case.pk)
    start = local_date(case.accepted_at)
    assert case.status == "in_review"
    assert case.statutory_due == add_working_days(start, 20)
    assert case.promised_due == add_working_days(start, 5)
    with pytest.raises(Conflict):
        services.case_accept(actor=clerk, case_id=case.pk)


def test_supplement_then_resubmit(applicant, item, clerk):
    case = _submitted(applicant, item)
    with pytest.raises(ValidationFailed):
        services.case_request_supplement(actor=clerk, case_id=case.pk, items=[])
    case = services.case_request_supplement(
        actor=clerk, case_id=case.pk, items=[{"name": "营业执照", "note": "请上传清晰的彩色扫描件"}], note="一次性告知"
    )
    assert case.status == "supplement_requested"
    with pytest.raises(Conflict) as error:
        services.case_request_supplement(actor=clerk, case_id=case.pk, items=[{"name": "x"}])
    assert error.value.code == "case.invalid_transition"
    case = services.case_resubmit(user=applicant, case_id=case.pk)
    assert case.status == "submitted" and case.acceptance_due is not None


def test_deemed_acceptance_when_nobody_answered_in_time(applicant, item):
    case = _submitted(applicant, item)
    later = case.acceptance_due + dt.timedelta(days=1)
    counts = services.case_deadline_sweep(today=later)
    case.refresh_from_db()
    assert counts["deemed_accepted"] == 1
    assert case.status == "in_review" and case.deemed_accepted
    assert case.accepted_at == case.submitted_at
    assert services.case_deadline_sweep(today=later)["deemed_accepted"] == 0


def test_refusal_needs_reason_and_legal_basis(applicant, item, clerk):
    case = _submitted(applicant, item)
    with pytest.raises(ValidationFailed):
        services.case_refuse(actor=clerk, case_id=case.pk, reason="不属于本机关职权范围", legal_basis="")
    case = services.case_refuse(
        actor=clerk,
        case_id=case.pk,
        reason="不属于本机关职权范围",
        legal_basis="《中华人民共和国行政许可法》第三十二条",
    )
    assert case.status == "refused"
    with pytest.raises(Conflict):
        services.case_accept(actor=clerk, case_id=case.pk)


def test_decision_is_made_once(applicant, item, clerk, decider, review_done):
    case = _submitted(applicant, item)
    services.case_accept(actor=clerk, case_id=case.pk)
    with pytest.raises(Conflict) as pending:
        services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合法定条件")
    assert pending.value.code == "case.review_pending"
    review_done(case.pk)
    with pytest.raises(ValidationFailed):
        services.case_decide(actor=decider, case_id=case.pk, decision="denied", reason="场所不符合要求")
    case = services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合法定条件")
    assert (case.status, case.decision) == ("decided", "granted")
    with pytest.raises(Conflict):
        services.case_decide(actor=decider, case_id=case.pk, decision="denied", reason="x", legal_basis="y")
    assert AuditEvent.objects.filter(action="case.decide").count() == 1
    case = services.case_complete(actor=decider, case_id=case.pk)
    assert case.status == "completed"
    with pytest.raises(Conflict):
        services.case_withdraw(user=applicant, case_id=case.pk)


def test_suspension_stops_the_clock(applicant, item, clerk, monkeypatch):
    case = _submitted(applicant, item)
    case = services.case_accept(actor=clerk, case_id=case.pk)
    due_before = case.statutory_due
    today = local_date(timezone.now())
    case = services.case_suspend(
        actor=clerk, case_id=case.pk, reason="inspection", expected_end=today + dt.timedelta(days=14), note="现场核查"
    )
    assert case.status == "suspended"
    with pytest.raises(Conflict):
        services.case_decide(actor=clerk, case_id=case.pk, decision="granted", reason="x")
    later = today + dt.timedelta(days=10)
    monkeypatch.setattr(services, "_today", lambda: later)
    case = services.case_resume(actor=clerk, case_id=case.pk)
    assert case.status == "in_review"
    assert case.statutory_due > due_before


def test_extension_only_once(applicant, item, clerk):
    case = _submitted(applicant, item)
    case = services.case_accept(actor=clerk, case_id=case.pk)
    due = case.statutory_due
    with pytest.raises(ValidationFailed):
        services.case_extend(actor=clerk, case_id=case.pk, reason=" ")
    case = services.case_extend(actor=clerk, case_id=case.pk, reason="需组织专家论证")
    assert case.extension_days == 10 and case.statutory_due == add_working_days(due, 10)
    with pytest.raises(Conflict) as error:
        services.case_extend(actor=clerk, case_id=case.pk, reason="again")
    assert error.value.code == "case.already_extended"


def test_withdraw_before_decision(applicant, item, clerk):
    case = _submitted(applicant, item)
    services.case_accept(actor=clerk, case_id=case.pk)
    case = services.case_withdraw(user=applicant, case_id=case.pk, reason="不再需要")
    assert case.status == "withdrawn" and case.withdrawn_at is not None
    assert audit_verify().ok


def test_a_failure_inside_a_transition_leaves_nothing_half_written(applicant, item, clerk, monkeypatch):
    case = _submitted(applicant, item)
    events = CaseEvent.objects.count()
    audits = AuditEvent.objects.count()

    def boom(**kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(services, "audit_record", boom)
    with pytest.raises(RuntimeError):
        services.case_accept(actor=clerk, case_id=case.pk)
    case.refresh_from_db()
    assert case.status == "submitted" and case.accepted_at is None
    assert (CaseEvent.objects.count(), AuditEvent.objects.count()) == (events, audits)


def test_deadlines_wait_for_a_missing_calendar_instead_of_guessing(applicant, item, clerk, monkeypatch):
    from govhall.core.errors import ConfigurationError

    def no_calendar(*args, **kwargs):
        raise ConfigurationError("calendar missing", code="calendar.year_missing")

    case = _submitted(applicant, item)
    monkeypatch.setattr(services.WorkingCalendar, "add_working_days", no_calendar)
    case = services.case_accept(actor=clerk, case_id=case.pk)
    assert case.status == "in_review" and case.statutory_due is None
    monkeypatch.undo()
    assert services.case_deadline_sweep()["dues_filled"] == 1
    case.refresh_from_db()
    assert case.statutory_due is not None


def test_window_intake_files_and_accepts_at_once(item, clerk):
    from govhall.accounts.models import Person
    from tests import factories

    _user, _number = factories.citizen(name="陈建国")
    person = Person.objects.get(real_name="陈建国")
    required = [m.pk for m in item.materials.all() if m.necessity == "required"]
    with pytest.raises(ValidationFailed) as error:
        services.case_intake(
            actor=clerk,
            item_code=item.service_item.code,
            form_data={"shop_name": "店"},
            checked_requirement_ids=required[:1],
            person_id=person.pk,
        )
    assert error.value.code == "case.materials_missing"
    case = services.case_intake(
        actor=clerk,
        item_code=item.service_item.code,
        form_data={"shop_name": "店"},
        checked_requirement_ids=required,
        person_id=person.pk,
    )
    assert (case.status, case.channel, case.submitted_by_id) == ("in_review", "window", clerk.user_id)
    assert set(case.materials.values_list("source", flat=True)) == {"paper"}
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["intake", "submit", "accept", "task"]  # the review step arrived


def test_a_case_keeps_the_version_it_was_filed_under(applicant, item, clerk):
    from govhall.catalog import services as catalog_services
    from tests.catalog.conftest import ACTOR, MATERIALS

    case = _submitted(applicant, item)
    draft = catalog_services.version_draft_from(actor=ACTOR, version=item)
    catalog_services.version_update_draft(
        actor=ACTOR, version=draft, fields={}, materials=[*MATERIALS, {"name": "健康证明", "necessity": "required"}]
    )
    v2 = catalog_services.version_publish(actor=ACTOR, version=draft)
    case = services.case_accept(actor=clerk, case_id=case.pk)
    assert case.item_version_id == item.pk != v2.pk
    assert [m.name for m in case.item_version.materials.all()] == ["食品经营许可申请书", "营业执照"]
    # A draft started on version 1 cannot be submitted once version 2 is the published guide.
    stale = _draft(applicant, v2)
    stale.item_version = item
    stale.save(update_fields=["item_version"])
    with pytest.raises(Conflict) as error:
        services.case_submit(user=applicant, case_id=stale.pk)
    assert error.value.code == "case.version_outdated"
