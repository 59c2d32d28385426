from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govhall.catalog.exchange import catalog_export, format_for
from govhall.core.facade import GovhallError


class Command(BaseCommand):
    help = (
        "Export the catalogue (published versions) as the exchange xlsx workbook or a "
        "govhall-catalog/1 JSON file, chosen by the file name (docs/catalog-exchange.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="FILE.xlsx or FILE.json")
        parser.add_argument("--format", choices=["json", "xlsx"], help="default: from the file name")
        parser.add_argument(
            "--include-drafts", action="store_true", help="write an item's draft instead of its published version"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        fmt = options["format"] or format_for(path)
        if fmt is None:
            raise CommandError(f"{path}: cannot tell the format from the name; use --format json|xlsx")
        try:
            data = catalog_export(fmt=fmt, include_drafts=options["include_drafts"])
        except GovhallError as error:
            raise CommandError(error.message) from None
        # Write next to the target and rename, so a failed export never leaves half a file.
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)
        self.stdout.write(f"{path}: {len(data)} bytes ({fmt})")
