"""Starting, advancing, cancelling processes through the services, with the bundled templates."""

from __future__ import annotations

import pytest

from govhall.core.audit import audit_verify
from govhall.core.contracts import SubjectRef
from govhall.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from govhall.core.models import AuditEvent
from govhall.workflow import engine, selectors
from govhall.workflow.constants import ProcessStatus, WorkItemStatus
from govhall.workflow.models import ProcessDefinition, ProcessInstance, WorkItem
from govhall.workflow.services import (
    install_default_processes,
    process_cancel,
    process_definition_install,
    process_start,
    work_item_claim,
    work_item_complete,
    work_item_release,
)
from tests import factories

from .conftest import SYSTEM, actor_of, bundled, staff_with
from .samples import failing_after_task

pytestmark = pytest.mark.django_db

CASE = SubjectRef("case", "1")


def open_items(subject=CASE):
    return list(WorkItem.objects.filter(subject=str(subject), status=WorkItemStatus.OPEN).order_by("id"))


def complete(item, user, **outcome):
    return work_item_complete(actor=actor_of(user), work_item_id=item.pk, outcome=outcome)


def snapshot(subject=CASE):
    """Everything a failed call must leave untouched."""
    instance = ProcessInstance.objects.filter(subject=str(subject)).values().first()
    items = list(WorkItem.objects.filter(subject=str(subject)).order_by("id").values())
    return instance, items, AuditEvent.objects.count()


def test_single_department_review_then_decision_then_completion(processes, department, reviewer, decider, recorder):
    instance = process_start(
        actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk}
    )
    assert (instance.status, instance.definition.version) == (ProcessStatus.RUNNING, 1)
    [review] = open_items()
    assert (review.title, review.role, review.department_id, review.task_name) == (
        "审核",
        "reviewer",
        department.pk,
        "review",
    )
    assert [item.id for item in recorder.created] == [review.pk]

    complete(review, reviewer, result="pass", opinion="材料齐全，符合条件")
    review.refresh_from_db()
    assert (review.status, review.completed_by_id) == (WorkItemStatus.COMPLETED, reviewer.pk)
    [decide] = open_items()
    assert (decide.title, decide.role) == ("决定", "decider")
    assert recorder.completed == []

    complete(decide, decider, decision="grant", reason="符合法定条件")
    instance.refresh_from_db()
    assert instance.status == ProcessStatus.COMPLETED and instance.completed_at is not None
    assert open_items() == []
    assert recorder.completed == [
        (
            "case:1",
            {
                "department_id": department.pk,
                "review": {"result": "pass", "opinion": "材料齐全，符合条件"},
                "decision": "grant",
                "reason": "符合法定条件",
            },
        )
    ]
    assert instance.data == recorder.completed[0][1]
    assert [item.task_name for item in recorder.completed_items] == ["review", "decide"]
    actions = list(AuditEvent.objects.filter(subject="case:1").order_by("seq").values_list("action", flat=True))
    assert actions == [
        "workflow.process.start",
        "workflow.work_item.complete",
        "workflow.work_item.complete",
        "workflow.process.complete",
    ]
    assert audit_verify().ok


def test_two_level_review_needs_a_second_reviewer(processes, department, reviewer, decider):
    process_start(actor=SYSTEM, subject=CASE, process_key="two_level_review", data={"department_id": department.pk})
    [first] = open_items()
    assert first.title == "初审"
    complete(first, reviewer, opinion="同意")
    [second] = open_items()
    assert second.title == "复审"

    before = snapshot()
    with pytest.raises(PermissionDenied) as error:
        complete(second, reviewer, opinion="同意")  # 审批分离: not the first reviewer again
    assert error.value.code == "workflow.separation_of_duties"
    assert snapshot() == before

    complete(second, staff_with(department, "reviewer"), opinion="同意")
    [decide] = open_items()
    complete(decide, decider, decision="deny", reason="不符合条件")
    instance = ProcessInstance.objects.get(subject="case:1")
    assert instance.status == ProcessStatus.COMPLETED
    assert instance.data["first_review"] == {"opinion": "同意"}
    assert instance.data["decision"] == "deny"


