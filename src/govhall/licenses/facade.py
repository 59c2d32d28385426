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
from govhall.licenses.contracts import LicenseInfo, LicenseTypeInfo, QrPayloadCheck, VerificationResult
from govhall.licenses.selectors import (
    license_for_source,
    license_get,
    license_get_by_identifier,
    license_list_for_holder,
    license_pdf,
    license_qr_svg,
    license_status,
    license_type_get,
    license_type_list,
    license_verify,
    qr_payload_check,
)
from govhall.licenses.services import (
    license_cancel,
    license_issue,
    license_reminder_sweep,
    license_replace,
    license_revoke_confirm,
    license_revoke_request,
    license_revoke_withdraw,
    license_sign,
    license_type_save,
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
    "RevocationStatus",
    "ValidityUnit",
    "VerificationResult",
    "license_cancel",
    "license_for_source",
    "license_get",
    "license_get_by_identifier",
    "license_issue",
    "license_list_for_holder",
    "license_pdf",
    "license_qr_svg",
    "license_reminder_sweep",
    "license_replace",
    "license_revoke_confirm",
    "license_revoke_request",
    "license_revoke_withdraw",
    "license_sign",
    "license_status",
    "license_type_get",
    "license_type_list",
    "license_type_save",
    "license_verify",
    "mask_credit_code",
    "mask_name",
    "qr_payload_check",
]
