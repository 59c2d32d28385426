"""Writes: licence types, issuance, signing (worker path), revocation, cancellation, replacement
and the renewal reminder sweep.

Every state change is one transaction with a compare-and-set on ``status`` and an audit row
(``license.issue`` / ``license.sign`` / ``license.revoke_request`` / ``license.revoke`` /
``license.cancel`` / ``license.replace``); the slow part of issuance (PDF, signature, QR) runs in
the background task ``sign_license`` and is idempotent.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from typing import Any

import jsonschema
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts import facade as accounts
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    audit_record,
    decrypt_text,
    encrypt_text,
    file_delete,
    file_store,
    local_date,
    make_license_identifier,
    parse_credit_code,
)
from govhall.licenses import hooks
from govhall.licenses.constants import (
    DATA_CONTEXT,
    HOLDER_NAME_CONTEXT,
    REMINDER_RENEWAL,
    RENEWAL_REMINDER_DAYS,
    HolderKind,
    LicenseStatus,
    RevocationStatus,
    ValidityUnit,
)
from govhall.licenses.contracts import LicenseInfo, LicenseTypeInfo, RevocationInfo
from govhall.licenses.models import License, LicenseReminder, LicenseRevocation, LicenseSerial, LicenseType
from govhall.licenses.selectors import license_info, license_type_info, revocation_info

logger = logging.getLogger(__name__)

MAX_PDF_BYTES = 20 * 1024 * 1024
SIGNING_RETRY_AFTER = dt.timedelta(minutes=5)
RENEWAL_WINDOW_DAYS = 90  # a grant for a licence ending within this many days renews it
ISSUE_LIMIT_WORKING_DAYS = 10  # 行政许可法 第四十四条: issue within 10 days of the decision


def license_ref(license: License | int) -> SubjectRef:
    return SubjectRef("license", str(license if isinstance(license, int) else license.pk))


def _today() -> dt.date:
    return local_date(timezone.now())


# --- masking ----------------------------------------------------------------------------------


def mask_name(name: str, holder_kind: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***; an organisation's name is public and stays as it is."""
    name = name.strip()
    if holder_kind == HolderKind.ORGANIZATION or len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_credit_code(code: str) -> str:
    """91350600MA2Y3K4L5X → 9135********4L5X: region kept, organisation body hidden."""
    return code[:4] + "*" * 10 + code[-4:] if len(code) == 18 else code


# --- licence types ----------------------------------------------------------------------------


def _check_type_code(type_code: str) -> str:
    type_code = type_code.strip().upper()
    if len(type_code) != 21 or not type_code[18:].isdigit():
        raise ValidationFailed(
            _("证照类型代码应为发证机关统一社会信用代码加3位数字，共21位。"),
            code="license.type_code_invalid",
            field="type_code",
        )
    parse_credit_code(type_code[:18])
    return type_code


def license_type_save(
    *,
    actor: Actor,
    code: str,
    type_code: str,
    name: str,
    holder_kind: str,
    data_schema: Mapping[str, Any] | None = None,
    validity_unit: str = ValidityUnit.YEARS,
    validity_amount: int = 5,
    layout_template: str = "licenses/layouts/standard.html",
    issuing_department_ids: list[int] | None = None,
) -> LicenseTypeInfo:
    """Create or update a licence type by its catalogue ``code``. Raises ``ValidationFailed`` for a
    bad GB/T 36904 type code, holder kind, validity or JSON Schema."""
    type_code = _check_type_code(type_code)
    if holder_kind not in HolderKind.values:
        raise ValidationFailed(_("请选择持证主体类型。"), code="license.holder_kind_invalid", field="holder_kind")
    if validity_unit not in ValidityUnit.values or (validity_unit != ValidityUnit.UNLIMITED and validity_amount < 1):
        raise ValidationFailed(_("有效期设置不正确。"), code="license.validity_invalid", field="validity_amount")
    schema = dict(data_schema or {"type": "object", "properties": {}})
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise ValidationFailed(
            _("照面信息定义不是有效的 JSON Schema。"), code="license.schema_invalid", field="data_schema"
        ) from exc
    with transaction.atomic():
        license_type, created = LicenseType.objects.update_or_create(
            code=code,
            defaults={
                "type_code": type_code,
                "name": name,
                "holder_kind": holder_kind,
                "data_schema": schema,
                "validity_unit": validity_unit,
                "validity_amount": validity_amount,
                "layout_template": layout_template,
            },
        )
        if issuing_department_ids is not None:
            license_type.issuing_departments.set(issuing_department_ids)
        audit_record(
            actor=actor,
            action="license.type_create" if created else "license.type_update",
            subject=SubjectRef("license_type", str(license_type.pk)),
            after={"code": code, "type_code": type_code, "name": name},
        )
    return license_type_info(license_type)


