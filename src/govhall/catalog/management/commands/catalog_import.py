from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govhall.catalog.exchange import CatalogImportRejected, catalog_import, format_for
from govhall.core.contracts import Actor


class Command(BaseCommand):
    help = (
        "Import the catalogue from a govhall-catalog/1 JSON file or the exchange xlsx workbook "
        "(docs/catalog-exchange.md). All or nothing: any problem is printed, one per line, and "
        "nothing is written (exit status 1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .xlsx or .json file")
        parser.add_argument("--format", choices=["json", "xlsx"], help="default: from the file name")
        parser.add_argument("--no-publish", action="store_true", help="leave new and changed versions as drafts")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        fmt = options["format"] or format_for(path)
        if fmt is None:
            raise CommandError(f"{path}: cannot tell the format from the name; use --format json|xlsx")
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = catalog_import(
                actor=Actor.system("catalog_import"),
                data_or_file=path,
                fmt=fmt,
                publish=not options["no_publish"],
                dry_run=options["dry_run"],
            )
        except CatalogImportRejected as rejected:
            for problem in rejected.errors:
                self.stderr.write(problem.display())
            raise CommandError(rejected.message, returncode=1) from None
        for line in report.lines():
            self.stdout.write(line)
