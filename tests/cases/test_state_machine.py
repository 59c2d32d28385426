"""A hypothesis state machine over the case lifecycle: whatever order people act in, the case
never leaves a terminal state, every successful transition leaves exactly one timeline entry and
audit row for it, failed ones leave nothing, deadlines stay consistent and the audit chain holds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from govhall.cases import services
from govhall.cases.constants import TERMINAL_STATUSES
from govhall.cases.models import Case, CaseEvent
from govhall.cases.routing import _decision_tasks, open_items
from govhall.core.audit import audit_verify
from govhall.core.errors import GovhallError
from govhall.core.models import AuditEvent

from .conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def machine_class(applicant, item, clerk, reviewer, decider):
    class CaseLifecycle(RuleBasedStateMachine):
        @initialize()
        def apply(self) -> None:
            case = services.case_draft_save(
                user=applicant, item_code=item.service_item.code, form_data={"shop_name": "店"}
            )
            for requirement in item.materials.all():
                services.case_material_upload(
                    user=applicant,
                    case_id=case.pk,
                    requirement_id=requirement.pk,
                    stream=io.BytesIO(PDF),
                    filename="a.pdf",
                )
            self.case_id = services.case_submit(user=applicant, case_id=case.pk).pk
            self.terminal_seen: str | None = None

        def _act(self, kind: str, call) -> None:
            before = Case.objects.get(pk=self.case_id)
            events = CaseEvent.objects.filter(case_id=self.case_id, kind=kind).count()
            audits = AuditEvent.objects.filter(action=f"case.{kind}", subject=f"case:{self.case_id}").count()
            try:
                call()
            except GovhallError:
                after = Case.objects.get(pk=self.case_id)
                assert (after.status, after.updated_at) == (before.status, before.updated_at)
                assert CaseEvent.objects.filter(case_id=self.case_id, kind=kind).count() == events
                return
            assert before.status not in TERMINAL_STATUSES, f"{kind} left terminal state {before.status}"
            assert CaseEvent.objects.filter(case_id=self.case_id, kind=kind).count() == events + 1
            assert (
                AuditEvent.objects.filter(action=f"case.{kind}", subject=f"case:{self.case_id}").count() == audits + 1
            )

        @rule()
        def accept(self) -> None:
            self._act("accept", lambda: services.case_accept(actor=clerk, case_id=self.case_id))

        @rule()
        def refuse(self) -> None:
            self._act(
                "refuse",
                lambda: services.case_refuse(
                    actor=clerk, case_id=self.case_id, reason="不符合", legal_basis="第三十二条"
                ),
            )

        @rule()
        def supplement(self) -> None:
            self._act(
                "supplement_request",
                lambda: services.case_request_supplement(
                    actor=clerk, case_id=self.case_id, items=[{"name": "营业执照"}]
                ),
            )

        @rule()
        def resubmit(self) -> None:
            self._act("resubmit", lambda: services.case_resubmit(user=applicant, case_id=self.case_id))

        @rule()
        def withdraw(self) -> None:
            self._act("withdraw", lambda: services.case_withdraw(user=applicant, case_id=self.case_id))

        @rule(days=st.integers(min_value=1, max_value=20))
        def suspend(self, days: int) -> None:
            end = dt.date(2026, 3, 2) + dt.timedelta(days=days)
            self._act(
                "suspend",
                lambda: services.case_suspend(
                    actor=reviewer, case_id=self.case_id, reason="inspection", expected_end=end
                ),
            )

        @rule()
        def resume(self) -> None:
            self._act("resume", lambda: services.case_resume(actor=reviewer, case_id=self.case_id))

        @rule()
        def extend(self) -> None:
            self._act("extend", lambda: services.case_extend(actor=reviewer, case_id=self.case_id, reason="专家评审"))

        @rule()
        def review(self) -> None:
            case = Case.objects.get(pk=self.case_id)
            items = [i for i in open_items(case) if i.task_name not in _decision_tasks(case)]
            if items:
                self._act(
                    "review",
                    lambda: services.case_review(
                        actor=reviewer,
                        case_id=self.case_id,
                        work_item_id=items[0].pk,
                        opinion="同意",
                        recommendation="approve",
                    ),
                )

        @rule(grant=st.booleans())
        def decide(self, grant: bool) -> None:
            self._act(
                "decide",
                lambda: services.case_decide(
                    actor=decider,
                    case_id=self.case_id,
                    decision="granted" if grant else "denied",
                    reason="依法审查",
                    legal_basis="第三十八条",
                ),
            )

        @rule()
        def complete(self) -> None:
            self._act("complete", lambda: services.case_complete(actor=decider, case_id=self.case_id))

        @invariant()
        def consistent(self) -> None:
            if not hasattr(self, "case_id"):
                return
            case = Case.objects.get(pk=self.case_id)
            if self.terminal_seen is not None:
                assert case.status == self.terminal_seen
            if case.status in TERMINAL_STATUSES:
                self.terminal_seen = case.status
            if case.accepted_at and case.statutory_due:
                assert case.statutory_due >= case.accepted_at.date()
                assert case.promised_due is None or case.promised_due <= case.statutory_due
            assert (case.decision != "") == (case.status in ("decided", "completed"))
            assert case.extension_days in (0, 10)

        def teardown(self) -> None:
            assert audit_verify().ok

    return CaseLifecycle


def test_case_lifecycle_state_machine(machine_class):
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(
        machine_class,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