def valid_until_for(license_type: LicenseType, valid_from: dt.date) -> dt.date | None:
    """Last day of validity: 5 years from 2026-11-23 → 2031-11-22; None for 长期."""
    amount = license_type.validity_amount
    unit = license_type.validity_unit
    if unit == ValidityUnit.UNLIMITED:
        return None
    if unit == ValidityUnit.DAYS:
        return valid_from + dt.timedelta(days=amount - 1)
    months = amount * 12 if unit == ValidityUnit.YEARS else amount
    year, month = divmod(valid_from.month - 1 + months, 12)
    year += valid_from.year
    day = min(valid_from.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day) - dt.timedelta(days=1)


# --- issuance ---------------------------------------------------------------------------------


def _next_serial(license_type: LicenseType, issuer_id: int, year: int) -> str:
    counter, _created = LicenseSerial.objects.get_or_create(license_type=license_type, issuer_id=issuer_id, year=year)
    LicenseSerial.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{year}{counter.last:07d}"


def _holder(holder_kind: str, person_id: int | None, organization_id: int | None) -> tuple[str, str]:
    """(name, masked id) of the holder; raises ``ValidationFailed`` when missing."""
    if holder_kind == HolderKind.PERSON and person_id is not None and organization_id is None:
        person = accounts.person_get(person_id=person_id)
        if person is not None:
            return person.real_name, person.id_number_masked
    if holder_kind == HolderKind.ORGANIZATION and organization_id is not None and person_id is None:
        organization = accounts.organization_get(organization_id=organization_id)
        if organization is not None:
            return organization.name, mask_credit_code(organization.credit_code)
    raise ValidationFailed(
        _("持证主体与证照类型不符：该证照须颁发给%(kind)s。"),
        code="license.holder_mismatch",
        params={"kind": HolderKind(holder_kind).label if holder_kind in HolderKind.values else holder_kind},
    )


def _check_data(license_type: LicenseType, data: Mapping[str, Any]) -> dict[str, Any]:
    """Keep the fields the type declares (a case form carries more) and validate them."""
    schema = license_type.data_schema or {}
    declared = schema.get("properties")
    if isinstance(declared, dict):
        data = {key: value for key, value in data.items() if key in declared}
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(dict(data)), key=lambda e: list(e.path))
    if errors:
        raise ValidationFailed(
            _("照面信息不完整或格式不正确，不能签发证照。"),
            code="license.data_invalid",
            errors=[{"field": ".".join(str(p) for p in e.path) or "", "message": e.message} for e in errors[:10]],
        )
    return dict(data)


