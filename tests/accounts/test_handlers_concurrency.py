"""Revocation racing a submission (PostgreSQL: real row locks; SQLite serialises writers anyway).

The submission path locks the handler grant / mandate row (``acting_authorize``), so a concurrent
revocation is ordered strictly before (the submission is refused) or after (the submission
happened while the right still held) — never in between."""

# ruff: noqa: F811 - pytest fixtures imported from tests.accounts.identity_fixtures
from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from govhall.accounts import identity, mandates, organizations
from govhall.core.errors import PermissionDenied
from tests.accounts.identity_fixtures import login, people  # noqa: F401
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures
from tests.concurrency import run_concurrently

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


def _waiting_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return int(cursor.fetchone()[0])


def test_a_revocation_waits_for_a_submission_holding_the_grant(people):
    grant = organizations.handler_grant(
        user=people.rep, organization_id=people.org.pk, id_number=people.handler_number, real_name="王芳"
    )
    order: list[str] = []
    locked = threading.Event()

    def revoke() -> None:
        try:
            locked.wait(timeout=30)
            organizations.handler_revoke(user=people.rep, organization_id=people.org.pk, handler_id=grant.pk)
            order.append("revoked")
        finally:
            connections.close_all()

    thread = threading.Thread(target=revoke)
    thread.start()
    with transaction.atomic():
        identity.acting_authorize(user=people.handler, organization_id=people.org.pk, mandate_id=None)
        locked.set()
        for _poll in range(3000):  # until the revocation is blocked on our row lock (bounded)
            if _waiting_locks():
                break
            threading.Event().wait(0.01)
        order.append("submitted")
    thread.join(timeout=30)
    assert order == ["submitted", "revoked"]
    with transaction.atomic(), pytest.raises(PermissionDenied):
        identity.acting_authorize(user=people.handler, organization_id=people.org.pk, mandate_id=None)


def test_concurrent_revocations_and_uses_of_a_mandate_stay_consistent(people):
    from django.utils import timezone

    mandate = mandates.mandate_record_in_person(
        actor=people.clerk_actor,
        principal_id_number=people.stranger_number,
        principal_name="陈建国",
        agent_id_number=people.handler_number,
        agent_name="王芳",
        all_items=True,
        item_codes=[],
        expires_on=timezone.localdate() + timezone.timedelta(days=3),
    )

    turns = iter(range(10))
    turn_lock = threading.Lock()

    def work() -> object:
        # Half the threads revoke, half use the mandate; every use either saw it usable under
        # the lock or was refused, and exactly one revocation wins.
        with turn_lock:
            turn = next(turns)
        if turn % 2 == 0:
            return mandates.mandate_revoke(user=people.stranger, mandate_id=mandate.pk)
        with transaction.atomic():
            return identity.acting_authorize(user=people.handler, organization_id=None, mandate_id=mandate.pk)

    results = run_concurrently(10, work)
    revoked = [r for r in results if getattr(r, "status", "") == "revoked"]
    conflicts = [r for r in results if getattr(r, "code", "") == "mandate.already_revoked"]
    uses = [r for r in results if r is None or isinstance(r, PermissionDenied)]
    assert len(revoked) == 1 and len(revoked) + len(conflicts) + len(uses) == 10, results
    mandate.refresh_from_db()
    assert mandate.status == "revoked"