def test_parallel_review_creates_one_item_per_department_and_decides_after_all(processes, recorder):
    lead = factories.department("市发展和改革委员会")
    others = [factories.department("市自然资源局"), factories.department("市生态环境局")]
    departments = [lead, *others]
    process_start(
        actor=SYSTEM,
        subject=CASE,
        process_key="parallel_review",
        data={"departments": [d.pk for d in departments], "lead_department_id": lead.pk},
    )
    items = open_items()
    assert len(items) == 3
    assert sorted(item.department_id for item in items) == sorted(d.pk for d in departments)
    assert {item.title for item in items} == {"部门并联审查"}
    assert {item.role for item in items} == {"reviewer"}

    reviewers = {d.pk: staff_with(d, "reviewer") for d in departments}
    for index, item in enumerate(items):
        assert not WorkItem.objects.filter(subject="case:1", task_name="decide").exists()
        complete(item, reviewers[item.department_id], result="pass", opinion=f"意见{index}")
    [decide] = open_items()
    assert (decide.title, decide.role, decide.department_id) == ("决定", "decider", lead.pk)

    complete(decide, staff_with(lead, "decider"), decision="grant", reason="各部门均同意")
    subject, data = recorder.completed[0]
    assert subject == "case:1" and data["decision"] == "grant"
    assert sorted(review["department_id"] for review in data["reviews"]) == sorted(d.pk for d in departments)
    assert all(review["result"] == "pass" for review in data["reviews"])


def test_a_reviewer_of_one_branch_cannot_complete_another_departments_branch(processes):
    first, second = factories.department("甲局"), factories.department("乙局")
    process_start(
        actor=SYSTEM,
        subject=CASE,
        process_key="parallel_review",
        data={"departments": [first.pk, second.pk], "lead_department_id": first.pk},
    )
    second_item = next(item for item in open_items() if item.department_id == second.pk)
    first_reviewer = staff_with(first, "reviewer")
    before = snapshot()
    with pytest.raises(NotFound):
        complete(second_item, first_reviewer, result="pass")
    assert snapshot() == before


def test_instant_approval_grants_matching_data_and_stores_the_rule_trace(processes, department, recorder):
    instance = process_start(
        actor=SYSTEM,
        subject=CASE,
        process_key="instant_approval",
        data={"department_id": department.pk, "age": 35, "has_license": True},
    )
    assert instance.status == ProcessStatus.COMPLETED
    assert open_items() == [] and not WorkItem.objects.exists()
    [trace] = instance.rule_traces
    assert trace["decision_id"] == "instant_approval_rules"
    assert trace["matched_rules"] == [
        {"id": "rule_grant", "row": 1, "description": "年满18周岁且持有有效证照：秒批通过"}
    ]
    assert [(i["expression"], i["value"]) for i in trace["inputs"]] == [("age", 35), ("has_license", True)]
    assert trace["outputs"] == {
        "approved": True,
        "decision": "grant",
        "reason": "年满18周岁且持有有效证照，符合秒批条件",
    }
    assert recorder.completed[0][1]["decision"] == "grant"
    [(subject, traces)] = recorder.rules
    assert subject == "case:1" and traces[0].matched_rules[0]["id"] == "rule_grant"
    assert selectors.rule_traces_for(CASE)[0].outputs["approved"] is True
    detail = AuditEvent.objects.get(action="workflow.process.start").detail
    assert detail["rules"] == "rule_grant"


