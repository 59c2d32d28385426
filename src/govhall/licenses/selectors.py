"""Reads: licence types and licences as frozen contracts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet

from govhall.core.facade import local_date
from govhall.licenses.constants import EffectiveStatus, ValidityUnit
from govhall.licenses.contracts import (
    LicenseInfo,
    LicenseTypeInfo,
    QrPayloadCheck,
    RevocationInfo,
    VerificationResult,
)
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


# --- verification -------------------------------------------------------------------------------


def qr_payload_check(*, payload: str) -> QrPayloadCheck:
    """Offline check: is this a payload our SM2 key signed? Needs no database."""
    from govhall.licenses import signing

    parsed = signing.qr_payload_parse(payload)
    if parsed is None:
        return QrPayloadCheck(valid_signature=False, error="license.payload_malformed")
    return QrPayloadCheck(
        valid_signature=parsed.valid_signature,
        identifier=parsed.identifier,
        issued_on=parsed.issued_on,
        valid_until=parsed.valid_until,
        holder_digest=parsed.holder_tag,
        error="" if parsed.valid_signature else "license.payload_signature",
    )


def _not_found(identifier: str, *, payload_checked: bool = False) -> VerificationResult:
    return VerificationResult(
        found=False,
        authentic=False,
        status="",
        status_label="",
        identifier=identifier,
        payload_checked=payload_checked,
    )


def license_verify(*, identifier: str = "", payload: str = "") -> VerificationResult:
    """核验: by identifier (typed) or by QR payload (scanned). Authentic means: the identifier's
    MOD 37,36 check holds, we issued it, and — for a payload — the SM2 signature is ours and the
    signed fields match our record. Holder data is masked."""
    from govhall.core.facade import IdentifierError, parse_license_identifier
    from govhall.licenses import signing

    checked = False
    if payload:
        check = qr_payload_check(payload=payload)
        if not check.valid_signature:
            return _not_found(check.identifier, payload_checked=True)
        identifier, checked = check.identifier, True
    try:
        identifier = parse_license_identifier(identifier).value
    except IdentifierError:
        return _not_found(identifier.strip()[:160], payload_checked=checked)
    # One narrow query (the public page is the hot path): no model instances, no prefetch.
    row = (
        License.objects.filter(identifier=identifier)
        .exclude(status="pending")
        .values(*_VERIFY_FIELDS, "license_type__name", "issuer__name")[:1]
    )
    found = next(iter(row), None)
    if found is None:
        return _not_found(identifier, payload_checked=checked)
    if checked:
        holder = SimpleNamespace(
            holder_name_masked=found["holder_name_masked"], holder_id_masked=found["holder_id_masked"]
        )
        body = signing.qr_payload_body(
            identifier=identifier,
            issued_on=found["issued_on"],
            valid_until=found["valid_until"],
            tag=signing.holder_tag(holder),
        )
        if not payload.startswith(body + signing.SEP):
            return _not_found(identifier, payload_checked=True)
    stored = found["status"]
    status = License(status=stored, valid_until=found["valid_until"]).effective_status(_today())
    replaced_by = ""
    if stored == "replaced":
        replaced_by = License.objects.filter(replaces_id=found["pk"]).values_list("identifier", flat=True).first() or ""
    return VerificationResult(
        found=True,
        authentic=True,
        status=status,
        status_label=str(EffectiveStatus(status).label),
        identifier=identifier,
        type_name=found["license_type__name"],
        holder_name_masked=found["holder_name_masked"],
        holder_id_masked=found["holder_id_masked"],
        issuer_name=found["issuer__name"],
        issued_on=found["issued_on"],
        valid_from=found["valid_from"],
        valid_until=found["valid_until"],
        version=found["version"],
        replaced_by=replaced_by,
        status_reason=found["status_reason"] if stored in ("revoked", "cancelled") else "",
        status_changed_at=found["status_changed_at"] if stored != "valid" else None,
        payload_checked=checked,
    )


_VERIFY_FIELDS = (
    "pk",
    "status",
    "valid_from",
    "valid_until",
    "issued_on",
    "version",
    "holder_name_masked",
    "holder_id_masked",
    "status_reason",
    "status_changed_at",
)


def license_pdf(*, license_id: int) -> bytes:
    """The signed PDF. The caller has checked access. Raises ``NotFound`` (``license.pdf_missing``)
    while the licence is still being signed."""
    from django.utils.translation import gettext_lazy as _

    from govhall.core.facade import NotFound, file_open

    row = License.objects.filter(pk=license_id).only("pdf_key").first()
    if row is None or not row.pdf_key:
        raise NotFound(_("电子证照文件正在生成，请稍后再试。"), code="license.pdf_missing")
    with file_open(key=row.pdf_key) as handle:
        return bytes(handle.read())


def license_qr_svg(*, license_id: int) -> str:
    """The licence's QR code (SVG) linking to the verification page; "" while pending."""
    from govhall.licenses.documents import qr_svg

    row = License.objects.filter(pk=license_id).only("qr_payload").first()
    return qr_svg(row.qr_payload) if row is not None and row.qr_payload else ""


# --- staff ----------------------------------------------------------------------------------------


def revocation_info(row: Any) -> RevocationInfo:
    from govhall.licenses.constants import RevocationStatus

    def name(user: Any) -> str:
        return (user.display_name or user.username) if user is not None else ""

    return RevocationInfo(
        id=row.pk,
        license_id=row.license_id,
        status=row.status,
        status_label=str(RevocationStatus(row.status).label),
        reason=row.reason,
        legal_basis=row.legal_basis,
        requested_by_id=row.requested_by_id,
        requested_by_name=name(row.requested_by),
        requested_at=row.requested_at,
        confirmed_by_id=row.confirmed_by_id,
        confirmed_by_name=name(row.confirmed_by),
        confirmed_at=row.confirmed_at,
    )


def license_revocations(*, license_id: int) -> list[RevocationInfo]:
    from govhall.licenses.models import LicenseRevocation

    rows = (
        LicenseRevocation.objects.filter(license_id=license_id)
        .select_related("requested_by", "confirmed_by")
        .order_by("-requested_at", "-pk")
    )
    return [revocation_info(row) for row in rows]


def license_get_for_staff(*, user: Any, license_id: int) -> LicenseInfo:
    """The licence for a member of staff of its issuing department (``NotFound`` otherwise)."""
    from govhall.licenses import access

    return license_info(access.license_get_for_staff(user=user, license_id=license_id))


def licenses_for_staff(*, user: Any, status: str = "", query: str = "", limit: int = 100) -> list[LicenseInfo]:
    """Licences issued by the user's departments, newest first; ``status`` filters on the effective
    status; ``query`` matches part of the identifier."""
    from govhall.licenses import access

    departments = list(access.license_staff_departments(user=user))
    rows = licenses_of_department(department_ids=departments, query=query[:100])
    today = _today()
    if status == "expired":
        rows = rows.filter(status="valid", valid_until__lt=today)
    elif status == "valid":
        from django.db.models import Q

        rows = rows.filter(status="valid").filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    elif status:
        rows = rows.filter(status=status)
    return [license_info(row, today=today) for row in rows[:limit]]


def pending_revocations_for_staff(*, user: Any) -> list[RevocationInfo]:
    from govhall.licenses import access
    from govhall.licenses.models import LicenseRevocation

    departments = list(access.license_staff_departments(user=user))
    rows = (
        LicenseRevocation.objects.filter(license__issuer_id__in=departments, status="requested")
        .select_related("requested_by", "confirmed_by")
        .order_by("requested_at")
    )
    return [revocation_info(row) for row in rows]
