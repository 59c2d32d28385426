"""Catalogue import and export: the ``govhall-catalog/1`` JSON document and the xlsx workbook that
catalogue offices exchange. The formats are specified in ``docs/catalog-exchange.md``.

Import is all or nothing. Every row of the file is checked first, with the services' own
validators so the rules are the same as in the workbench, and every problem is collected with
its sheet, row and column (a path for JSON). If there is any problem nothing is written and
``CatalogImportRejected`` carries them all. Otherwise one transaction writes the file through the
services: a new item gets version 1, an item whose content differs gets a new version (published
unless ``publish=False``, which retires the previous one), an unchanged item gets nothing — so
importing the same file twice changes nothing the second time.

A column (or JSON key) that is absent leaves that value of an existing item as it is and gives a
new item the default; a blank cell means "empty" (or the default for numbers, switches and
choices). The same holds for whole sheets: without a 材料 sheet the materials stay as they are;
with one, an item's materials are exactly its rows there.

The modules, in the order an import passes through them:

* ``formats`` — sheets, columns, labels and limits;
* ``values`` — a cell or JSON value to a Python value;
* ``reading`` — a file to records, each with its origin (``problems`` collects what is wrong);
* ``checking`` — records against the database and the services' rules, to a plan of writes
  (``comparing`` tells whether the file says anything new);
* ``writing`` — the plan, in one transaction, through the services;
* ``report`` — what the caller gets back; ``exporting`` — the other direction.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

from govhall.catalog.exchange.checking import Checker
from govhall.catalog.exchange.exporting import catalog_document, catalog_export
from govhall.catalog.exchange.formats import (
    BASIC_ITEMS,
    BUNDLES,
    ENTITIES,
    FEES,
    FORMAT,
    ITEMS,
    MATERIALS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    SHEET_BASIC,
    SHEET_BUNDLES,
    SHEET_FEES,
    SHEET_ITEMS,
    SHEET_MATERIALS,
    SHEET_THEMES,
    THEMES,
    format_for,
)
from govhall.catalog.exchange.problems import Problems, TooBig, file_order
from govhall.catalog.exchange.reading import read_json, read_limited, read_xlsx
from govhall.catalog.exchange.report import CatalogImportRejected, ImportChange, ImportProblem, ImportReport
from govhall.catalog.exchange.writing import planned_change, write_plans
from govhall.core.contracts import Actor
from govhall.core.facade import digest_of, sm3_hex

__all__ = [
    "BASIC_ITEMS",
    "BUNDLES",
    "ENTITIES",
    "FEES",
    "FORMAT",
    "ITEMS",
    "MATERIALS",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "SHEET_BASIC",
    "SHEET_BUNDLES",
    "SHEET_FEES",
    "SHEET_ITEMS",
    "SHEET_MATERIALS",
    "SHEET_THEMES",
    "THEMES",
    "CatalogImportRejected",
    "ImportChange",
    "ImportProblem",
    "ImportReport",
    "catalog_document",
    "catalog_export",
    "catalog_import",
    "format_for",
]


def catalog_import(
    *,
    actor: Actor,
    data_or_file: bytes | str | os.PathLike[str] | IO[bytes] | Mapping[str, Any],
    fmt: str,
    publish: bool = True,
    dry_run: bool = False,
) -> ImportReport:
    """Import a catalogue file: all of it, or — on any problem — nothing.

    ``data_or_file`` is the file's bytes, a path, a binary file object or (JSON only) the parsed
    document; ``fmt`` is ``"json"`` or ``"xlsx"``. Files over ``MAX_IMPORT_BYTES`` or
    ``MAX_IMPORT_ROWS`` rows are refused. Raises ``CatalogImportRejected`` listing every problem
    (sheet, row, column, code, message); writes nothing then. Otherwise writes, in one
    transaction through the catalogue services, themes, basic items, service items (version 1 for
    new ones, a new version for changed ones, published unless ``publish=False``) and bundles,
    plus one ``catalog.import`` audit event. ``dry_run=True`` checks and reports without writing.
    """
    if fmt not in ("json", "xlsx"):
        raise ValueError(f"unknown catalogue format {fmt!r}")
    # The limits are read here, from this module, at each call: setting
    # ``exchange.MAX_IMPORT_ROWS`` (as a test does) is the one place to change them.
    max_bytes, max_rows = MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
    problems = Problems()
    try:
        raw = data_or_file if isinstance(data_or_file, Mapping) else read_limited(data_or_file, max_bytes=max_bytes)
        if isinstance(raw, Mapping):
            if fmt != "json":
                raise ValueError("a parsed document can only be imported as JSON")
            doc = read_json(raw, problems, max_rows=max_rows)
        elif fmt == "json":
            doc = read_json(raw, problems, max_rows=max_rows)
        else:
            doc = read_xlsx(raw, problems, max_rows=max_rows)
    except TooBig as too_big:
        raise CatalogImportRejected([too_big.problem]) from None
    plans = Checker(doc, problems, publish=publish).run()
    if problems.items:
        raise CatalogImportRejected(sorted(problems.items, key=file_order))
    report = ImportReport(fmt=fmt, publish=publish, dry_run=dry_run, rows=doc.rows, ignored_sheets=doc.ignored_sheets)
    if dry_run:
        report.changes = [planned_change(plan, publish=publish) for plan in plans]
        return report
    report.changes = write_plans(
        plans,
        actor=actor,
        publish=publish,
        digest=sm3_hex(raw) if isinstance(raw, bytes) else digest_of(raw),
        detail={"format": fmt, "rows": doc.rows},
    )
    return report