@pytest.mark.parametrize(
    ("data", "rule", "reason"),
    [
        ({"age": 16, "has_license": True}, "rule_minor", "申请人未满18周岁，转人工审核"),
        ({"age": 40, "has_license": False}, "rule_no_license", "未持有有效证照，转人工审核"),
    ],
)
def test_instant_approval_routes_other_data_to_manual_review(processes, department, reviewer, data, rule, reason):
    instance = process_start(
        actor=SYSTEM, subject=CASE, process_key="instant_approval", data={"department_id": department.pk, **data}
    )
    assert instance.status == ProcessStatus.RUNNING
    assert instance.rule_traces[0]["matched_rules"][0]["id"] == rule
    assert instance.data["reason"] == reason
    [manual] = open_items()
    assert (manual.title, manual.role) == ("人工审核", "reviewer")
    with pytest.raises(ValidationFailed) as error:
        complete(manual, reviewer, opinion="同意")  # a decision is required here
    assert error.value.field == "decision"
    complete(manual, reviewer, decision="grant", reason="经人工审核符合条件")
    instance.refresh_from_db()
    assert (instance.status, instance.data["decision"]) == (ProcessStatus.COMPLETED, "grant")


def test_instant_approval_without_the_rule_inputs_is_refused_and_nothing_is_created(processes, department):
    with pytest.raises(ValidationFailed) as error:
        process_start(actor=SYSTEM, subject=CASE, process_key="instant_approval", data={"department_id": department.pk})
    assert error.value.code == "workflow.start_failed"
    assert not ProcessInstance.objects.exists() and not AuditEvent.objects.filter(subject="case:1").exists()


def test_completing_twice_is_a_conflict_and_changes_nothing(processes, department, reviewer, recorder):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    [review] = open_items()
    complete(review, reviewer, opinion="第一次")
    before = snapshot()
    with pytest.raises(Conflict) as error:
        complete(review, reviewer, opinion="第二次")
    assert error.value.code == "workflow.work_item_closed"
    assert snapshot() == before
    review.refresh_from_db()
    assert review.outcome == {"opinion": "第一次"}
    assert len(recorder.completed_items) == 1


@pytest.mark.parametrize(
    "who", ["decider_same_department", "reviewer_other_department", "citizen", "inactive", "system"]
)
def test_people_without_the_lane_role_in_that_department_cannot_complete(processes, department, who):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    [review] = open_items()
    if who == "decider_same_department":
        actor = actor_of(staff_with(department, "decider"))
    elif who == "reviewer_other_department":
        actor = actor_of(staff_with(factories.department("其他局"), "reviewer"))
    elif who == "citizen":
        actor = actor_of(factories.citizen()[0])
    elif who == "inactive":
        user = staff_with(department, "reviewer")
        user.is_active = False
        user.save(update_fields=["is_active"])
        actor = actor_of(user)
    else:
        actor = SYSTEM
    before = snapshot()
    with pytest.raises(NotFound) as error:
        work_item_complete(actor=actor, work_item_id=review.pk, outcome={"opinion": "x"})
    assert error.value.code == "workflow.work_item_not_found"
    assert snapshot() == before


def test_a_missing_work_item_is_not_found(processes, reviewer):
    with pytest.raises(NotFound):
        work_item_complete(actor=actor_of(reviewer), work_item_id=999_999, outcome={})


def test_a_bad_outcome_is_refused_and_changes_nothing(processes, department, reviewer):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    [review] = open_items()
    before = snapshot()
    for outcome in ({"__class__": 1}, {"x": object()}, {"x": float("nan")}, ["not", "a", "dict"]):
        with pytest.raises(ValidationFailed):
            work_item_complete(actor=actor_of(reviewer), work_item_id=review.pk, outcome=outcome)
    assert snapshot() == before


def test_an_outcome_cannot_overwrite_the_start_data(processes, department, reviewer, decider):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    complete(open_items()[0], reviewer, opinion="同意")
    [decide] = open_items()
    other = factories.department("其他局")
    before = snapshot()
    with pytest.raises(ValidationFailed) as error:
        complete(decide, decider, decision="grant", department_id=other.pk)
    assert error.value.code == "workflow.outcome_protected"
    assert snapshot() == before


