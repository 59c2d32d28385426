"""Frozen shapes other apps receive from cases (hooks, facades)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CaseInfo:
    """What a reaction to a case event (licence issuance, payment, evaluation …) needs to know."""

    case_id: int
    number: str
    status: str
    decision: str
    item_version_id: int | None
    service_item_code: str
    department_id: int
    applicant_user_id: int | None  # None for a walk-in applicant without an account
    applicant_kind: str
    applicant_person_id: int | None
    applicant_organization_id: int | None
    form_data: dict[str, object]
    decided_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class MaterialResolution:
    """A material satisfied without an upload: by a licence the applicant holds or shared data."""

    source: str  # MaterialSource.LICENSE or SHARED_DATA
    reference: str  # licence identifier or data-resource record reference
    label: str  # shown to applicant and staff, e.g. "电子营业执照（有效期至2030-01-01）"
