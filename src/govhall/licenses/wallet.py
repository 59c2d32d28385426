"""The holder's wallet (证照卡包): the licences a signed-in citizen holds in person or through an
organisation they represent, and the gatekeeper that loads one of them.

``license_get_for_holder`` is the only way the portal loads a licence: another person's licence is
"not found", exactly like a missing one (STYLE.md rule 4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts import facade as accounts
from govhall.core.contracts import Actor
from govhall.core.facade import NotFound, file_open, local_date
from govhall.licenses import selectors
from govhall.licenses.constants import RENEWAL_REMINDER_DAYS, EffectiveStatus, HolderKind, LicenseStatus
from govhall.licenses.contracts import LicenseInfo
from govhall.licenses.models import License
from govhall.licenses.selectors import license_info


@dataclass(frozen=True, slots=True)
class HolderScope:
    """Whom a user may act for in the wallet: themselves and the organisations they represent."""

    person_id: int | None
    organization_ids: tuple[int, ...]
    organization_names: dict[int, str]

    def q(self) -> Q:
        condition = Q(pk__in=[])
        if self.person_id is not None:
            condition |= Q(holder_kind=HolderKind.PERSON, holder_person_id=self.person_id)
        if self.organization_ids:
            condition |= Q(holder_kind=HolderKind.ORGANIZATION, holder_organization_id__in=self.organization_ids)
        return condition


EXPIRING_SOON_DAYS = RENEWAL_REMINDER_DAYS


@dataclass(frozen=True, slots=True)
class WalletEntry:
    license: LicenseInfo
    holder_label: str  # "本人" or the organisation's name
    expiring_soon: bool  # valid, and expires within EXPIRING_SOON_DAYS (time to renew)


def _entry(row: License, scope: HolderScope, today: dt.date) -> WalletEntry:
    info = license_info(row, today=today)
    label = (
        str(_("本人"))
        if row.holder_kind == HolderKind.PERSON
        else scope.organization_names.get(row.holder_organization_id or 0, "")
    )
    soon = (
        info.status == EffectiveStatus.VALID
        and info.valid_until is not None
        and info.valid_until <= today + dt.timedelta(days=EXPIRING_SOON_DAYS)
    )
    return WalletEntry(license=info, holder_label=label, expiring_soon=soon)


def holder_scope(*, user: Any) -> HolderScope:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_citizen", False):
        return HolderScope(person_id=None, organization_ids=(), organization_names={})
    person = accounts.person_for_user(user=user)
    organizations = list(accounts.organizations_represented(user=user))
    return HolderScope(
        person_id=person.pk if person is not None else None,
        organization_ids=tuple(o.pk for o in organizations),
        organization_names={o.pk: o.name for o in organizations},
    )


def _base() -> Any:
    return License.objects.select_related("license_type", "issuer", "replaces").exclude(status=LicenseStatus.PENDING)


def wallet_licenses(*, user: Any) -> list[WalletEntry]:
    """Every signed licence the user holds or holds through a represented organisation, the
    person's own first, newest first within each holder."""
    scope = holder_scope(user=user)
    today = local_date(timezone.now())
    result = [_entry(row, scope, today) for row in _base().filter(scope.q()).order_by("-issued_on", "-pk")]
    result.sort(key=lambda e: e.license.holder_kind != HolderKind.PERSON)  # stable: the person's own first
    return result


def license_row_for_holder(*, user: Any, license_id: int) -> License:
    """The licence row if ``user`` holds it (in person or for an organisation they represent);
    ``NotFound`` (``license.not_found``) for missing, pending and other people's licences alike."""
    scope = holder_scope(user=user)
    row = _base().filter(scope.q(), pk=license_id).first()
    if row is None:
        raise NotFound(_("证照不存在。"), code="license.not_found")
    return row


def license_get_for_holder(*, user: Any, license_id: int) -> WalletEntry:
    row = license_row_for_holder(user=user, license_id=license_id)
    return _entry(row, holder_scope(user=user), local_date(timezone.now()))


def license_pdf_for_holder(*, user: Any, license_id: int) -> tuple[Any, str]:
    """(open file handle, download name) of the holder's signed PDF; the download is audited.
    ``NotFound`` for other people's licences and when the file is missing."""
    from govhall.licenses.services import license_view_record

    row = license_row_for_holder(user=user, license_id=license_id)
    if not row.pdf_key:
        raise NotFound(_("证照文件尚未生成，请稍后再试。"), code="license.pdf_missing")
    handle = file_open(key=row.pdf_key)
    license_view_record(actor=Actor(user_id=user.pk, role="holder"), license_id=row.pk, what="holder_download")
    return handle, f"{row.license_type.name}-{row.identifier}.pdf"


def license_qr_svg_for_holder(*, user: Any, license_id: int) -> str:
    """The licence's QR code (SVG) for showing on a phone (亮证); ``NotFound`` as above."""
    row = license_row_for_holder(user=user, license_id=license_id)
    return qr_svg(row)


def qr_svg(row: License) -> str:
    """The QR code of a signed licence as SVG text (the verification link with the signed
    payload); ``license.qr_missing`` while the licence is still being signed."""
    svg = selectors.license_qr_svg(license_id=row.pk)
    if not svg:
        raise NotFound(_("证照二维码尚未生成，请稍后再试。"), code="license.qr_missing")
    return svg
