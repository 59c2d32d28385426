"""Reads for the catalogue: published guides, filters, history and diffs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from govhall.catalog.constants import VersionStatus
from govhall.catalog.models import Bundle, BundleItem, MaterialRequirement, ServiceItem, ServiceItemVersion, Theme
from govhall.core.facade import CompiledQuery


def online_depth(version: ServiceItemVersion) -> int:
    """办理深度 from the item's facts, 1 (guide only) … 5 (fully online, zero visits).

    5: online application, no visit. 4: online application, at most one visit (最多跑一次).
    3: online application or online pre-review, more visits. 2: blank forms to download.
    1: the guide only.
    """
    if version.online_application and version.visits_required == 0:
        return 5
    if version.online_application and version.visits_required <= 1:
        return 4
    if version.online_application or version.uses_pre_review:
        return 3
    if any(m.blank_form_file for m in version.materials.all()):
        return 2
    return 1


def online_depth_label(level: int) -> str:
    return str(settings.GOVHALL_ONLINE_DEPTH_LABELS[level])


def _published() -> QuerySet[ServiceItemVersion]:
    return ServiceItemVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "service_item", "service_item__department", "service_item__basic_item", "service_item__region"
    )


@dataclass(frozen=True, slots=True)
class ItemFilters:
    department_id: int | None = None
    theme: str | None = None
    service_object: str | None = None
    region_code: str | None = None
    item_type: str | None = None


def published_items(*, filters: ItemFilters | None = None) -> QuerySet[ServiceItemVersion]:
    """Published versions matching ``filters``, ordered by department and name."""
    qs = _published()
    if filters:
        if filters.department_id:
            qs = qs.filter(service_item__department_id=filters.department_id)
        if filters.theme:
            qs = qs.filter(themes__slug=filters.theme)
        if filters.service_object:
            qs = qs.filter(service_object__in=[filters.service_object, "both"])
        if filters.region_code:
            prefix = filters.region_code.rstrip("0") or filters.region_code
            qs = qs.filter(service_item__region__code__startswith=prefix)
        if filters.item_type:
            qs = qs.filter(service_item__basic_item__item_type=filters.item_type)
    return qs.order_by("service_item__department__name", "name").distinct()


def published_version(*, code: str) -> ServiceItemVersion | None:
    """The published version of the item with implementation code ``code`` (the public guide)."""
    return _published().prefetch_related("materials", "fees", "themes").filter(service_item__code=code).first()


def version_with_children(*, version_id: int) -> ServiceItemVersion | None:
    return (
        ServiceItemVersion.objects.select_related(
            "service_item", "service_item__department", "service_item__basic_item"
        )
        .prefetch_related("materials", "fees", "themes")
        .filter(pk=version_id)
        .first()
    )


_REQUIREMENTS = CompiledQuery(
    lambda version_id: MaterialRequirement.objects.filter(version_id=version_id), params=(int,)
)


def version_requirements(*, version: ServiceItemVersion) -> list[MaterialRequirement]:
    """``version.materials.all()`` as a list, by a query compiled once per process (read on
    every submission: core/compiled.py)."""
    requirements = _REQUIREMENTS.fetch(version.pk)
    for requirement in requirements:
        requirement.version = version  # as the related manager would set it
    return requirements


def item_versions(*, service_item_id: int) -> QuerySet[ServiceItemVersion]:
    """Every version of an item, newest first (the history page)."""
    return ServiceItemVersion.objects.filter(service_item_id=service_item_id).order_by("-version")


def item_by_code(*, code: str) -> ServiceItem | None:
    return ServiceItem.objects.select_related("department", "basic_item", "region").filter(code=code).first()


def themes(*, kind: str | None = None) -> QuerySet[Theme]:
    qs = Theme.objects.all()
    return qs.filter(kind=kind) if kind else qs


def departments_with_items() -> list[dict[str, Any]]:
    """Departments that have published items, with counts (the browse-by-department page)."""
    rows = (
        ServiceItemVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .values("service_item__department_id", "service_item__department__name")
        .annotate(count=Count("id"))
        .order_by("service_item__department__name")
    )
    return [
        {"id": row["service_item__department_id"], "name": row["service_item__department__name"], "count": row["count"]}
        for row in rows
    ]


def item_admin_list(
    *,
    department_ids: Iterable[int] | None,
    department_id: int | None = None,
    status: str | None = None,
    query: str = "",
) -> QuerySet[ServiceItem]:
    """Service items in ``department_ids`` (``None``: all), annotated with their newest version:
    ``latest_version``, ``latest_status``, ``latest_name``, ``published_version``. ``status``
    filters on the newest version's status; ``query`` matches the name or the code."""
    latest = ServiceItemVersion.objects.filter(service_item=OuterRef("pk")).order_by("-version")
    published = ServiceItemVersion.objects.filter(service_item=OuterRef("pk"), status=VersionStatus.PUBLISHED)
    items = ServiceItem.objects.select_related("department").annotate(
        latest_version=Subquery(latest.values("version")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
        latest_name=Subquery(latest.values("name")[:1]),
        published_version=Subquery(published.values("version")[:1]),
    )
    if department_ids is not None:
        items = items.filter(department_id__in=list(department_ids))
    if department_id:
        items = items.filter(department_id=department_id)
    if status:
        items = items.filter(latest_status=status)
    if query:
        items = items.filter(Q(latest_name__icontains=query) | Q(code__icontains=query))
    return items.order_by("department__name", "code")


def bundles() -> QuerySet[Bundle]:
    return Bundle.objects.filter(is_active=True).select_related("theme", "lead_department")


def bundle_detail(*, code: str) -> tuple[Bundle, list[ServiceItemVersion]] | None:
    """A bundle and the published versions of its items, in bundle order."""
    bundle = bundles().filter(code=code).first()
    if bundle is None:
        return None
    order = list(BundleItem.objects.filter(bundle=bundle).values_list("service_item_id", flat=True))
    versions = {
        v.service_item_id: v for v in _published().prefetch_related("materials").filter(service_item_id__in=order)
    }
    return bundle, [versions[item_id] for item_id in order if item_id in versions]


def materials_checklist(*, versions: list[ServiceItemVersion]) -> list[dict[str, Any]]:
    """ "What's needed": materials of several items merged by name (a bundle needs each once)."""
    merged: dict[str, dict[str, Any]] = {}
    for version in versions:
        for material in version.materials.all():
            entry = merged.setdefault(
                material.name, {"name": material.name, "necessity": material.necessity, "items": [], "copies": 0}
            )
            entry["items"].append(version.name)
            entry["copies"] = max(entry["copies"], material.copies)
            if material.necessity == "required":
                entry["necessity"] = "required"
    return list(merged.values())


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


def version_diff(*, old: ServiceItemVersion, new: ServiceItemVersion) -> list[FieldChange]:
    """Field-by-field differences between two versions, materials and fees compared by content."""
    from govhall.catalog.services import version_snapshot

    before, after = version_snapshot(old), version_snapshot(new)
    changes = []
    for key in sorted(set(before) | set(after)):
        if key == "change_note":
            continue
        if before.get(key) != after.get(key):
            changes.append(FieldChange(field=key, before=before.get(key), after=after.get(key)))
    return changes