def license_issue(
    *,
    actor: Actor,
    license_type_code: str,
    issuer_department_id: int,
    holder_person_id: int | None = None,
    holder_organization_id: int | None = None,
    data: Mapping[str, Any] | None = None,
    source: str = "",
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    _replaces: License | None = None,
) -> LicenseInfo:
    """签发: create the licence (status ``pending``) with its GB/T 36904 identifier and enqueue the
    signing task in the same transaction.

    ``source`` ("case:42") makes the call idempotent: a second call for the same source returns
    the licence already issued (a unique constraint backs this under concurrency).
    Raises ``NotFound`` (``license.type_not_found``), ``PermissionDenied``
    (``license.issuer_not_allowed``) when the department may not issue this type,
    ``ValidationFailed`` (``license.holder_mismatch``, ``license.data_invalid``).
    """
    license_type = LicenseType.objects.filter(code=license_type_code, is_active=True).first()
    if license_type is None:
        raise NotFound(_("没有这种证照类型。"), code="license.type_not_found")
    allowed = set(license_type.issuing_departments.values_list("pk", flat=True))
    if allowed and issuer_department_id not in allowed:
        raise PermissionDenied(_("该部门不是这种证照的发证机关。"), code="license.issuer_not_allowed")
    holder_name, holder_id_masked = _holder(license_type.holder_kind, holder_person_id, holder_organization_id)
    clean = _check_data(license_type, data or {})
    issuer = accounts.department_list().filter(pk=issuer_department_id).first()
    if issuer is None:
        raise NotFound(_("发证部门不存在。"), code="license.issuer_not_found")
    today = _today()
    valid_from = valid_from or today
    until = valid_until if valid_until is not None else valid_until_for(license_type, valid_from)
    try:
        with transaction.atomic():
            if source:
                existing = License.objects.filter(source=source).first()
                if existing is not None:
                    return license_info(existing, today=today)
            if _replaces is not None:
                serial, version = _replaces.serial, _replaces.version + 1
            else:
                serial, version = _next_serial(license_type, issuer.pk, today.year), 1
            identifier = make_license_identifier(license_type.type_code, issuer.credit_code, serial, version)
            license = License.objects.create(
                identifier=identifier,
                license_type=license_type,
                issuer=issuer,
                serial=serial,
                version=version,
                replaces=_replaces,
                source=source,
                holder_kind=license_type.holder_kind,
                holder_person_id=holder_person_id,
                holder_organization_id=holder_organization_id,
                holder_name_encrypted=encrypt_text(holder_name, context=HOLDER_NAME_CONTEXT),
                holder_name_masked=mask_name(holder_name, license_type.holder_kind),
                holder_id_masked=holder_id_masked,
                data_encrypted=encrypt_text(_json(clean), context=DATA_CONTEXT),
                issued_on=today,
                valid_from=valid_from,
                valid_until=until,
            )
            audit_record(
                actor=actor,
                action="license.issue",
                subject=license_ref(license),
                after={"identifier": identifier, "type": license_type.code, "source": source},
                detail={"identifier": identifier, "source": source, "version": version},
            )
            from govhall.licenses.tasks import sign_license

            sign_license.enqueue(license.pk)
    except IntegrityError:
        existing = License.objects.filter(source=source).first() if source else None
        if existing is None:
            raise
        return license_info(existing, today=today)
    return license_info(license, today=today)


def _json(value: Mapping[str, Any]) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def license_data(license: License) -> dict[str, Any]:
    import json

    if not license.data_encrypted:
        return {}
    data: dict[str, Any] = json.loads(decrypt_text(license.data_encrypted, context=DATA_CONTEXT))
    return data


def license_holder_name(license: License) -> str:
    return decrypt_text(license.holder_name_encrypted, context=HOLDER_NAME_CONTEXT)


def license_sign(*, license_id: int) -> str:
    """The worker path: render the PDF (seal + QR), PAdES-sign it, store it and mark the licence
    valid. Idempotent: returns ``"done"`` when the licence is no longer pending (signed by an
    earlier run, or cancelled meanwhile), ``"signed"`` when this call signed it."""
    from govhall.licenses import documents, signing

    license = License.objects.select_related("license_type", "issuer").filter(pk=license_id).first()
    if license is None or license.status != LicenseStatus.PENDING:
        return "done"
    payload = signing.qr_payload_make(license)
    pdf = signing.pdf_sign(documents.render_license_pdf(license, qr_payload=payload), reason=license.identifier)
    stored = file_store(stream=iter([pdf]), namespace="licenses", max_bytes=MAX_PDF_BYTES)
    now = timezone.now()
    with transaction.atomic():
        won = License.objects.filter(pk=license.pk, status=LicenseStatus.PENDING).update(
            status=LicenseStatus.VALID,
            pdf_key=stored.key,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            qr_payload=payload,
            signed_at=now,
            status_changed_at=now,
        )
        if not won:
            transaction.on_commit(lambda: file_delete(key=stored.key))
            return "done"
        if license.replaces_id:
            _finish_replacement(license)
        audit_record(
            actor=Actor.system("license_signer"),
            action="license.sign",
            subject=license_ref(license),
            detail={"identifier": license.identifier, "pdf_sha256": hashlib.sha256(pdf).hexdigest()},
        )
        license.refresh_from_db()
        info = license_info(license)
        for reaction in hooks.on_status_change:
            reaction(info)
    return "signed"


def _finish_replacement(new: License) -> None:
    """The new version is signed: the old one becomes ``replaced`` (it stayed valid until now)."""
    old_id = new.replaces_id
    assert old_id is not None
    changed = License.objects.filter(pk=old_id, status=LicenseStatus.VALID).update(
        status=LicenseStatus.REPLACED,
        status_reason=new.identifier,
        status_changed_at=timezone.now(),
    )
    if changed:
        audit_record(
            actor=Actor.system("license_signer"),
            action="license.replaced",
            subject=license_ref(old_id),
            detail={"replaced_by": new.identifier},
        )
        old_info = license_info(License.objects.select_related("license_type", "issuer").get(pk=old_id))
        for reaction in hooks.on_status_change:
            reaction(old_info)


