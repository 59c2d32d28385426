"""用证授权: a holder authorises one application to use one of their licences, for a stated
purpose, until a date — recorded, listed, revocable, and over once it expires.

The application is an opaque ``SubjectRef`` ("case:42"): licences (L2b) never import cases. The
portal offers the holder's own open applications; staff handling that application see the licence
on the case page while the authorisation is in force (``licenses_authorized_for``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import Conflict, NotFound, ValidationFailed, audit_record, local_date
from govhall.licenses.constants import EffectiveStatus
from govhall.licenses.contracts import LicenseInfo
from govhall.licenses.models import License, LicenseUseAuthorization
from govhall.licenses.selectors import license_info
from govhall.licenses.wallet import holder_scope, license_row_for_holder

MAX_AUTHORIZATION_DAYS = 90
PURPOSE_MIN_LENGTH = 2
PURPOSE_MAX_LENGTH = 200


class AuthorizationState:
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


STATE_LABELS = {
    AuthorizationState.ACTIVE: _("有效"),
    AuthorizationState.EXPIRED: _("已过期"),
    AuthorizationState.REVOKED: _("已撤销"),
}


@dataclass(frozen=True, slots=True)
class AuthorizationInfo:
    id: int
    license_id: int
    license_identifier: str
    license_type_name: str
    subject: str
    subject_label: str
    purpose: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    state: str
    state_label: str


def authorization_info(row: LicenseUseAuthorization, *, now: dt.datetime | None = None) -> AuthorizationInfo:
    state = row.state(now or timezone.now())
    return AuthorizationInfo(
        id=row.pk,
        license_id=row.license_id,
        license_identifier=row.license.identifier,
        license_type_name=row.license.license_type.name,
        subject=row.subject,
        subject_label=row.subject_label,
        purpose=row.purpose,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
        state=state,
        state_label=str(STATE_LABELS[state]),
    )


def _license_ref(license_id: int) -> SubjectRef:
    return SubjectRef("license", str(license_id))


def _end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in the platform's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _clean_purpose(purpose: str) -> str:
    text = " ".join((purpose or "").split())
    if len(text) < PURPOSE_MIN_LENGTH:
        raise ValidationFailed(
            _("请写明用证用途（例如：办理食品经营许可）。"),
            code="license.authorization.purpose_required",
            field="purpose",
        )
    if len(text) > PURPOSE_MAX_LENGTH:
        raise ValidationFailed(
            _("用途不能超过%(n)d个字。"),
            code="license.authorization.purpose_too_long",
            field="purpose",
            params={"n": PURPOSE_MAX_LENGTH},
        )
    return text


def license_use_authorize(
    *, user: Any, license_id: int, subject: SubjectRef, subject_label: str, purpose: str, expires_on: dt.date
) -> AuthorizationInfo:
    """Authorise ``subject`` (one application) to use the holder's licence for ``purpose`` until
    the end of ``expires_on`` (at most 90 days ahead and not after the licence's own expiry).

    The caller has checked that ``subject`` is an application the user may name. Raises
    ``NotFound`` (not the holder), ``Conflict`` (``license.authorization.license_not_valid``,
    ``license.authorization.duplicate``) and ``ValidationFailed`` (purpose, expiry).
    """
    purpose = _clean_purpose(purpose)
    today = local_date(timezone.now())
    if expires_on <= today:
        raise ValidationFailed(
            _("授权截止日期须晚于今天。"), code="license.authorization.expiry_past", field="expires_on"
        )
    if expires_on > today + dt.timedelta(days=MAX_AUTHORIZATION_DAYS):
        raise ValidationFailed(
            _("授权期限最长%(n)d天，请选择更早的截止日期。"),
            code="license.authorization.expiry_too_far",
            field="expires_on",
            params={"n": MAX_AUTHORIZATION_DAYS},
        )
    with transaction.atomic():
        row = license_row_for_holder(user=user, license_id=license_id)
        license = License.objects.select_for_update().get(pk=row.pk)  # serialises authorisations per licence
        if license.effective_status(today) != EffectiveStatus.VALID:
            raise Conflict(
                _("该证照当前状态为“%(status)s”，不能授权使用。"),
                code="license.authorization.license_not_valid",
                params={"status": EffectiveStatus(license.effective_status(today)).label},
            )
        if license.valid_until is not None and expires_on > license.valid_until:
            raise ValidationFailed(
                _("授权截止日期不能晚于证照有效期（%(date)s）。"),
                code="license.authorization.expiry_after_license",
                field="expires_on",
                params={"date": license.valid_until.isoformat()},
            )
        now = timezone.now()
        active = LicenseUseAuthorization.objects.filter(
            license=license, subject=str(subject), revoked_at__isnull=True, expires_at__gt=now
        ).exists()
        if active:
            raise Conflict(
                _("已授权该申请使用此证照；如需修改，请先撤销原授权。"), code="license.authorization.duplicate"
            )
        authorization = LicenseUseAuthorization.objects.create(
            license=license,
            granted_by_id=user.pk,
            subject=str(subject),
            subject_label=subject_label[:200],
            purpose=purpose,
            expires_at=_end_of_day(expires_on),
        )
        audit_record(
            actor=Actor(user_id=user.pk, role="holder"),
            action="license.use_authorize",
            subject=_license_ref(license.pk),
            after={"authorization": authorization.pk, "subject": str(subject), "expires_on": expires_on.isoformat()},
            detail={"authorization": authorization.pk, "subject": str(subject), "purpose": purpose},
        )
    authorization.license = license
    return authorization_info(authorization)


def license_use_revoke(*, user: Any, authorization_id: int) -> AuthorizationInfo:
    """Revoke an authorisation in force. ``NotFound`` unless the user holds the licence;
    ``Conflict`` (``license.authorization.not_active``) when it is already revoked or expired."""
    scope = holder_scope(user=user)
    with transaction.atomic():
        row = (
            LicenseUseAuthorization.objects.select_for_update()
            .select_related("license__license_type")
            .filter(pk=authorization_id)
            .first()
        )
        if row is None or not License.objects.filter(scope.q(), pk=row.license_id).exists():
            raise NotFound(_("授权记录不存在。"), code="license.authorization.not_found")
        now = timezone.now()
        won = LicenseUseAuthorization.objects.filter(pk=row.pk, revoked_at__isnull=True, expires_at__gt=now).update(
            revoked_at=now
        )
        if not won:
            raise Conflict(_("该授权已撤销或已过期，无需再撤销。"), code="license.authorization.not_active")
        audit_record(
            actor=Actor(user_id=user.pk, role="holder"),
            action="license.use_revoke",
            subject=_license_ref(row.license_id),
            before={"authorization": row.pk, "revoked": False},
            after={"authorization": row.pk, "revoked": True},
            detail={"authorization": row.pk, "subject": row.subject},
        )
        row.revoked_at = now
    return authorization_info(row, now=now)


def authorizations_for_holder(*, user: Any, license_id: int | None = None) -> list[AuthorizationInfo]:
    """The user's authorisations (every state), newest first; only for one licence if given."""
    scope = holder_scope(user=user)
    rows = LicenseUseAuthorization.objects.select_related("license__license_type").filter(
        license__in=License.objects.filter(scope.q())
    )
    if license_id is not None:
        rows = rows.filter(license_id=license_id)
    now = timezone.now()
    return [authorization_info(r, now=now) for r in rows.order_by("-created_at", "-pk")]


@dataclass(frozen=True, slots=True)
class AuthorizedLicense:
    authorization: AuthorizationInfo
    license: LicenseInfo


def licenses_authorized_for(*, subject: SubjectRef) -> list[AuthorizedLicense]:
    """Licences authorised for one application and still in force (not revoked, not expired),
    for the staff handling it. The caller has checked the staff member may see the application."""
    now = timezone.now()
    rows = (
        LicenseUseAuthorization.objects.select_related("license__license_type", "license__issuer")
        .filter(subject=str(subject), revoked_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
    )
    return [
        AuthorizedLicense(authorization=authorization_info(r, now=now), license=license_info(r.license)) for r in rows
    ]


def authorization_in_force(*, subject: SubjectRef, license_id: int) -> bool:
    return LicenseUseAuthorization.objects.filter(
        subject=str(subject), license_id=license_id, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()
