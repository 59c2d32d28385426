from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def deadline_sweep() -> dict[str, int]:
    """Every 10 minutes: deemed acceptance, deadlines waiting for a calendar, overdue flags."""
    from govhall.cases.services import case_deadline_sweep

    return case_deadline_sweep()


def register_periodic_jobs() -> None:
    from govhall.core.facade import periodic_register

    periodic_register(name="cases.deadline_sweep", every=dt.timedelta(minutes=10), task=deadline_sweep)
