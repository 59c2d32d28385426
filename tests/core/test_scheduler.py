import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from govhall.core.models import PeriodicRun
from govhall.core.scheduler import periodic_jobs, periodic_register, scheduler_tick

pytestmark = pytest.mark.django_db


def test_foundation_jobs_are_registered():
    names = {job.name for job in periodic_jobs()}
    assert {"core.audit_chain_check", "accounts.login_throttle_prune"} <= names


def test_due_jobs_are_enqueued_once_per_period():
    now = timezone.now()
    first = scheduler_tick(now=now)
    assert "core.audit_chain_check" in first
    assert DBTaskResult.objects.filter(task_path__endswith="audit_chain_check").count() == 1
    # Another worker ticking at the same moment, or a minute later, enqueues nothing more.
    assert scheduler_tick(now=now) == []
    assert scheduler_tick(now=now + dt.timedelta(minutes=1)) == []
    assert DBTaskResult.objects.filter(task_path__endswith="audit_chain_check").count() == 1
    # A day later it is due again.
    assert "core.audit_chain_check" in scheduler_tick(now=now + dt.timedelta(days=1, seconds=1))
    assert DBTaskResult.objects.filter(task_path__endswith="audit_chain_check").count() == 2


def test_a_worker_holding_a_stale_view_loses_the_claim():
    now = timezone.now()
    scheduler_tick(now=now)
    run = PeriodicRun.objects.get(name="core.audit_chain_check")
    # Simulate a worker that read next_run_at before another worker claimed it.
    claimed = PeriodicRun.objects.filter(name=run.name, next_run_at=now).update(next_run_at=now)
    assert claimed == 0


def test_periods_shorter_than_ten_seconds_are_refused():
    with pytest.raises(ValueError):
        periodic_register(name="x", every=dt.timedelta(seconds=1), task=None)


def test_audit_chain_check_task_reports_breaks(caplog):
    from django.db import transaction

    from govhall.core.audit import audit_record
    from govhall.core.contracts import Actor, SubjectRef
    from govhall.core.tasks import audit_chain_check

    with transaction.atomic():
        audit_record(actor=Actor.system(), action="x.y", subject=SubjectRef("case", "1"))
    assert audit_chain_check.call() == {"ok": True, "checked": 1, "first_broken_seq": None}
