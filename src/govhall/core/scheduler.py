"""Periodic jobs run by ``govhall worker``: a tiny scheduler over django-tasks.

Apps register jobs in ``AppConfig.ready()`` through ``periodic_register``. Every worker process
runs ``scheduler_tick`` every few seconds; a job whose ``PeriodicRun.next_run_at`` has passed is
claimed with a compare-and-set update, and only the worker that won the update enqueues its task,
so any number of workers (on any number of machines sharing the database) run each job once per
period. Tasks must be idempotent anyway (STYLE.md rule 6).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from typing import Any

from django.db import close_old_connections, transaction
from django.utils import timezone

from govhall.core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    name: str
    every: dt.timedelta
    task: Any  # a django_tasks Task taking no arguments


_REGISTRY: dict[str, PeriodicJob] = {}


def periodic_register(*, name: str, every: dt.timedelta, task: Any) -> None:
    """Register ``task`` to be enqueued every ``every``. Registering a name twice replaces it."""
    if every < dt.timedelta(seconds=10):
        raise ValueError("periodic jobs run at most every 10 seconds")
    _REGISTRY[name] = PeriodicJob(name=name, every=every, task=task)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


def scheduler_tick(*, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every due job that this call wins; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        run, _created = PeriodicRun.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
        if run.next_run_at > now:
            continue
        with transaction.atomic():
            won = PeriodicRun.objects.filter(name=job.name, next_run_at=run.next_run_at).update(
                next_run_at=now + job.every, last_enqueued_at=now
            )
            if won:
                job.task.enqueue()  # same transaction: the claim and the task row commit together
                enqueued.append(job.name)
    return enqueued


class SchedulerThread(threading.Thread):
    """Runs ``scheduler_tick`` every ``interval`` seconds until ``stop()``."""

    def __init__(self, interval: float = 5.0) -> None:
        super().__init__(name="govhall-scheduler", daemon=True)
        self.interval = interval
        self._stopped = threading.Event()

    def stop(self) -> None:
        self._stopped.set()

    def run(self) -> None:
        while not self._stopped.is_set():
            close_old_connections()
            try:
                names = scheduler_tick()
                if names:
                    logger.info("periodic jobs enqueued: %s", ", ".join(names))
            except Exception:  # keep scheduling; the next tick retries
                logger.exception("scheduler tick failed")
            self._stopped.wait(self.interval)
        close_old_connections()
