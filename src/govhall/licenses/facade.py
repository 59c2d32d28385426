"""The public face of licenses for other apps (cases, portal, workbench) — see
/work/notes/licenses-contract.md for the contract."""

from __future__ import annotations

from govhall.licenses.constants import (
    LICENSE_MANAGER_ROLES,
    EffectiveStatus,
    HolderKind,
    LicenseStatus,
    RevocationStatus,
    ValidityUnit,
)
from govhall.licenses.contracts import (
    LicenseInfo,
    LicenseTypeInfo,
    QrPayloadCheck,
    RevocationInfo,
    VerificationResult,
)
from govhall.licenses.selectors import (
    license_for_source,
    license_get,
    license_get_by_identifier,
    license_get_for_staff,
    license_list_for_holder,
    license_pdf,
    license_qr_svg,
    license_revocations,
    license_status,
    license_type_get,
    license_type_list,
    license_verify,
    licenses_for_staff,
    pending_revocations_for_staff,
    qr_payload_check,
)
from govhall.licenses.services import (
    license_cancel,
    license_issue,
    license_issue_or_replace,
    license_pending_sweep,
    license_reminder_sweep,
    license_replace,
    license_revoke_confirm,
    license_revoke_request,
    license_revoke_withdraw,
    license_sign,
    license_type_save,
    license_view_record,
    mask_credit_code,
    mask_name,
)

__all__ = [
    "LICENSE_MANAGER_ROLES",
    "EffectiveStatus",
    "HolderKind",
    "LicenseInfo",
    "LicenseStatus",
    "LicenseTypeInfo",
    "QrPayloadCheck",
    "RevocationInfo",
    "RevocationStatus",
    "ValidityUnit",
    "VerificationResult",
    "license_cancel",
    "license_for_source",
    "license_get",
    "license_get_by_identifier",
    "license_get_for_staff",
    "license_issue",
    "license_issue_or_replace",
    "license_list_for_holder",
    "license_pdf",
    "license_pending_sweep",
    "license_qr_svg",
    "license_reminder_sweep",
    "license_replace",
    "license_revocations",
    "license_revoke_confirm",
    "license_revoke_request",
    "license_revoke_withdraw",
    "license_sign",
    "license_status",
    "license_type_get",
    "license_type_list",
    "license_type_save",
    "license_verify",
    "license_view_record",
    "licenses_for_staff",
    "mask_credit_code",
    "mask_name",
    "pending_revocations_for_staff",
    "qr_payload_check",
]


# --- licences-use: wallet, 用证授权, 免提交 reuse, sharing API (appended; see licenses-contract.md) ---
from govhall.licenses.authorizations import (
    MAX_AUTHORIZATION_DAYS,
    AuthorizationInfo,
    AuthorizedLicense,
    authorization_in_force,
    authorizations_for_holder,
    license_use_authorize,
    license_use_revoke,
    licenses_authorized_for,
)
from govhall.licenses.authorizations import PURPOSE_MAX_LENGTH as AUTHORIZATION_PURPOSE_MAX_LENGTH
from govhall.licenses.reuse import TRUST_LEVEL_A, ReusableLicense, license_pdf_for_staff, license_reusable
from govhall.licenses.sharing import ALL_SCOPES as SHARING_SCOPES
from govhall.licenses.sharing import (
    SCOPE_DOWNLOAD,
    SCOPE_QUERY,
    CallInfo,
    sharing_call_log,
    sharing_credential_issue,
    sharing_credential_revoke,
    sharing_credentials,
)
from govhall.licenses.sharing_api import router as sharing_router
from govhall.licenses.wallet import (
    EXPIRING_SOON_DAYS,
    WalletEntry,
    license_get_for_holder,
    license_pdf_for_holder,
    license_qr_svg_for_holder,
    wallet_licenses,
)

__all__ += [
    "AUTHORIZATION_PURPOSE_MAX_LENGTH",
    "EXPIRING_SOON_DAYS",
    "MAX_AUTHORIZATION_DAYS",
    "SCOPE_DOWNLOAD",
    "SCOPE_QUERY",
    "SHARING_SCOPES",
    "TRUST_LEVEL_A",
    "AuthorizationInfo",
    "AuthorizedLicense",
    "CallInfo",
    "ReusableLicense",
    "WalletEntry",
    "authorization_in_force",
    "authorizations_for_holder",
    "license_get_for_holder",
    "license_pdf_for_holder",
    "license_pdf_for_staff",
    "license_qr_svg_for_holder",
    "license_reusable",
    "license_use_authorize",
    "license_use_revoke",
    "licenses_authorized_for",
    "sharing_call_log",
    "sharing_credential_issue",
    "sharing_credential_revoke",
    "sharing_credentials",
    "sharing_router",
    "wallet_licenses",
]
