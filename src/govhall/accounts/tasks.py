from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from govhall.accounts.models import LoginThrottle


@task()
def login_throttle_prune() -> int:
    """Hourly: forget failure counters untouched for a day whose lock-out has ended."""
    cutoff = timezone.now() - dt.timedelta(days=1)
    deleted, _rows = (
        LoginThrottle.objects.filter(updated_at__lt=cutoff).exclude(locked_until__gt=timezone.now()).delete()
    )
    return deleted


def register_periodic_jobs() -> None:
    from govhall.core.facade import periodic_register

    periodic_register(name="accounts.login_throttle_prune", every=dt.timedelta(hours=1), task=login_throttle_prune)

    from govhall.accounts.oidc.tasks import oidc_tokens_clear

    periodic_register(name="accounts.oidc_tokens_clear", every=dt.timedelta(days=1), task=oidc_tokens_clear)
