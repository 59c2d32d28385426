"""Indexing: one ``SearchEntry`` row per published item, written in the publishing (or
retiring) transaction, and a full rebuild."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from govhall.catalog import selectors
from govhall.catalog.constants import VersionStatus
from govhall.catalog.models import MaterialRequirement, ServiceItemVersion
from govhall.catalog.search.analysis import _analyzer
from govhall.catalog.search.backends import _backend
from govhall.catalog.search.cache import _bump_generation
from govhall.catalog.search_models import SearchEntry

REINDEX_CHUNK = 2000


def _joined(tokens: Sequence[str]) -> str:
    # Padded with spaces so ``' term '`` finds a whole token (used for the name-match tier).
    return f" {' '.join(tokens)} " if tokens else ""


def _entry(
    version: ServiceItemVersion, materials: Sequence[MaterialRequirement], theme_slugs: Sequence[str]
) -> SearchEntry:
    analyzer = _analyzer()
    item = version.service_item
    material_names = [m.name for m in materials]
    body = "\n".join(s for s in (version.summary, version.conditions) if s)
    return SearchEntry(
        service_item_id=item.pk,
        version_id=version.pk,
        code=item.code,
        name=version.name,
        department_id=item.department_id,
        region_code=item.region_id,
        service_object=version.service_object,
        item_type=item.basic_item.item_type,
        handling_type=version.handling_type,
        online_depth=selectors.online_depth(version),
        themes=_joined(sorted(theme_slugs))[:1000],
        keywords=version.keywords,
        summary=version.summary,
        conditions=version.conditions,
        material_names="、".join(material_names),
        name_tokens=_joined(analyzer.index_tokens(version.name)),
        keyword_tokens=_joined(analyzer.index_tokens(version.keywords)),
        material_tokens=_joined(analyzer.index_tokens("\n".join(material_names))),
        body_tokens=_joined(analyzer.index_tokens(body)),
        indexed_at=timezone.now(),
    )


_ENTRY_FIELDS = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname not in {"id", "service_item_id"}]


def index_version(version: ServiceItemVersion) -> None:
    """Put a published version into the index, replacing its item's previous entry.

    Call inside the publishing transaction: the entry (and the database's full-text index over
    it) commits or rolls back with the publication. Raises ``ValueError`` for an unpublished
    version.
    """
    if version.status != VersionStatus.PUBLISHED:
        raise ValueError(f"version {version.pk} is {version.status}, only published versions are indexed")
    fresh = ServiceItemVersion.objects.select_related("service_item__basic_item").get(pk=version.pk)
    entry = _entry(fresh, list(fresh.materials.all()), list(fresh.themes.values_list("slug", flat=True)))
    with transaction.atomic():
        SearchEntry.objects.update_or_create(
            service_item_id=fresh.service_item_id,
            defaults={name: getattr(entry, name) for name in _ENTRY_FIELDS},
        )
        _bump_generation()


def remove_item(service_item_id: int) -> None:
    """Remove an item from the index (it was retired). A no-op if it is not indexed."""
    with transaction.atomic():
        SearchEntry.objects.filter(service_item_id=service_item_id).delete()
        _bump_generation()


def index_versions_bulk(versions: Sequence[ServiceItemVersion]) -> int:
    """Insert entries for published versions that are not indexed yet (reindex, bulk loads).

    ``versions`` must have ``service_item__basic_item`` selected and ``materials`` (ordered) and
    ``themes`` prefetched, as ``reindex_all`` does; otherwise this costs queries per version.
    """
    entries = [
        _entry(v, list(v.materials.all()), [t.slug for t in v.themes.all()])
        for v in versions
        if v.status == VersionStatus.PUBLISHED
    ]
    with transaction.atomic():
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        _bump_generation()
    return len(entries)


def reindex_all() -> int:
    """Rebuild the whole index from the published versions, in one transaction. Returns the
    number of items indexed. Run after changing the dictionary (``govhall catalog_reindex``)."""
    published = (
        ServiceItemVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("service_item__basic_item")
        .prefetch_related(
            Prefetch(
                "materials",
                queryset=MaterialRequirement.objects.only("id", "version_id", "name", "sort_order", "blank_form_file"),
            ),
            "themes",
        )
        .order_by("pk")
    )
    indexed = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        _bump_generation()
        last = 0
        while True:
            chunk = list(published.filter(pk__gt=last)[:REINDEX_CHUNK])
            if not chunk:
                break
            indexed += index_versions_bulk(chunk)
            last = chunk[-1].pk
        _backend().optimize()
    return indexed
