"""Writing a checked import: one transaction, every write through the catalogue services, in the
order themes, basic items, service items, bundles, plus the ``catalog.import`` audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from govhall.catalog.constants import VersionStatus
from govhall.catalog.exchange.checking import Plan
from govhall.catalog.exchange.report import CatalogImportRejected, ImportChange, ImportProblem
from govhall.catalog.models import BasicItem, Bundle
from govhall.catalog.services import (
    basic_item_upsert,
    bundle_upsert,
    service_item_create,
    theme_upsert,
    version_draft_from,
    version_publish,
    version_update_draft,
)
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import GovhallError, audit_record


def write_plans(
    plans: Sequence[Plan], *, actor: Actor, publish: bool, digest: str, detail: Mapping[str, Any]
) -> list[ImportChange]:
    """Carry out ``plans`` in one transaction and record the ``catalog.import`` audit event.

    The plans have been checked, so a service refusing one means a rule the checks missed or a
    concurrent change: the transaction is rolled back and ``CatalogImportRejected`` names the
    record (nothing is written, as for any rejected file).
    """
    changes: list[ImportChange] = []
    with transaction.atomic():
        for plan in plans:
            try:
                changes.append(_apply(plan, actor=actor, publish=publish))
            except GovhallError as error:
                # A rule the checks missed, or someone changed the item meanwhile: still nothing.
                where = plan.origin.at(error.field or "")
                if not where.column:
                    where = plan.origin.at("code")
                raise CatalogImportRejected(
                    [ImportProblem(where.sheet, where.row, where.column, error.code, error.message)]
                ) from error
        audit_record(
            actor=actor,
            action="catalog.import",
            subject=SubjectRef("catalog_import", digest[:32]),
            detail={
                **detail,
                "publish": publish,
                "changed": sum(1 for c in changes if c.action != "unchanged"),
                "unchanged": sum(1 for c in changes if c.action == "unchanged"),
            },
        )
    return changes


def planned_change(plan: Plan, *, publish: bool) -> ImportChange:
    """What carrying out ``plan`` does (or did): the report's line for it."""
    if plan.kind != "service_item":
        return ImportChange(plan.kind, plan.code, plan.action)
    published = plan.action != "unchanged" and publish
    if plan.action == "unchanged" and plan.source is not None:
        published = plan.source.status == VersionStatus.PUBLISHED
    return ImportChange(plan.kind, plan.code, plan.action, plan.number, published)


def _apply(plan: Plan, *, actor: Actor, publish: bool) -> ImportChange:
    if plan.action == "unchanged":
        return planned_change(plan, publish=publish)
    if plan.kind == "theme":
        theme_upsert(actor=actor, slug=plan.code, **plan.values)
    elif plan.kind == "basic_item":
        basic_item_upsert(actor=actor, code=plan.code, **plan.values)
    elif plan.kind == "bundle":
        _bundle_write(plan, actor=actor)
    else:
        _item_write(plan, actor=actor, publish=publish)
    return planned_change(plan, publish=publish)


def _bundle_write(plan: Plan, *, actor: Actor) -> None:
    values = plan.values
    bundle = bundle_upsert(
        actor=actor,
        code=plan.code,
        name=values["name"],
        lead_department=values["lead_department"],
        item_codes=values["items"],
        summary=values["summary"],
        theme_slug=values["theme"] or None,
        statutory_limit=values["statutory_limit"],
        promised_limit=values["promised_limit"],
        form_schema=values["form_schema"],
    )
    # Importing a bundle (re)activates it (docs/catalog-exchange.md); bundle_upsert leaves
    # ``is_active`` as it is. Same transaction as bundle_upsert's own ``bundle.update`` audit event.
    Bundle.objects.filter(pk=bundle.pk, is_active=False).update(is_active=True)


def _item_write(plan: Plan, *, actor: Actor, publish: bool) -> None:
    fields = dict(plan.values)
    effective = fields.pop("effective_from", None)
    if plan.action == "created":
        version = service_item_create(
            actor=actor,
            code=plan.code,
            basic_item=BasicItem.objects.get(code=plan.refs["basic_code"]),
            department=plan.refs["department"],
            region=plan.refs["region"],
            fields={**fields, "effective_from": effective},
            materials=plan.materials or (),
            fees=plan.fees or (),
            theme_slugs=plan.themes or (),
        )
    elif plan.action == "new_version":
        assert plan.source is not None
        base = plan.source.effective_from
        # A date carried over from an export is the old version's; the new one starts today.
        if not isinstance(effective, dt.date) or (base is not None and effective <= base):
            effective = None
        version = version_draft_from(actor=actor, version=plan.source)
        # A note carried over from the exported version does not describe this one.
        if fields.get("change_note", "") in ("", plan.source.change_note):
            fields["change_note"] = gettext("批量导入")
        version = version_update_draft(
            actor=actor,
            version=version,
            fields={**fields, "effective_from": effective},
            materials=plan.materials,
            fees=plan.fees,
            theme_slugs=plan.themes,
        )
    else:  # publish the identical draft
        assert plan.source is not None
        version, effective = plan.source, plan.source.effective_from
    if publish:
        version_publish(actor=actor, version=version, effective_from=effective)