# --- staff actions ----------------------------------------------------------------------------


def _staff_may_manage(actor: Actor, license: License) -> None:
    """Staff of the issuing department with a licence-managing role; anyone else gets the same
    "not found" as for a missing licence."""
    from django.contrib.auth import get_user_model

    from govhall.licenses.access import license_staff_departments

    user = get_user_model().objects.filter(pk=actor.user_id).first() if actor.user_id is not None else None
    if user is None or license.issuer_id not in license_staff_departments(user=user):
        raise NotFound(_("证照不存在，或不属于您所在部门。"), code="license.not_found")


def _lock(license_id: int) -> License:
    license = License.objects.select_for_update().filter(pk=license_id).first()
    if license is None:
        raise NotFound(_("证照不存在。"), code="license.not_found")
    return license


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("请写明理由。"), code="license.reason_required", field="reason")
    if len(reason) > 500:
        raise ValidationFailed(_("理由不能超过500字。"), code="license.reason_too_long", field="reason")
    return reason


def _wrong_state(license: License, action: Any) -> Conflict:
    return Conflict(
        _("该证照当前状态为“%(status)s”，不能%(action)s。"),
        code="license.invalid_transition",
        params={"status": LicenseStatus(license.status).label, "action": action},
    )


def license_revoke_request(*, actor: Actor, license_id: int, reason: str, legal_basis: str = "") -> RevocationInfo:
    """吊销申请 (first of two people). Raises ``NotFound`` for staff outside the issuing department,
    ``Conflict`` (``license.invalid_transition`` / ``license.revocation_pending``)."""
    reason = _require_reason(reason)
    with transaction.atomic():
        license = _lock(license_id)
        _staff_may_manage(actor, license)
        if license.status != LicenseStatus.VALID:
            raise _wrong_state(license, _("申请吊销"))
        if license.revocations.filter(status=RevocationStatus.REQUESTED).exists():
            raise Conflict(_("该证照已有待复核的吊销申请。"), code="license.revocation_pending")
        assert actor.user_id is not None  # _staff_may_manage refused anyone else
        revocation = LicenseRevocation.objects.create(
            license=license,
            reason=reason,
            legal_basis=(legal_basis or "").strip()[:500],
            requested_by_id=actor.user_id,
            requested_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="license.revoke_request",
            subject=license_ref(license),
            detail={"identifier": license.identifier, "revocation": revocation.pk},
        )
    return revocation_info(revocation)


def license_revoke_confirm(*, actor: Actor, revocation_id: int) -> LicenseInfo:
    """吊销复核 (second person): the licence becomes ``revoked`` at once.

    Raises ``PermissionDenied`` (``license.revocation_same_person``) when the requester tries to
    confirm their own request; ``NotFound`` for staff outside the issuing department;
    ``Conflict`` when the request was already handled or the licence is no longer valid.
    """
    with transaction.atomic():
        revocation = LicenseRevocation.objects.select_for_update().filter(pk=revocation_id).first()
        if revocation is None:
            raise NotFound(_("吊销申请不存在。"), code="license.revocation_not_found")
        license = _lock(revocation.license_id)
        _staff_may_manage(actor, license)
        if revocation.requested_by_id == actor.user_id:
            raise PermissionDenied(
                _("吊销须由另一名工作人员复核确认，申请人本人不能确认自己的吊销申请。"),
                code="license.revocation_same_person",
            )
        if revocation.status != RevocationStatus.REQUESTED:
            raise Conflict(_("该吊销申请已处理。"), code="license.revocation_handled")
        now = timezone.now()
        won = LicenseRevocation.objects.filter(pk=revocation.pk, status=RevocationStatus.REQUESTED).update(
            status=RevocationStatus.CONFIRMED, confirmed_by_id=actor.user_id, confirmed_at=now
        )
        changed = License.objects.filter(pk=license.pk, status=LicenseStatus.VALID).update(
            status=LicenseStatus.REVOKED, status_reason=revocation.reason, status_changed_at=now
        )
        if not (won and changed):
            raise _wrong_state(license, _("吊销"))
        audit_record(
            actor=actor,
            action="license.revoke",
            subject=license_ref(license),
            before={"status": LicenseStatus.VALID},
            after={"status": LicenseStatus.REVOKED},
            detail={
                "identifier": license.identifier,
                "revocation": revocation.pk,
                "requested_by": revocation.requested_by_id,
            },
        )
        license.refresh_from_db()
        info = license_info(license)
        for reaction in hooks.on_status_change:
            reaction(info)
    return info


