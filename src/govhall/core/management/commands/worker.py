from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from govhall.core.scheduler import SchedulerThread, periodic_jobs


class Command(BaseCommand):
    help = "Run the background worker: django-tasks' database worker plus the periodic job scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-scheduler", action="store_true", help="only run tasks, never enqueue periodic jobs")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between queue polls")

    def handle(self, *args: Any, no_scheduler: bool = False, interval: float = 1.0, **options: Any) -> None:
        scheduler = None
        if not no_scheduler:
            scheduler = SchedulerThread()
            scheduler.start()
            names = ", ".join(job.name for job in periodic_jobs())
            self.stdout.write(f"scheduler started: {names}")
        try:
            call_command("db_worker", interval=interval)
        finally:
            if scheduler is not None:
                scheduler.stop()
                scheduler.join(timeout=10)
