from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from govhall.catalog.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the catalogue search index from all published item versions (after a dictionary change)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        indexed = reindex_all()
        self.stdout.write(f"OK: {indexed} published items indexed in {time.perf_counter() - started:.1f}s")