def license_revoke_withdraw(*, actor: Actor, revocation_id: int) -> None:
    """Withdraw a pending revocation request (either person of the issuing department)."""
    with transaction.atomic():
        revocation = LicenseRevocation.objects.select_for_update().filter(pk=revocation_id).first()
        if revocation is None:
            raise NotFound(_("吊销申请不存在。"), code="license.revocation_not_found")
        license = _lock(revocation.license_id)
        _staff_may_manage(actor, license)
        won = LicenseRevocation.objects.filter(pk=revocation.pk, status=RevocationStatus.REQUESTED).update(
            status=RevocationStatus.WITHDRAWN
        )
        if not won:
            raise Conflict(_("该吊销申请已处理。"), code="license.revocation_handled")
        audit_record(
            actor=actor,
            action="license.revoke_withdraw",
            subject=license_ref(license),
            detail={"revocation": revocation.pk},
        )


def license_cancel(*, actor: Actor, license_id: int, reason: str) -> LicenseInfo:
    """注销 (e.g. the holder gave the licence up or the business closed): valid → cancelled."""
    reason = _require_reason(reason)
    with transaction.atomic():
        license = _lock(license_id)
        _staff_may_manage(actor, license)
        changed = License.objects.filter(pk=license.pk, status=LicenseStatus.VALID).update(
            status=LicenseStatus.CANCELLED, status_reason=reason, status_changed_at=timezone.now()
        )
        if not changed:
            raise _wrong_state(license, _("注销"))
        audit_record(
            actor=actor,
            action="license.cancel",
            subject=license_ref(license),
            before={"status": LicenseStatus.VALID},
            after={"status": LicenseStatus.CANCELLED},
            detail={"identifier": license.identifier},
        )
        license.refresh_from_db()
        info = license_info(license)
        for reaction in hooks.on_status_change:
            reaction(info)
    return info


def license_replace(
    *,
    actor: Actor,
    license_id: int,
    data: Mapping[str, Any] | None = None,
    source: str = "",
    renew: bool = False,
    staff_check: bool = True,
) -> LicenseInfo:
    """换发 / 延续: issue version + 1 with the same serial referencing the previous identifier. The
    old licence stays valid until the new one is signed, then becomes ``replaced``. ``data``
    overrides fields of the old licence's data; ``renew`` starts a new validity period today
    (otherwise the old period is kept). ``source`` ("case:57", a change/renewal case) makes it
    idempotent like ``license_issue``. ``staff_check=False`` is for the cases hook (the decision
    was already authorised)."""
    with transaction.atomic():
        old = _lock(license_id)
        if staff_check:
            _staff_may_manage(actor, old)
        if source:
            existing = License.objects.filter(source=source).first()
            if existing is not None:
                return license_info(existing)
        if old.status != LicenseStatus.VALID or License.objects.filter(replaces=old).exists():
            raise _wrong_state(old, _("换发"))
        merged = {**license_data(old), **dict(data or {})}
        info = license_issue(
            actor=actor,
            license_type_code=old.license_type.code,
            issuer_department_id=old.issuer_id,
            holder_person_id=old.holder_person_id,
            holder_organization_id=old.holder_organization_id,
            data=merged,
            source=source,
            valid_from=None if renew else old.valid_from,
            valid_until=None if renew else old.valid_until,
            _replaces=old,
        )
        audit_record(
            actor=actor,
            action="license.replace",
            subject=license_ref(old),
            detail={"identifier": old.identifier, "new_identifier": info.identifier, "renew": renew},
        )
    return info