def test_running_instances_keep_their_version_after_a_new_one_is_installed(processes, department, reviewer, decider):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    changed = bundled("single_department.bpmn").replace('name="决定"', 'name="审批决定"')
    v2 = process_definition_install(actor=SYSTEM, key="single_department", name="单部门审批", bpmn_xml=changed)
    assert v2.version == 2

    later = SubjectRef("case", "2")
    assert (
        process_start(
            actor=SYSTEM, subject=later, process_key="single_department", data={"department_id": department.pk}
        ).definition_id
        == v2.pk
    )

    old = ProcessInstance.objects.get(subject="case:1")
    assert old.definition.version == 1
    [review] = open_items()
    complete(review, reviewer, opinion="同意")
    [decide] = open_items()
    assert decide.title == "决定"  # v1's task name, not v2's
    complete(decide, decider, decision="grant")
    old.refresh_from_db()
    assert (old.status, old.definition_id) == (ProcessStatus.COMPLETED, processes["single_department"].pk)


def test_instance_state_round_trips_through_the_database(processes, department, reviewer, decider):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    instance = ProcessInstance.objects.get(subject="case:1")
    assert '"spec"' not in instance.state and "serializer_version" in instance.state
    assert len(instance.state) < len(instance.definition.spec_json) * 2
    engine.clear_spec_cache()  # as in a fresh worker process: the spec comes back from its row
    [review] = open_items()
    complete(review, reviewer, opinion="同意")
    assert engine.is_spec_cached(instance.definition.spec_digest)
    instance.refresh_from_db()
    assert instance.revision == 1
    specs = engine.load_specs(instance.definition.spec_digest, instance.definition.spec_json)
    workflow = engine.restore_workflow(specs, instance.state)
    [ready] = engine.ready_user_tasks(workflow)
    assert (ready.task_name, ready.task_id) == ("decide", open_items()[0].task_id)
    complete(open_items()[0], decider, decision="grant")
    assert ProcessInstance.objects.get(subject="case:1").status == ProcessStatus.COMPLETED


def test_cancel_closes_open_items_and_refuses_later_work(processes, department, reviewer):
    process_start(
        actor=SYSTEM,
        subject=CASE,
        process_key="parallel_review",
        data={"departments": [department.pk], "lead_department_id": department.pk},
    )
    [review] = open_items()
    instance = process_cancel(actor=SYSTEM, subject=CASE, reason="申请人撤回")
    assert instance.status == ProcessStatus.CANCELLED
    review.refresh_from_db()
    assert review.status == WorkItemStatus.CANCELLED
    with pytest.raises(Conflict):
        complete(review, reviewer, opinion="同意")
    with pytest.raises(Conflict):
        process_cancel(actor=SYSTEM, subject=CASE)
    with pytest.raises(NotFound):
        process_cancel(actor=SYSTEM, subject=SubjectRef("case", "404"))
    assert AuditEvent.objects.filter(action="workflow.process.cancel").get().detail["cancelled_work_items"] == 1


def test_a_subject_gets_one_process(processes, department):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    with pytest.raises(Conflict):
        process_start(
            actor=SYSTEM, subject="case:1", process_key="two_level_review", data={"department_id": department.pk}
        )
    assert ProcessInstance.objects.count() == 1


def test_starting_an_unknown_process_or_with_bad_departments_changes_nothing(processes, department):
    with pytest.raises(NotFound):
        process_start(actor=SYSTEM, subject=CASE, process_key="nonexistent", data={})
    for data in ({}, {"department_id": 999_999}, {"department_id": True}):
        with pytest.raises(ValidationFailed):
            process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data=data)
    with pytest.raises(ValidationFailed):
        process_start(actor=SYSTEM, subject="not-a-subject", process_key="single_department", data={})
    assert not ProcessInstance.objects.exists() and not WorkItem.objects.exists()


