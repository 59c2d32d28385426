from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from govhall.accounts.services import region_load_bundled


class Command(BaseCommand):
    help = "Load or refresh the bundled GB/T 2260 region tree (see docs/data-sources.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{region_load_bundled()} region rows loaded")