def license_issue_or_replace(
    *,
    actor: Actor,
    license_type_code: str,
    issuer_department_id: int,
    holder_person_id: int | None = None,
    holder_organization_id: int | None = None,
    data: Mapping[str, Any] | None = None,
    source: str = "",
) -> LicenseInfo:
    """What a granted case does: when the holder already holds a licence of this type from this
    issuer that is in force, the grant changes or renews it — a new version replacing it (变更 /
    延续 / 换发); otherwise a new licence. A renewal (the old licence ends within
    ``RENEWAL_WINDOW_DAYS``) starts a new validity period; a change keeps the old one. Idempotent
    per ``source`` like ``license_issue``."""
    if source:
        existing = License.objects.filter(source=source).first()
        if existing is not None:
            return license_info(existing)
    today = _today()
    current = (
        License.objects.filter(
            license_type__code=license_type_code,
            issuer_id=issuer_department_id,
            holder_person_id=holder_person_id,
            holder_organization_id=holder_organization_id,
            status=LicenseStatus.VALID,
            replaced_by__isnull=True,
        )
        .exclude(valid_until__lt=today)
        .order_by("-version", "-pk")
        .first()
    )
    if current is None:
        return license_issue(
            actor=actor,
            license_type_code=license_type_code,
            issuer_department_id=issuer_department_id,
            holder_person_id=holder_person_id,
            holder_organization_id=holder_organization_id,
            data=data,
            source=source,
        )
    renew = current.valid_until is not None and current.valid_until <= today + dt.timedelta(days=RENEWAL_WINDOW_DAYS)
    return license_replace(actor=actor, license_id=current.pk, data=data, source=source, renew=renew, staff_check=False)


# --- sweeps -------------------------------------------------------------------------------------


def license_reminder_sweep(*, today: dt.date | None = None) -> dict[str, int]:
    """Renewal reminders: every valid licence expiring within 30 days gets ``on_renewal_due``
    once (a unique ``LicenseReminder`` row; safe to run any number of times, concurrently too)."""
    today = today or _today()
    horizon = today + dt.timedelta(days=RENEWAL_REMINDER_DAYS)
    due = (
        License.objects.filter(status=LicenseStatus.VALID, valid_until__gte=today, valid_until__lte=horizon)
        .exclude(reminders__kind=REMINDER_RENEWAL)
        .select_related("license_type", "issuer")
    )
    sent = 0
    for license in due.iterator(chunk_size=500):
        try:
            with transaction.atomic():
                LicenseReminder.objects.create(license=license, kind=REMINDER_RENEWAL, sent_at=timezone.now())
                assert license.valid_until is not None
                info = license_info(license, today=today)
                for reaction in hooks.on_renewal_due:
                    reaction(info, (license.valid_until - today).days)
                audit_record(
                    actor=Actor.system("license_sweep"),
                    action="license.renewal_reminder",
                    subject=license_ref(license),
                    detail={"identifier": license.identifier, "valid_until": license.valid_until.isoformat()},
                )
        except IntegrityError:  # another sweep sent it
            continue
        sent += 1
    return {"reminders": sent}


def license_pending_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Licences still ``pending`` ``SIGNING_RETRY_AFTER`` after issuance (a worker died, the key was
    missing): enqueue signing again — the task is idempotent, a duplicate costs one wasted render.
    Counts those past the legal limit (10 working days after the decision, 行政许可法 第四十四条)
    and logs them (identifiers only) so operations can act."""
    from govhall.core.facade import ConfigurationError, add_working_days
    from govhall.licenses.tasks import sign_license

    now = now or timezone.now()
    today = local_date(now)
    stale = list(
        License.objects.filter(status=LicenseStatus.PENDING, created_at__lt=now - SIGNING_RETRY_AFTER)
        .order_by("pk")
        .values_list("pk", "identifier", "created_at")[:1000]
    )
    overdue = 0
    for license_id, identifier, created_at in stale:
        sign_license.enqueue(license_id)
        try:
            due = add_working_days(local_date(created_at), ISSUE_LIMIT_WORKING_DAYS)
        except (ConfigurationError, ValueError):  # no calendar for that year yet: count natural days
            due = local_date(created_at) + dt.timedelta(days=ISSUE_LIMIT_WORKING_DAYS * 7 // 5)
        if due < today:
            overdue += 1
            logger.error("licence %s not signed within the legal limit (due %s)", identifier, due.isoformat())
    return {"retried": len(stale), "overdue": overdue}


def license_view_record(*, actor: Actor, license_id: int, what: str) -> None:
    """Audit a person opening a licence PDF (holder download or staff view)."""
    with transaction.atomic():
        audit_record(actor=actor, action=f"license.{what}", subject=license_ref(license_id))
