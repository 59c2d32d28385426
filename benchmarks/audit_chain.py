"""Audit chain benchmark: append N events, then time ``verify-audit`` over them.

    .venv/bin/python benchmarks/audit_chain.py [--events 100000] [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/audit_chain.py

Uses a fresh SQLite database in a temporary directory unless DATABASE_URL is set (then that
database must be empty and migrated tables are created in it). Prints medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000, help="events appended per transaction")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="govhall-bench-")
    os.environ.setdefault("GOVHALL_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from govhall.core.audit import audit_record, audit_verify
    from govhall.core.contracts import Actor, SubjectRef

    call_command("migrate", verbosity=0)
    actor = Actor(user_id=1, role="window_clerk", department_id=1, request_id="bench-00000001", client_ip="127.0.0.1")
    started = time.perf_counter()
    written = 0
    while written < args.events:
        with transaction.atomic():
            for _ in range(min(args.batch, args.events - written)):
                written += 1
                audit_record(
                    actor=actor,
                    action="case.accept",
                    subject=SubjectRef("case", str(written)),
                    before={"status": "submitted"},
                    after={"status": "accepted"},
                    detail={"n": written},
                )
    append_seconds = time.perf_counter() - started
    print(f"database: {connection.vendor}")
    print(f"append: {written} events in {append_seconds:.1f}s = {written / append_seconds:,.0f} events/s")

    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = audit_verify()
        timings.append(time.perf_counter() - started)
        assert result.ok and result.checked == written, result
    median = statistics.median(timings)
    print(f"verify: {written} events, median {median:.2f}s over {args.runs} runs ({written / median:,.0f} events/s)")

    with connection.cursor() as cursor:  # tamper with one row in the middle and time detection
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
        cursor.execute("UPDATE core_auditevent SET result = 'denied' WHERE seq = %s", [written // 2])
    started = time.perf_counter()
    result = audit_verify()
    print(
        f"tampered row {written // 2}: detected={not result.ok} at seq {result.first_broken_seq} "
        f"({result.reason}) in {time.perf_counter() - started:.2f}s"
    )


if __name__ == "__main__":
    main()
