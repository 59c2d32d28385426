"""The licence sharing service for other departments' systems (证照共享): read-only queries of a
holder's licences by ID number or credit code, and licence PDF downloads.

- Each department system has its own credential (``SharingCredential``): a bearer token
  ``ghs_<key_id>.<secret>`` shown once when issued; only a keyed hash (HMAC-SM3) of the secret is
  stored. Credentials carry scopes (``licenses.query``, ``licenses.download``) and can be revoked.
- Every call — allowed or refused — writes a ``SharingCallLog`` row with the department, the
  stated purpose (required) and a keyed hash of the holder's number, never the number itself;
  identified calls also append to the audit chain in the same transaction.
- Answers carry masked holder data and identifiers only.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts import facade as accounts
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    RESULT_DENIED,
    RESULT_OK,
    GovhallError,
    IdentifierError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    audit_record,
    blind_index,
    file_open,
    parse_credit_code,
    parse_id_number,
)
from govhall.licenses.constants import LicenseStatus
from govhall.licenses.contracts import LicenseInfo
from govhall.licenses.models import License, SharingCallLog, SharingCredential
from govhall.licenses.selectors import license_info, license_list_for_holder

SCOPE_QUERY = "licenses.query"
SCOPE_DOWNLOAD = "licenses.download"
ALL_SCOPES = (SCOPE_QUERY, SCOPE_DOWNLOAD)
TOKEN_PREFIX = "ghs_"  # noqa: S105 - a public prefix, not a secret
SECRET_CONTEXT = "license.sharing.secret"  # noqa: S105 - a blind-index context name
HOLDER_LOG_CONTEXT = "license.sharing.holder"
ISSUER_ROLE = "data_sharing_admin"
PURPOSE_MIN_LENGTH = 4
PURPOSE_MAX_LENGTH = 200
MAX_PDF_BYTES = 20 * 1024 * 1024


class Operation:
    QUERY = "query"
    DOWNLOAD = "download"


class Outcome:
    OK = "ok"
    UNAUTHENTICATED = "unauthenticated"
    REVOKED = "revoked"
    SCOPE_MISSING = "scope_missing"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True, slots=True)
class IssuedCredential:
    id: int
    key_id: str
    department_id: int
    name: str
    scopes: tuple[str, ...]
    token: str  # shown once; never stored


@dataclass(frozen=True, slots=True)
class CredentialInfo:
    id: int
    key_id: str
    department_id: int
    department_name: str
    name: str
    scopes: tuple[str, ...]
    created_at: Any
    revoked_at: Any
    last_used_at: Any


@dataclass(frozen=True, slots=True)
class CallContext:
    """What the API layer knows about the request (no personal data)."""

    operation: str
    request_id: str = ""


def _secret_hash(secret: str) -> str:
    return blind_index(secret, context=SECRET_CONTEXT)


def _credential_ref(credential_id: int) -> SubjectRef:
    return SubjectRef("sharing_credential", str(credential_id))


def credential_info(row: SharingCredential) -> CredentialInfo:
    return CredentialInfo(
        id=row.pk,
        key_id=row.key_id,
        department_id=row.department_id,
        department_name=row.department.name,
        name=row.name,
        scopes=tuple(row.scopes),
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        last_used_at=row.last_used_at,
    )


# --- credentials ------------------------------------------------------------------------------


def sharing_credential_issue(
    *, actor: Actor, department_id: int, name: str, scopes: Sequence[str], user: Any | None = None
) -> IssuedCredential:
    """Issue a credential for one department system. ``user`` (a staff member) must hold the
    data-sharing administrator role; without ``user`` the caller is the system (CLI, demo).
    The token is returned once and cannot be shown again."""
    if user is not None and not accounts.user_has_role(user=user, role=ISSUER_ROLE):
        raise PermissionDenied(_("只有数据共享管理员可以签发接入凭证。"), code="sharing.issuer_not_allowed")
    name = " ".join((name or "").split())
    if not name or len(name) > 100:
        raise ValidationFailed(_("请填写接入系统名称（不超过100个字）。"), code="sharing.name_invalid", field="name")
    wanted = tuple(dict.fromkeys(scopes))
    if not wanted or any(scope not in ALL_SCOPES for scope in wanted):
        raise ValidationFailed(
            _("权限范围只能是 licenses.query 和/或 licenses.download。"), code="sharing.scopes_invalid", field="scopes"
        )
    department = accounts.department_list().filter(pk=department_id).first()
    if department is None:
        raise NotFound(_("部门不存在。"), code="sharing.department_not_found")
    key_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        row = SharingCredential.objects.create(
            department_id=department.pk,
            name=name,
            key_id=key_id,
            secret_hash=_secret_hash(secret),
            scopes=list(wanted),
            created_by_id=getattr(user, "pk", None),
        )
        audit_record(
            actor=actor,
            action="license.sharing.credential_issue",
            subject=_credential_ref(row.pk),
            after={"department": department.pk, "scopes": list(wanted), "key_id": key_id},
            detail={"department": department.pk, "key_id": key_id, "scopes": ",".join(wanted)},
        )
    return IssuedCredential(
        id=row.pk,
        key_id=key_id,
        department_id=department.pk,
        name=name,
        scopes=wanted,
        token=f"{TOKEN_PREFIX}{key_id}.{secret}",
    )


def sharing_credential_revoke(*, actor: Actor, credential_id: int, user: Any | None = None) -> CredentialInfo:
    """Revoke a credential at once (compare-and-set). ``Conflict``-free: revoking twice is refused
    with ``sharing.credential_already_revoked``."""
    if user is not None and not accounts.user_has_role(user=user, role=ISSUER_ROLE):
        raise PermissionDenied(_("只有数据共享管理员可以停用接入凭证。"), code="sharing.issuer_not_allowed")
    with transaction.atomic():
        now = timezone.now()
        won = SharingCredential.objects.filter(pk=credential_id, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by_id=getattr(user, "pk", None)
        )
        row = SharingCredential.objects.select_related("department").filter(pk=credential_id).first()
        if row is None:
            raise NotFound(_("接入凭证不存在。"), code="sharing.credential_not_found")
        if not won:
            raise ValidationFailed(_("该接入凭证已停用。"), code="sharing.credential_already_revoked")
        audit_record(
            actor=actor,
            action="license.sharing.credential_revoke",
            subject=_credential_ref(row.pk),
            before={"revoked": False},
            after={"revoked": True},
            detail={"key_id": row.key_id},
        )
    return credential_info(row)


def sharing_credentials(*, department_id: int | None = None) -> list[CredentialInfo]:
    rows = SharingCredential.objects.select_related("department").order_by("-created_at")
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    return [credential_info(r) for r in rows]


# --- the call log -----------------------------------------------------------------------------


def _log(
    *,
    context: CallContext,
    outcome: str,
    status: int,
    credential: SharingCredential | None = None,
    purpose: str = "",
    holder_index: str = "",
    identifier: str = "",
    count: int = 0,
) -> None:
    """One log row per call; identified calls also go into the audit chain, in one transaction."""
    with transaction.atomic():
        SharingCallLog.objects.create(
            credential=credential,
            department_id=credential.department_id if credential is not None else None,
            operation=context.operation,
            purpose=purpose[:PURPOSE_MAX_LENGTH],
            holder_index=holder_index,
            license_identifier=identifier[:160],
            result_count=count,
            outcome=outcome,
            status_code=status,
            request_id=context.request_id[:64],
        )
        if credential is not None:
            if outcome == Outcome.OK:
                SharingCredential.objects.filter(pk=credential.pk).update(last_used_at=timezone.now())
            audit_record(
                actor=Actor(user_id=None, role="sharing_client", department_id=credential.department_id),
                action=f"license.sharing.{context.operation}",
                subject=_credential_ref(credential.pk),
                result=RESULT_OK if outcome == Outcome.OK else RESULT_DENIED,
                detail={
                    "outcome": outcome,
                    "purpose": purpose[:PURPOSE_MAX_LENGTH],
                    "holder_index": holder_index,
                    "identifier": identifier[:160],
                    "count": count,
                },
            )


def _refuse(error: GovhallError, *, context: CallContext, outcome: str, **log: Any) -> GovhallError:
    _log(context=context, outcome=outcome, status=error.status, **log)
    return error


def sharing_log_refusal(*, context: CallContext, error: GovhallError, outcome: str) -> None:
    """Log a call refused before it reached a service (e.g. over the rate limit)."""
    _log(context=context, outcome=outcome, status=error.status)


# --- authentication ---------------------------------------------------------------------------


def sharing_authenticate(*, token: str | None, context: CallContext) -> SharingCredential:
    """The credential behind a bearer token. Missing or wrong → ``PermissionDenied`` 401
    (``sharing.credential_missing`` / ``sharing.credential_invalid``); revoked → 403
    (``sharing.credential_revoked``). Every refusal is logged."""
    if not token:
        raise _refuse(
            PermissionDenied(
                _("缺少接入凭证：请在 Authorization 请求头中使用 Bearer 方式提供本部门的接入凭证。"),
                code="sharing.credential_missing",
                status=401,
            ),
            context=context,
            outcome=Outcome.UNAUTHENTICATED,
        )
    invalid = PermissionDenied(
        _("接入凭证无效，请核对后重试或联系数据共享管理员。"), code="sharing.credential_invalid", status=401
    )
    body = token.strip()
    key_id, sep, secret = body[len(TOKEN_PREFIX) :].partition(".")
    if not body.startswith(TOKEN_PREFIX) or not sep or not key_id or not secret or len(body) > 200:
        raise _refuse(invalid, context=context, outcome=Outcome.UNAUTHENTICATED)
    credential = SharingCredential.objects.filter(key_id=key_id).first()
    if credential is None or not hmac.compare_digest(credential.secret_hash, _secret_hash(secret)):
        raise _refuse(invalid, context=context, outcome=Outcome.UNAUTHENTICATED)
    if credential.revoked_at is not None:
        raise _refuse(
            PermissionDenied(
                _("该接入凭证已停用，请联系数据共享管理员重新签发。"), code="sharing.credential_revoked", status=403
            ),
            context=context,
            outcome=Outcome.REVOKED,
            credential=credential,
        )
    return credential


def _require_scope(credential: SharingCredential, scope: str, context: CallContext, purpose: str) -> None:
    if scope not in (credential.scopes or []):
        raise _refuse(
            PermissionDenied(
                _("该接入凭证没有“%(scope)s”权限。"), code="sharing.scope_missing", params={"scope": scope}
            ),
            context=context,
            outcome=Outcome.SCOPE_MISSING,
            credential=credential,
            purpose=purpose,
        )


def _clean_purpose(purpose: str, credential: SharingCredential, context: CallContext) -> str:
    text = " ".join((purpose or "").split())
    if len(text) < PURPOSE_MIN_LENGTH or len(text) > PURPOSE_MAX_LENGTH:
        raise _refuse(
            ValidationFailed(
                _("请在 purpose 中写明调用用途（%(min)d至%(max)d个字），例如办件编号和事项名称。"),
                code="sharing.purpose_required",
                field="purpose",
                params={"min": PURPOSE_MIN_LENGTH, "max": PURPOSE_MAX_LENGTH},
            ),
            context=context,
            outcome=Outcome.INVALID,
            credential=credential,
            purpose=text,
        )
    return text


# --- the two operations -----------------------------------------------------------------------


def sharing_query(
    *,
    credential: SharingCredential,
    purpose: str,
    id_number: str = "",
    credit_code: str = "",
    request_id: str = "",
) -> list[LicenseInfo]:
    """A holder's licences (all states but pending, masked) by citizen ID number or unified
    social credit code — exactly one of the two. An unknown holder answers an empty list."""
    context = CallContext(operation=Operation.QUERY, request_id=request_id)
    _require_scope(credential, SCOPE_QUERY, context, purpose)
    purpose = _clean_purpose(purpose, credential, context)
    id_number, credit_code = (id_number or "").strip(), (credit_code or "").strip()
    if bool(id_number) == bool(credit_code):
        raise _refuse(
            ValidationFailed(
                _("请提供持证人的身份证号码（id_number）或统一社会信用代码（credit_code）之一。"),
                code="sharing.holder_required",
            ),
            context=context,
            outcome=Outcome.INVALID,
            credential=credential,
            purpose=purpose,
        )
    try:
        value = parse_id_number(id_number).value if id_number else parse_credit_code(credit_code).value
    except IdentifierError as error:
        raise _refuse(error, context=context, outcome=Outcome.INVALID, credential=credential, purpose=purpose) from None
    holder_index = blind_index(value, context=HOLDER_LOG_CONTEXT)
    licenses: list[LicenseInfo] = []
    if id_number:
        person = accounts.person_by_id_number(id_number=value)
        if person is not None:
            licenses = license_list_for_holder(person_id=person.pk)
    else:
        organization = accounts.organization_by_credit_code(credit_code=value)
        if organization is not None:
            licenses = license_list_for_holder(organization_id=organization.pk)
    _log(
        context=context,
        outcome=Outcome.OK,
        status=200,
        credential=credential,
        purpose=purpose,
        holder_index=holder_index,
        count=len(licenses),
    )
    return licenses


def sharing_download(
    *, credential: SharingCredential, identifier: str, purpose: str, request_id: str = ""
) -> tuple[bytes, LicenseInfo]:
    """The signed PDF of a licence by its identifier. ``NotFound`` (``sharing.license_not_found``)
    for an unknown or not yet signed licence."""
    context = CallContext(operation=Operation.DOWNLOAD, request_id=request_id)
    _require_scope(credential, SCOPE_DOWNLOAD, context, purpose)
    purpose = _clean_purpose(purpose, credential, context)
    wanted = (identifier or "").strip().upper()[:160]
    row = (
        License.objects.select_related("license_type", "issuer", "replaces")
        .filter(identifier=wanted)
        .exclude(status=LicenseStatus.PENDING)
        .exclude(pdf_key="")
        .first()
        if wanted
        else None
    )
    if row is None:
        raise _refuse(
            NotFound(_("没有这个证照标识对应的电子证照。"), code="sharing.license_not_found"),
            context=context,
            outcome=Outcome.NOT_FOUND,
            credential=credential,
            purpose=purpose,
            identifier=wanted,
        )
    with file_open(key=row.pdf_key) as handle:
        pdf = handle.read(MAX_PDF_BYTES + 1)
    _log(
        context=context,
        outcome=Outcome.OK,
        status=200,
        credential=credential,
        purpose=purpose,
        identifier=row.identifier,
        count=1,
    )
    return pdf, license_info(row)


@dataclass(frozen=True, slots=True)
class CallInfo:
    at: Any
    department_name: str
    credential_key_id: str
    operation: str
    purpose: str
    holder_digest: str  # the first characters of the keyed hash: enough to match calls, not a number
    license_identifier: str
    outcome: str
    status_code: int


def sharing_call_log(*, department_id: int | None = None, limit: int = 100) -> list[CallInfo]:
    """The newest calls first (allowed and refused)."""
    rows = SharingCallLog.objects.select_related("credential", "department").order_by("-at", "-pk")
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    return [
        CallInfo(
            at=row.at,
            department_name=row.department.name if row.department is not None else "",
            credential_key_id=row.credential.key_id if row.credential is not None else "",
            operation=row.operation,
            purpose=row.purpose,
            holder_digest=row.holder_index[:12],
            license_identifier=row.license_identifier,
            outcome=row.outcome,
            status_code=row.status_code,
        )
        for row in rows[:limit]
    ]
