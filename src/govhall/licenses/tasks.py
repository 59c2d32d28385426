from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def sign_license(license_id: int) -> str:
    """Render, sign and store one licence (idempotent: a second run does nothing)."""
    from govhall.licenses.services import license_sign

    return license_sign(license_id=license_id)


@task()
def reminder_sweep() -> dict[str, int]:
    """Daily-ish: renewal reminders 30 days before expiry (each licence once)."""
    from govhall.licenses.services import license_reminder_sweep

    return license_reminder_sweep()


@task()
def pending_sweep() -> dict[str, int]:
    """Every 10 minutes: re-enqueue signing of licences left pending (idempotent), flag overdue ones."""
    from govhall.licenses.services import license_pending_sweep

    return license_pending_sweep()


def register_periodic_jobs() -> None:
    from govhall.core.facade import periodic_register

    periodic_register(name="licenses.reminder_sweep", every=dt.timedelta(hours=1), task=reminder_sweep)
    periodic_register(name="licenses.pending_sweep", every=dt.timedelta(minutes=10), task=pending_sweep)
