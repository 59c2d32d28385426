import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from govhall.core.audit import GENESIS_HASH, audit_record, audit_verify
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.models import AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db

ACTOR = Actor(user_id=7, role="window_clerk", department_id=3, request_id="req-12345678", client_ip="10.0.0.8")


def _record(n: int) -> list[AuditEvent]:
    events = []
    with transaction.atomic():
        for i in range(n):
            events.append(
                audit_record(
                    actor=ACTOR,
                    action="case.accept",
                    subject=SubjectRef("case", str(i)),
                    before={"status": "submitted"},
                    after={"status": "accepted"},
                    detail={"n": i},
                )
            )
    return events


def _drop_guards() -> None:
    """Tampering tests play the attacker with direct database access: remove the triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER core_auditevent_no_update ON core_auditevent")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete ON core_auditevent")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_chain_links_each_event_to_the_previous_one():
    events = _record(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (3, events[2].hash)
    assert events[0].before_digest and events[0].before_digest != events[0].after_digest
    assert audit_verify().ok
    assert audit_verify().checked == 3


def test_empty_chain_verifies():
    result = audit_verify()
    assert result.ok and result.checked == 0


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record(actor=ACTOR, action="x", subject=SubjectRef("case", "1"))
    assert AuditEvent.objects.count() == 0


def test_audit_row_rolls_back_with_the_change_it_records():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit_record(actor=ACTOR, action="case.accept", subject=SubjectRef("case", "1"))
        1 / 0  # noqa: B018 - the change fails after its audit row was written
    assert AuditEvent.objects.count() == 0
    assert AuditChainHead.objects.get().seq == 0
    assert audit_verify().ok


def test_detail_must_hold_exact_scalars():
    with pytest.raises(TypeError), transaction.atomic():
        audit_record(actor=ACTOR, action="x", subject=SubjectRef("case", "1"), detail={"amount": 1.5})


def test_database_refuses_updates():
    _record(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw("UPDATE core_auditevent SET result = %s WHERE seq = %s", ["denied", 1])


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_deletes():
    _record(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw("DELETE FROM core_auditevent WHERE seq = %s", [1])


def test_modifying_a_row_is_caught():
    _record(5)
    _drop_guards()
    _raw("UPDATE core_auditevent SET result = %s WHERE seq = %s", ["denied", 3])
    result = audit_verify()
    assert not result.ok
    assert (result.first_broken_seq, result.reason) == (3, "hash mismatch")


def test_modifying_a_row_and_recomputing_its_hash_is_caught_at_the_next_row():
    events = _record(5)
    _drop_guards()
    from govhall.core.audit import _CHAINED_FIELDS, _row_hash

    # A smarter attacker recomputes the modified row's own hash: the next row's link breaks.
    row = {name: getattr(events[2], name) for name in _CHAINED_FIELDS}
    row["action"] = "case.deny"
    _raw("UPDATE core_auditevent SET action = %s, hash = %s WHERE seq = %s", ["case.deny", _row_hash(row), 3])
    result = audit_verify()
    assert (result.ok, result.first_broken_seq, result.reason) == (False, 4, "prev_hash mismatch")


def test_deleting_a_row_is_caught():
    _record(5)
    _drop_guards()
    _raw("DELETE FROM core_auditevent WHERE seq = %s", [2])
    result = audit_verify()
    assert (result.ok, result.first_broken_seq, result.reason) == (False, 2, "sequence gap")


def test_deleting_the_newest_rows_is_caught_by_the_head():
    _record(5)
    _drop_guards()
    _raw("DELETE FROM core_auditevent WHERE seq >= %s", [4])
    result = audit_verify()
    assert (result.ok, result.first_broken_seq, result.reason) == (False, 4, "head mismatch")


def test_inserting_a_row_is_caught():
    events = _record(4)
    _drop_guards()
    # Make room at seq 3 by shifting the later rows up, then insert a forged row there.
    _raw("UPDATE core_auditevent SET seq = seq + 100 WHERE seq >= %s", [3])
    _raw("UPDATE core_auditevent SET seq = seq - 99 WHERE seq >= %s", [100])
    forged = events[1]
    _raw(
        "INSERT INTO core_auditevent (seq, occurred_at, actor_id, actor_role, department_id, action, subject,"
        " result, request_id, client_ip, before_digest, after_digest, detail, prev_hash, hash)"
        " VALUES (%s, %s, NULL, '', NULL, 'case.grant', 'case:99', 'ok', '', '', '', '', '{}', %s, %s)",
        [3, forged.occurred_at, forged.hash, "f" * 64],
    )
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_seq == 3


def test_reordering_rows_is_caught():
    _record(5)
    _drop_guards()
    _raw("UPDATE core_auditevent SET seq = %s WHERE seq = %s", [1000, 2])
    _raw("UPDATE core_auditevent SET seq = %s WHERE seq = %s", [2, 4])
    _raw("UPDATE core_auditevent SET seq = %s WHERE seq = %s", [4, 1000])
    result = audit_verify()
    assert (result.ok, result.first_broken_seq, result.reason) == (False, 2, "prev_hash mismatch")


def test_verify_audit_command_reports_the_broken_sequence_number(capsys):
    _record(3)
    call_command("verify_audit")
    assert "OK: 3 audit events verified" in capsys.readouterr().out
    _drop_guards()
    _raw("UPDATE core_auditevent SET subject = %s WHERE seq = %s", ["case:666", 2])
    with pytest.raises(CommandError, match="BROKEN at sequence 2: hash mismatch"):
        call_command("verify_audit")


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded", "expected"),
    [
        (False, "198.51.100.1, 203.0.113.9", "10.0.0.2"),  # not behind a proxy: the peer's address
        (True, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the client the proxy named last
        (True, "203.0.113.9, " + "x" * 200, "10.0.0.2"),  # not an address: ignored, the change still saves
    ],
)
def test_a_request_records_the_clients_address_behind_a_trusted_proxy(
    settings, behind_proxy, forwarded, expected
) -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from govhall.core.middleware import RequestIdMiddleware

    settings.GOVHALL_BEHIND_PROXY = behind_proxy

    def view(_request):
        with transaction.atomic():
            audit_record(
                actor=Actor(user_id=1, role="applicant"), action="case.submit", subject=SubjectRef("case", "1")
            )
        return HttpResponse("ok")

    request = RequestFactory().post(
        "/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded,  # the first hops are whatever the client claimed
    )
    RequestIdMiddleware(view)(request)
    assert AuditEvent.objects.get().client_ip == expected


@pytest.mark.parametrize(
    ("source", "stale"),
    [
        ("_lock_head", lambda head: AuditChainHead(pk=1, seq=head.seq + 5, hash=head.hash)),
        # the same seq with another hash: a head another writer moved after ours was undone
        ("_known_head", lambda head: AuditChainHead(pk=1, seq=head.seq, hash="f" * 64)),
    ],
)
def test_an_append_past_a_moved_head_fails_and_leaves_no_event(monkeypatch, source, stale) -> None:
    from govhall.core import audit

    _record(2)
    head = AuditChainHead.objects.get()
    monkeypatch.setattr(audit, "_known_head", lambda connection: None)
    monkeypatch.setattr(audit, source, lambda *args: stale(head))
    with pytest.raises(RuntimeError, match="head moved"), transaction.atomic():
        audit_record(actor=ACTOR, action="case.accept", subject=SubjectRef("case", "x"))
    assert AuditEvent.objects.count() == 2
    assert AuditChainHead.objects.get().seq == head.seq
    assert audit_verify().ok


def _head_reads(queries: CaptureQueriesContext) -> int:
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith("SELECT") and AuditChainHead._meta.db_table in query["sql"]
    )


def test_a_transactions_later_appends_reuse_the_head_it_moved() -> None:
    _record(1)
    with CaptureQueriesContext(connection) as queries:
        _record(3)
    assert _head_reads(queries) == 0
    assert [e.seq for e in AuditEvent.objects.order_by("seq")] == [1, 2, 3, 4]
    assert audit_verify().ok


def test_after_a_savepoint_rolls_back_the_head_is_read_again() -> None:
    _record(1)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit_record(actor=ACTOR, action="case.accept", subject=SubjectRef("case", "undone"))
        1 / 0  # noqa: B018 - the savepoint rolls back with its event and the head's move
    with CaptureQueriesContext(connection) as queries:
        _record(2)
    assert _head_reads(queries) == 1
    assert [e.seq for e in AuditEvent.objects.order_by("seq")] == [1, 2, 3]
    assert not AuditEvent.objects.filter(subject="case:undone").exists()
    assert audit_verify().ok


@pytest.mark.django_db(transaction=True)
def test_each_transaction_reads_the_head_afresh() -> None:
    _record(2)  # committed
    with CaptureQueriesContext(connection) as queries:
        _record(1)
    assert _head_reads(queries) == 1
    with pytest.raises(ZeroDivisionError), transaction.atomic():  # a transaction that rolls back
        audit_record(actor=ACTOR, action="case.accept", subject=SubjectRef("case", "undone"))
        1 / 0  # noqa: B018
    with CaptureQueriesContext(connection) as queries:
        _record(1)
    assert _head_reads(queries) == 1
    assert AuditChainHead.objects.get().seq == 4
    assert audit_verify().ok and audit_verify().checked == 4
