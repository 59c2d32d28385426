"""免提交: find the licence that satisfies a material requirement for an applicant.

A requirement names a licence type by its catalogue code (``MaterialRequirement
.satisfied_by_license_type``, e.g. ``business_license``). When the applicant (a person, or the
organisation applying) holds a signed licence of that type that is valid today, the application
attaches a reference to it instead of asking for an upload. A licence issued by the platform and
verified against its own register counts as trust level A (the highest: 源头可信、签名可验).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import NotFound, audit_record, file_open, local_date
from govhall.licenses.constants import HolderKind, LicenseStatus
from govhall.licenses.models import License

TRUST_LEVEL_A = "A"


@dataclass(frozen=True, slots=True)
class ReusableLicense:
    identifier: str
    license_id: int
    type_code: str  # catalogue code
    type_name: str
    valid_until: dt.date | None
    trust_level: str
    label: str  # shown to applicant and staff


def _label(type_name: str, valid_until: dt.date | None) -> str:
    until = _("有效期至%(date)s") % {"date": valid_until.isoformat()} if valid_until is not None else _("长期有效")
    return _("%(name)s（电子证照，%(until)s，可信等级A）") % {"name": type_name, "until": until}


def license_reusable(
    *, type_code: str, holder_kind: str, holder_id: int | None, today: dt.date | None = None
) -> ReusableLicense | None:
    """The newest valid, signed licence of type ``type_code`` (catalogue or GB/T type code) held by
    the person (``holder_kind="person"``) or organisation ``holder_id``; ``None`` if there is none.
    Pure read: nothing is recorded."""
    code = (type_code or "").strip()
    if not code or holder_id is None or holder_kind not in HolderKind.values:
        return None
    today = today or local_date(timezone.now())
    holder = (
        Q(holder_kind=HolderKind.PERSON, holder_person_id=holder_id)
        if holder_kind == HolderKind.PERSON
        else Q(holder_kind=HolderKind.ORGANIZATION, holder_organization_id=holder_id)
    )
    row = (
        License.objects.select_related("license_type")
        .filter(holder, Q(license_type__code=code) | Q(license_type__type_code=code))
        .filter(status=LicenseStatus.VALID, valid_from__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .exclude(pdf_key="")
        .order_by("-version", "-issued_on", "-pk")
        .first()
    )
    if row is None:
        return None
    return ReusableLicense(
        identifier=row.identifier,
        license_id=row.pk,
        type_code=row.license_type.code,
        type_name=row.license_type.name,
        valid_until=row.valid_until,
        trust_level=TRUST_LEVEL_A,
        label=_label(row.license_type.name, row.valid_until)[:120],
    )


def license_pdf_for_staff(*, actor: Actor, license_id: int, subject: SubjectRef) -> tuple[bytes, str]:
    """The signed PDF of a licence an application refers to, for the staff handling it, audited
    with the application. The caller has checked that the staff member may see ``subject`` and
    that ``subject`` refers to this licence (a 免提交 reference or an authorisation in force).
    ``NotFound`` (``license.pdf_missing``) while the licence is not signed."""
    row = License.objects.select_related("license_type").filter(pk=license_id).exclude(pdf_key="").first()
    if row is None:
        raise NotFound(_("证照文件不存在。"), code="license.pdf_missing")
    with file_open(key=row.pdf_key) as handle:
        pdf = handle.read()
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="license.staff_view",
            subject=SubjectRef("license", str(row.pk)),
            detail={"identifier": row.identifier, "for": str(subject)},
        )
    return pdf, f"{row.identifier}.pdf"
