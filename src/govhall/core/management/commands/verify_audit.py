from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from govhall.core.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the audit log's SM3 hash chain; exit 1 and name the first broken sequence number."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = audit_verify()
        elapsed = time.perf_counter() - started
        if result.ok:
            self.stdout.write(f"OK: {result.checked} audit events verified in {elapsed:.2f}s")
            return
        raise CommandError(
            f"BROKEN at sequence {result.first_broken_seq}: {result.reason} "
            f"({result.checked} events verified before it, {elapsed:.2f}s)"
        )