def test_claim_keeps_others_from_completing_until_released(processes, department, reviewer):
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    [review] = open_items()
    colleague = staff_with(department, "reviewer")
    work_item_claim(actor=actor_of(reviewer), work_item_id=review.pk)
    assert work_item_claim(actor=actor_of(reviewer), work_item_id=review.pk).claimed_by_id == reviewer.pk
    with pytest.raises(Conflict):
        work_item_claim(actor=actor_of(colleague), work_item_id=review.pk)
    with pytest.raises(Conflict):
        complete(review, colleague, opinion="同意")
    with pytest.raises(Conflict):
        work_item_release(actor=actor_of(colleague), work_item_id=review.pk)
    assert list(selectors.worklist_for_staff(user_id=reviewer.pk, claimed_only=True)) == [review]
    work_item_release(actor=actor_of(reviewer), work_item_id=review.pk)
    complete(review, colleague, opinion="同意")


def test_worklists_pair_departments_with_the_roles_held_there(processes):
    first, second = factories.department("甲局"), factories.department("乙局")
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": first.pk})
    process_start(
        actor=SYSTEM,
        subject=SubjectRef("case", "2"),
        process_key="single_department",
        data={"department_id": second.pk},
    )
    # Reviewer in 甲局, decider in 乙局: sees 甲局's review item, not 乙局's.
    person = staff_with(first, "reviewer")
    from govhall.accounts.services import role_grant

    role_grant(actor=factories.SYSTEM, user=person, department=second, role="decider")
    assert [item.subject for item in selectors.worklist_for_staff(user_id=person.pk)] == ["case:1"]
    assert len(selectors.worklist(department_ids=[first.pk, second.pk], roles=["reviewer"])) == 2
    assert list(selectors.worklist(department_ids=[second.pk], roles=["decider"])) == []
    assert [i.title for i in selectors.work_items_for(CASE)] == ["审核"]
    assert selectors.instance_for("case:2").definition.key == "single_department"
    assert selectors.instance_for("case:3") is None


def test_an_engine_failure_flags_the_instance_and_leaves_the_item_open(department, reviewer):
    broken = failing_after_task(key="single_department")
    process_definition_install(actor=SYSTEM, key="single_department", bpmn_xml=broken)
    process_start(actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk})
    [review] = open_items()
    with pytest.raises(ValidationFailed) as error:
        complete(review, reviewer, opinion="同意")
    assert error.value.code == "workflow.step_failed"
    review.refresh_from_db()
    instance = ProcessInstance.objects.get(subject="case:1")
    assert review.status == WorkItemStatus.OPEN and review.outcome == {}
    assert instance.status == ProcessStatus.ERROR and "missing_variable" in instance.last_error
    assert instance.revision == 0
    assert AuditEvent.objects.filter(action="workflow.process.error", result="failed").count() == 1


def test_default_install_is_idempotent_and_the_command_reports_versions(processes, capsys):
    again = install_default_processes(actor=SYSTEM)
    assert [d.pk for d in again] == [d.pk for d in processes.values()]
    from django.core.management import call_command

    call_command("workflow_install_defaults")
    out = capsys.readouterr().out
    assert "parallel_review v1" in out and "instant_approval v1" in out
    assert ProcessDefinition.objects.count() == 4


def test_a_failing_hook_undoes_the_whole_start(processes, department):
    from govhall.workflow import hooks

    def refuse(item):
        raise RuntimeError("the case could not record the work item")

    hooks.on_work_item_created(refuse)
    try:
        with pytest.raises(RuntimeError):
            process_start(
                actor=SYSTEM, subject=CASE, process_key="single_department", data={"department_id": department.pk}
            )
    finally:
        hooks.unregister(refuse)
    assert not ProcessInstance.objects.exists() and not WorkItem.objects.exists()
    assert not AuditEvent.objects.filter(subject="case:1").exists()


def test_the_due_date_comes_from_the_process_data(processes, department):
    process_start(
        actor=SYSTEM,
        subject=CASE,
        process_key="single_department",
        data={"department_id": department.pk, "due_date": "2026-12-18"},
    )
    [review] = open_items()
    assert review.due_date.isoformat() == "2026-12-18"
