"""Reads: licence types and licences as frozen contracts."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from govhall.core.facade import local_date
from govhall.licenses.constants import EffectiveStatus, ValidityUnit
from govhall.licenses.contracts import LicenseInfo, LicenseTypeInfo
from govhall.licenses.models import License, LicenseType


def _today() -> dt.date:
    from django.utils import timezone

    return local_date(timezone.now())


def validity_label(license_type: LicenseType) -> str:
    if license_type.validity_unit == ValidityUnit.UNLIMITED:
        return str(ValidityUnit.UNLIMITED.label)
    return f"{license_type.validity_amount}{ValidityUnit(license_type.validity_unit).label}"


def license_type_info(license_type: LicenseType) -> LicenseTypeInfo:
    return LicenseTypeInfo(
        id=license_type.pk,
        code=license_type.code,
        type_code=license_type.type_code,
        name=license_type.name,
        holder_kind=license_type.holder_kind,
        validity=validity_label(license_type),
        issuing_department_ids=tuple(sorted(d.pk for d in license_type.issuing_departments.all())),
    )


def license_type_list() -> list[LicenseTypeInfo]:
    return [license_type_info(t) for t in LicenseType.objects.prefetch_related("issuing_departments")]


def license_type_get(*, code: str) -> LicenseTypeInfo | None:
    """By catalogue code (``business_license``) or GB/T 36904 type code."""
    found = (
        LicenseType.objects.prefetch_related("issuing_departments").filter(code=code).first()
        or LicenseType.objects.prefetch_related("issuing_departments").filter(type_code=code).first()
    )
    return license_type_info(found) if found else None


def _base() -> QuerySet[License]:
    return License.objects.select_related("license_type", "issuer", "replaces").prefetch_related("replaced_by")


def license_info(license: License, *, today: dt.date | None = None) -> LicenseInfo:
    today = today or _today()
    status = license.effective_status(today)
    replaced_by = _replaced_by(license)
    return LicenseInfo(
        id=license.pk,
        identifier=license.identifier,
        type_code=license.license_type.type_code,
        type_catalog_code=license.license_type.code,
        type_name=license.license_type.name,
        holder_kind=license.holder_kind,
        holder_person_id=license.holder_person_id,
        holder_organization_id=license.holder_organization_id,
        holder_name_masked=license.holder_name_masked,
        holder_id_masked=license.holder_id_masked,
        status=status,
        stored_status=license.status,
        status_label=str(EffectiveStatus(status).label),
        issued_on=license.issued_on,
        valid_from=license.valid_from,
        valid_until=license.valid_until,
        issuer_department_id=license.issuer_id,
        issuer_name=license.issuer.name,
        version=license.version,
        replaces=license.replaces.identifier if license.replaces_id and license.replaces else "",
        replaced_by=replaced_by.identifier if replaced_by is not None else "",
        source=license.source,
        has_pdf=bool(license.pdf_key),
    )


def _replaced_by(license: License) -> License | None:
    try:
        return license.replaced_by
    except License.DoesNotExist:
        return None


def license_list_for_holder(
    *,
    person_id: int | None = None,
    organization_id: int | None = None,
    include_pending: bool = False,
) -> list[LicenseInfo]:
    """Every licence held by a person or an organisation (exactly one of the two), newest first.
    Pending licences (still being signed) only with ``include_pending``."""
    if (person_id is None) == (organization_id is None):
        raise ValueError("give exactly one of person_id and organization_id")
    rows = (
        _base().filter(holder_person_id=person_id)
        if person_id
        else _base().filter(holder_organization_id=organization_id)
    )
    if not include_pending:
        rows = rows.exclude(status="pending")
    today = _today()
    return [license_info(row, today=today) for row in rows.order_by("-issued_on", "-pk")]


def license_get_by_identifier(*, identifier: str) -> LicenseInfo | None:
    """Exact identifier lookup (no access check: the contract carries masked data only)."""
    row = _base().filter(identifier=identifier.strip().upper()).first()
    return license_info(row) if row else None


def license_get(*, license_id: int) -> LicenseInfo | None:
    row = _base().filter(pk=license_id).first()
    return license_info(row) if row else None


def license_for_source(*, source: str) -> LicenseInfo | None:
    """The licence issued for a case (``source`` = "case:42"), or None."""
    row = _base().filter(source=source).first() if source else None
    return license_info(row) if row else None


def license_status(*, identifier: str, today: dt.date | None = None) -> str | None:
    """The effective status (``EffectiveStatus``) of a licence, or None when unknown."""
    row = License.objects.filter(identifier=identifier.strip().upper()).only("status", "valid_until").first()
    return row.effective_status(today or _today()) if row else None


def licenses_of_department(*, department_ids: list[int], status: str = "", query: str = "") -> QuerySet[License]:
    rows = _base().filter(issuer_id__in=department_ids).order_by("-created_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    if query:
        rows = rows.filter(identifier__icontains=query.strip())
    return rows
