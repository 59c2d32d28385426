"""Frozen shapes other apps (cases, portal, workbench, sharing) receive from licenses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LicenseTypeInfo:
    id: int
    code: str  # the catalogue's symbolic code, e.g. "business_license"
    type_code: str  # GB/T 36904: authority credit code + 3 digits
    name: str
    holder_kind: str  # HolderKind
    validity: str  # human-readable rule, e.g. "5年" / "长期"
    issuing_department_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LicenseInfo:
    """One licence as others may see it. Holder data is masked; ``status`` is the effective status
    (``expired`` computed from ``valid_until``), ``stored_status`` the row's."""

    id: int
    identifier: str
    type_code: str
    type_catalog_code: str
    type_name: str
    holder_kind: str
    holder_person_id: int | None
    holder_organization_id: int | None
    holder_name_masked: str
    holder_id_masked: str
    status: str
    stored_status: str
    status_label: str
    issued_on: dt.date
    valid_from: dt.date
    valid_until: dt.date | None
    issuer_department_id: int
    issuer_name: str
    version: int
    replaces: str  # identifier of the licence this one replaced, "" if none
    replaced_by: str  # identifier of the licence that replaced this one, "" if none
    source: str  # "case:42" or ""
    has_pdf: bool


@dataclass(frozen=True, slots=True)
class VerificationResult:
    """What the public verification page/API show for an identifier or a QR payload."""

    found: bool
    authentic: bool  # identifier check + our record (+ QR signature when a payload was given)
    status: str  # EffectiveStatus value, or "" when not found
    status_label: str
    identifier: str
    type_name: str = ""
    holder_name_masked: str = ""
    holder_id_masked: str = ""
    issuer_name: str = ""
    issued_on: dt.date | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    version: int = 0
    replaced_by: str = ""
    status_reason: str = ""
    status_changed_at: dt.datetime | None = None
    payload_checked: bool = False  # a QR payload was given and its SM2 signature checked


@dataclass(frozen=True, slots=True)
class QrPayloadCheck:
    """Offline check of a QR payload: only the SM2 signature and the fields it covers."""

    valid_signature: bool
    identifier: str = ""
    type_code: str = ""
    issued_on: str = ""
    valid_until: str = ""
    holder_digest: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class RevocationInfo:
    id: int
    license_id: int
    status: str
    status_label: str
    reason: str
    legal_basis: str
    requested_by_id: int
    requested_by_name: str
    requested_at: dt.datetime
    confirmed_by_id: int | None
    confirmed_by_name: str
    confirmed_at: dt.datetime | None
