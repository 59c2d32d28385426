"""Background tasks of core, and its periodic jobs."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import task

from govhall.core.audit import audit_verify

logger = logging.getLogger(__name__)


@task()
def audit_chain_check() -> dict[str, object]:
    """Daily: verify the audit hash chain; a break is logged at CRITICAL for the security admin."""
    result = audit_verify()
    if result.ok:
        logger.info("audit chain intact: %d events", result.checked)
    else:
        logger.critical("AUDIT CHAIN BROKEN at sequence %s: %s", result.first_broken_seq, result.reason)
    return {"ok": result.ok, "checked": result.checked, "first_broken_seq": result.first_broken_seq}


def register_periodic_jobs() -> None:
    from govhall.core.scheduler import periodic_register

    periodic_register(name="core.audit_chain_check", every=dt.timedelta(days=1), task=audit_chain_check)
