"""The public face of cases for the UIs and higher layers."""

from __future__ import annotations

from govhall.cases.access import case_get_for_applicant, case_get_for_staff, staff_departments
from govhall.cases.constants import ApplicantKind, CaseStatus, Decision, SuspensionReason
from govhall.cases.contracts import CaseInfo, MaterialResolution
from govhall.cases.routing import has_process, open_items
from govhall.cases.selectors import case_timeline, cases_for_applicant, department_cases
from govhall.cases.services import (
    case_accept,
    case_complete,
    case_deadline_sweep,
    case_decide,
    case_draft_save,
    case_extend,
    case_info,
    case_intake,
    case_material_remove,
    case_material_upload,
    case_refuse,
    case_request_supplement,
    case_resubmit,
    case_resume,
    case_review,
    case_submit,
    case_suspend,
    case_withdraw,
    missing_materials,
)

__all__ = [
    "ApplicantKind",
    "CaseInfo",
    "CaseStatus",
    "Decision",
    "MaterialResolution",
    "SuspensionReason",
    "case_accept",
    "case_complete",
    "case_deadline_sweep",
    "case_decide",
    "case_draft_save",
    "case_extend",
    "case_get_for_applicant",
    "case_get_for_staff",
    "case_info",
    "case_intake",
    "case_material_remove",
    "case_material_upload",
    "case_refuse",
    "case_request_supplement",
    "case_resubmit",
    "case_resume",
    "case_review",
    "case_submit",
    "case_suspend",
    "case_timeline",
    "case_withdraw",
    "cases_for_applicant",
    "department_cases",
    "has_process",
    "missing_materials",
    "open_items",
    "staff_departments",
]
