"""The tamper-evident audit log: append and verify.

Each ``AuditEvent`` stores ``prev_hash`` and ``hash = SM3(canonical(row including prev_hash))``;
the singleton ``AuditChainHead`` holds the last sequence number and hash. Appending locks the head,
so sequence numbers are gap-free and the chain is linear even with many writers; a transaction's
later appends reuse the head its earlier one moved (see ``_known_head``). Verification
recomputes every hash and also compares the end of the chain with the head, which catches
modification, deletion (including of the newest rows), insertion and reordering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from govhall.core.compiled import CompiledInsert
from govhall.core.context import acting_for_var, client_ip_var, request_id_var
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.crypto import canonical_json, digest_of, sm3_hex
from govhall.core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
RESULT_OK = "ok"
RESULT_DENIED = "denied"
RESULT_FAILED = "failed"

_CHAINED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_role",
    "department_id",
    "action",
    "subject",
    "result",
    "request_id",
    "client_ip",
    "before_digest",
    "after_digest",
    "detail",
    "prev_hash",
)


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _row_hash(row: Mapping[str, Any]) -> str:
    payload = {name: row[name] for name in _CHAINED_FIELDS}
    payload["occurred_at"] = _timestamp(row["occurred_at"])
    return sm3_hex(canonical_json(payload))


def _check_detail(detail: Mapping[str, Any]) -> dict[str, Any]:
    # Floats do not round-trip identically through every database's JSON type; keep details to
    # exact scalars so the hash recomputes byte for byte.
    for key, value in detail.items():
        if not isinstance(value, str | int | bool | type(None)) or isinstance(value, float):
            raise TypeError(f"audit detail {key!r} must be str, int, bool or None")
    return dict(detail)


def _with_principal(detail: dict[str, Any], actor: Actor) -> dict[str, Any]:
    # The actor is the person; whom they act for (an organisation, a mandate's principal) is
    # part of the chained detail so both are recorded and tamper-evident.
    on_behalf_of = actor.on_behalf_of or acting_for_var.get()
    if on_behalf_of and "on_behalf_of" not in detail:
        detail["on_behalf_of"] = on_behalf_of
    return detail


def audit_record(
    *,
    actor: Actor,
    action: str,
    subject: SubjectRef,
    result: str = RESULT_OK,
    before: Any = None,
    after: Any = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain.

    Must run inside the transaction of the change it records (raises ``RuntimeError`` otherwise)
    so the change and its audit row commit or roll back together. ``before``/``after`` are
    JSON-able snapshots; only their SM3 digests are stored. ``detail`` must hold no personal data.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must be called inside the transaction of the change")
    # No savepoint of its own (two round trips per event): an append that fails must roll the
    # whole change back anyway, which the enclosing transaction then does.
    with transaction.atomic(savepoint=False):
        connection = transaction.get_connection()
        head = _known_head(connection) or _lock_head()
        row: dict[str, Any] = {
            "seq": head.seq + 1,
            "occurred_at": timezone.now(),
            "actor_id": actor.user_id,
            "actor_role": actor.role,
            "department_id": actor.department_id,
            "action": action,
            "subject": str(subject),
            "result": result,
            "request_id": actor.request_id or request_id_var.get(),
            "client_ip": actor.client_ip or client_ip_var.get(),
            "before_digest": digest_of(before) if before is not None else "",
            "after_digest": digest_of(after) if after is not None else "",
            "detail": _with_principal(_check_detail(detail or {}), actor),
            "prev_hash": head.hash,
        }
        row["hash"] = _row_hash(row)
        if connection.vendor == "postgresql":
            event = _append_and_move(connection, head, row)
        else:
            event = _EVENT_INSERT.create(**row)
            _move_head(head, seq=row["seq"], hash_=row["hash"])
        _remember_head(connection, seq=row["seq"], hash_=row["hash"])
        return event


# The head this transaction last moved, so that its next append need not read it again: the
# transaction holds the head's row lock from its first append to its end, so nobody else can
# move it in between. The note is tied to Django's list of this transaction's on-commit
# callbacks, which Django replaces when the transaction commits or rolls back and when a
# savepoint rolls back (which also releases a row lock taken inside it): then the head is read
# again. Should the note ever be stale all the same, the head's move compares seq and hash and
# fails the transaction rather than fork the chain (tests/core/test_audit.py).
_HEAD_NOTE = "_govhall_audit_head"


def _known_head(connection: Any) -> AuditChainHead | None:
    note = getattr(connection, _HEAD_NOTE, None)
    if note is None or note[0] is not connection.run_on_commit:
        return None
    head: AuditChainHead = note[1]
    return head


def _remember_head(connection: Any, *, seq: int, hash_: str) -> None:
    setattr(connection, _HEAD_NOTE, (connection.run_on_commit, AuditChainHead(pk=1, seq=seq, hash=hash_)))


def _append_and_move(connection: Any, head: AuditChainHead, row: dict[str, Any]) -> AuditEvent:
    """PostgreSQL: the event's INSERT and the head's move in one statement (one round trip less
    on every audited change). Both run, or the check below fails the whole transaction."""
    event, insert, params = _EVENT_INSERT.prepare(connection.alias, **row)
    sql = (
        f"WITH appended AS ({insert}), "  # noqa: S608 (constant text)
        f"moved AS (UPDATE {_HEAD_TABLE} SET seq = %s, hash = %s WHERE id = 1 AND seq = %s AND hash = %s "
        "RETURNING seq) SELECT (SELECT id FROM appended), (SELECT count(*) FROM moved)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, row["seq"], row["hash"], head.seq, head.hash])
        event_id, moved = cursor.fetchone()
    if moved != 1:
        raise _head_moved()
    event.pk = event_id
    event._state.adding = False
    event._state.db = connection.alias
    return event


# Every audited change in the platform appends here: the INSERT is written once per process.
_EVENT_INSERT = CompiledInsert(AuditEvent)

# The head is read and moved with raw SQL: every audited change in the platform goes through
# here, under the head's row lock, so its cost is everyone's (benchmarks/case_flow.py).
_HEAD_TABLE = AuditChainHead._meta.db_table


def _read_head(*, lock: bool) -> AuditChainHead | None:
    connection = transaction.get_connection()
    suffix = " FOR UPDATE" if lock and connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {_HEAD_TABLE} WHERE id = 1{suffix}")  # noqa: S608 (constant)
        row = cursor.fetchone()
    return None if row is None else AuditChainHead(pk=1, seq=row[0], hash=row[1])


def _head_moved() -> RuntimeError:
    # the head's row lock makes this impossible; never append past a head that moved
    return RuntimeError("audit chain head moved during an append")


def _move_head(head: AuditChainHead, *, seq: int, hash_: str) -> None:
    sql = f"UPDATE {_HEAD_TABLE} SET seq = %s, hash = %s WHERE id = 1 AND seq = %s AND hash = %s"  # noqa: S608
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(sql, [seq, hash_, head.seq, head.hash])
        if cursor.rowcount != 1:
            raise _head_moved()


def _lock_head() -> AuditChainHead:
    head = _read_head(lock=True)
    if head is not None:
        return head
    # Only an empty log may start a new chain (a fresh or flushed database); a missing head
    # beside existing events is tampering, which appending must not paper over.
    if AuditEvent.objects.exists():
        raise RuntimeError("audit chain head is missing; run govhall verify-audit")
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS_HASH})
    head = _read_head(lock=True)
    assert head is not None
    return head


@dataclass(frozen=True, slots=True)
class AuditVerification:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str = ""


def _rows(chunk_size: int) -> Iterator[dict[str, Any]]:
    fields = (*_CHAINED_FIELDS, "hash")
    queryset = AuditEvent.objects.order_by("seq").values(*fields)
    yield from queryset.iterator(chunk_size=chunk_size)


def audit_verify(*, chunk_size: int = 5000) -> AuditVerification:
    """Walk the whole chain; report the first sequence number where it breaks.

    Reasons: ``sequence gap`` (a row deleted or inserted), ``prev_hash mismatch`` (rows reordered
    or a row replaced), ``hash mismatch`` (a row's content modified), ``head mismatch`` (rows
    removed from the end, or the head altered).
    """
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for row in _rows(chunk_size):
        if row["seq"] != expected_seq:
            return AuditVerification(False, checked, expected_seq, "sequence gap")
        if row["prev_hash"] != prev_hash:
            return AuditVerification(False, checked, row["seq"], "prev_hash mismatch")
        if _row_hash(row) != row["hash"]:
            return AuditVerification(False, checked, row["seq"], "hash mismatch")
        prev_hash = row["hash"]
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first() or AuditChainHead(seq=0, hash=GENESIS_HASH)
    if head.seq != checked or head.hash != prev_hash:
        return AuditVerification(False, checked, checked + 1 if head.seq > checked else head.seq, "head mismatch")
    return AuditVerification(True, checked)


def audit_events_for(*, subjects: list[str], limit: int = 200) -> list[AuditEvent]:
    """The newest audit events about the given subjects (``"kind:id"`` strings), newest first."""
    return list(AuditEvent.objects.filter(subject__in=subjects).order_by("-seq")[:limit])
