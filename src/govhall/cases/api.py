"""Cases API: /api/v1/cases/… — the same operations as the portal and workbench.

Session authentication (cookie + CSRF). Create, submit and decide accept an ``Idempotency-Key``
header: a retry with the same key returns the first result instead of acting twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import SessionAuth

from govhall.cases import access, bundles, selectors, services
from govhall.cases.constants import CaseStatus
from govhall.cases.models import Case
from govhall.core.contracts import Actor
from govhall.core.facade import ValidationFailed

router = Router(tags=["cases"], auth=SessionAuth())
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


class DraftIn(Schema):
    item_code: str
    form_data: dict[str, Any] = {}
    applicant_kind: str = "person"
    organization_id: int | None = None


class DraftUpdateIn(Schema):
    form_data: dict[str, Any]


class MaterialOut(Schema):
    id: int
    requirement_id: int
    source: str
    display_name: str
    content_type: str
    size: int
    sm3: str


class EventOut(Schema):
    at: dt.datetime
    kind: str
    from_status: str
    to_status: str
    note: str


class CaseOut(Schema):
    id: int
    number: str | None
    kind: str
    bundle_code: str
    status: str
    status_label: str
    item_code: str
    item_name: str
    item_version: int
    department: str
    applicant_name: str
    submitted_at: dt.datetime | None
    acceptance_due: dt.date | None
    accepted_at: dt.datetime | None
    deemed_accepted: bool
    statutory_due: dt.date | None
    promised_due: dt.date | None
    overdue: bool
    decision: str
    decision_reason: str
    decision_legal_basis: str
    refusal_reason: str
    refusal_legal_basis: str


class ChildOut(CaseOut):
    """One item (child case) of a 一件事, with its materials."""

    materials: list[MaterialOut]


class CaseDetailOut(CaseOut):
    form_data: dict[str, Any]
    materials: list[MaterialOut]
    timeline: list[EventOut]
    children: list[ChildOut] = []


class BundleDraftIn(Schema):
    form_data: dict[str, Any] = {}
    applicant_kind: str = "person"
    organization_id: int | None = None


class ReviewIn(Schema):
    work_item_id: int
    opinion: str
    recommendation: str = "approve"


class WithdrawIn(Schema):
    reason: str = ""


class RefuseIn(Schema):
    reason: str
    legal_basis: str


class SupplementItemIn(Schema):
    name: str
    note: str = ""
    requirement_id: int | None = None


class SupplementIn(Schema):
    items: list[SupplementItemIn]
    note: str = ""


class DecideIn(Schema):
    decision: str
    reason: str
    legal_basis: str = ""


def _out(case: Case, *, detail: bool = False) -> dict[str, Any]:
    version = case.item_version
    data: dict[str, Any] = {
        "id": case.pk,
        "number": case.number,
        "status": case.status,
        "status_label": str(CaseStatus(case.status).label),
        "kind": case.kind,
        "bundle_code": case.bundle.code if case.bundle is not None else "",
        "item_code": version.service_item.code if version else "",
        "item_name": version.name if version else (case.bundle.name if case.bundle is not None else ""),
        "item_version": version.version if version else 0,
        "department": case.department.name,
        "applicant_name": case.applicant_name,
        **{
            name: getattr(case, name)
            for name in (
                "submitted_at",
                "acceptance_due",
                "accepted_at",
                "deemed_accepted",
                "statutory_due",
                "promised_due",
                "overdue",
                "decision",
                "decision_reason",
                "decision_legal_basis",
                "refusal_reason",
                "refusal_legal_basis",
            )
        },
    }
    if detail:
        data["form_data"] = case.form_data
        data["materials"] = selectors.case_material_rows(case_id=case.pk)
        data["timeline"] = selectors.case_timeline_rows(case_id=case.pk)
        data["children"] = [
            {**_out(child), "materials": selectors.case_material_rows(case_id=child.pk)}
            for child in bundles.bundle_children(case)
        ]
    return data


def _idempotency_key(request: HttpRequest) -> str | None:
    key = request.headers.get("Idempotency-Key")
    return key.strip() if key else None


@router.get("", response=list[CaseOut], summary="My cases (the signed-in applicant's)")
def my_cases(request: HttpRequest) -> list[dict[str, Any]]:
    return [_out(c) for c in selectors.cases_for_applicant(user=request.user)[:200]]


@router.post("/drafts", response={201: CaseDetailOut}, summary="Start a draft application")
def draft_create(request: HttpRequest, payload: DraftIn) -> Status:
    case = services.case_draft_save(
        user=request.user,
        item_code=payload.item_code,
        form_data=payload.form_data,
        applicant_kind=payload.applicant_kind,
        organization_id=payload.organization_id,
        idempotency_key=_idempotency_key(request),
    )
    return Status(201, _out(case, detail=True))


@router.put("/drafts/{case_id}", response=CaseDetailOut, summary="Save a draft's form")
def draft_update(request: HttpRequest, case_id: int, payload: DraftUpdateIn) -> dict[str, Any]:
    access.case_get_for_applicant(user=request.user, case_id=case_id)
    case = services.case_draft_save(user=request.user, item_code="", form_data=payload.form_data, case_id=case_id)
    return _out(case, detail=True)


@router.post("/drafts/{case_id}/materials/{requirement_id}", response={201: MaterialOut}, summary="Upload a material")
def material_upload(request: HttpRequest, case_id: int, requirement_id: int, file: File[UploadedFile]) -> Status:
    access.case_get_for_applicant(user=request.user, case_id=case_id)
    if (file.size is not None and file.size > MAX_UPLOAD_BYTES) or file.file is None:
        raise ValidationFailed(_("文件过大或为空。"), code="file.too_large", status=413)
    material = services.case_material_upload(
        user=request.user, case_id=case_id, requirement_id=requirement_id, stream=file.file, filename=file.name or ""
    )
    return Status(201, material)


@router.post("/{case_id}/submit", response=CaseDetailOut, summary="Submit (Idempotency-Key supported)")
def submit(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = services.case_submit(user=request.user, case_id=case_id, idempotency_key=_idempotency_key(request))
    return _out(case, detail=True)


@router.post("/bundles/{code}/drafts", response={201: CaseDetailOut}, summary="Start a 一件事 draft (one form)")
def bundle_draft_create(request: HttpRequest, code: str, payload: BundleDraftIn) -> Status:
    case = bundles.case_bundle_draft_save(
        user=request.user,
        bundle_code=code,
        form_data=payload.form_data,
        applicant_kind=payload.applicant_kind,
        organization_id=payload.organization_id,
    )
    return Status(201, _out(case, detail=True))


@router.put("/bundles/drafts/{case_id}", response=CaseDetailOut, summary="Save a 一件事 draft's combined form")
def bundle_draft_update(request: HttpRequest, case_id: int, payload: DraftUpdateIn) -> dict[str, Any]:
    access.case_get_for_applicant(user=request.user, case_id=case_id)
    case = bundles.case_bundle_draft_save(
        user=request.user, bundle_code="", form_data=payload.form_data, case_id=case_id
    )
    return _out(case, detail=True)


@router.post("/bundles/{case_id}/submit", response=CaseDetailOut, summary="Submit a 一件事 (Idempotency-Key supported)")
def bundle_submit(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = bundles.case_bundle_submit(user=request.user, case_id=case_id, idempotency_key=_idempotency_key(request))
    return _out(case, detail=True)


@router.get("/{case_id}", response=CaseDetailOut, summary="One of my cases, with timeline")
def case_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _out(access.case_get_for_applicant(user=request.user, case_id=case_id), detail=True)


@router.post("/{case_id}/withdraw", response=CaseOut, summary="Withdraw before the decision")
def withdraw(request: HttpRequest, case_id: int, payload: WithdrawIn) -> dict[str, Any]:
    access.case_get_for_applicant(user=request.user, case_id=case_id)
    return _out(services.case_withdraw(user=request.user, case_id=case_id, reason=payload.reason))


@router.post("/{case_id}/resubmit", response=CaseOut, summary="Answer a supplement notice")
def resubmit(request: HttpRequest, case_id: int) -> dict[str, Any]:
    access.case_get_for_applicant(user=request.user, case_id=case_id)
    return _out(services.case_resubmit(user=request.user, case_id=case_id))


# --- staff ----------------------------------------------------------------------------------


def _staff_case(request: HttpRequest, case_id: int, role: str) -> tuple[Case, Actor]:
    case = access.case_get_for_staff(user=request.user, case_id=case_id, roles={role})
    return case, Actor(user_id=request.user.pk, role=role, department_id=case.department_id)


@router.post("/{case_id}/accept", response=CaseOut, summary="受理 (window clerk)")
def accept(request: HttpRequest, case_id: int) -> dict[str, Any]:
    _case, actor = _staff_case(request, case_id, "window_clerk")
    return _out(services.case_accept(actor=actor, case_id=case_id))


@router.post("/{case_id}/refuse", response=CaseOut, summary="不予受理 (window clerk)")
def refuse(request: HttpRequest, case_id: int, payload: RefuseIn) -> dict[str, Any]:
    _case, actor = _staff_case(request, case_id, "window_clerk")
    return _out(
        services.case_refuse(actor=actor, case_id=case_id, reason=payload.reason, legal_basis=payload.legal_basis)
    )


@router.post("/{case_id}/supplement", response=CaseOut, summary="一次性告知补正 (window clerk)")
def supplement(request: HttpRequest, case_id: int, payload: SupplementIn) -> dict[str, Any]:
    _case, actor = _staff_case(request, case_id, "window_clerk")
    items = [item.dict() for item in payload.items]
    return _out(services.case_request_supplement(actor=actor, case_id=case_id, items=items, note=payload.note))


@router.post("/{case_id}/review", response=CaseOut, summary="审查意见 on an open review step (reviewer)")
def review(request: HttpRequest, case_id: int, payload: ReviewIn) -> dict[str, Any]:
    """Finish one open review step of the case's process. The step names its department and role:
    the caller must hold that role there (for a 一件事, each item's department reviews in parallel)."""
    case = access.case_get_for_staff(user=request.user, case_id=case_id)
    item = access.work_item_for_staff(user=request.user, case=case, work_item_id=payload.work_item_id)
    actor = Actor(user_id=request.user.pk, role=item.role, department_id=item.department_id)
    return _out(
        services.case_review(
            actor=actor,
            case_id=case.pk,
            work_item_id=item.pk,
            opinion=payload.opinion,
            recommendation=payload.recommendation,
        )
    )


@router.post("/{case_id}/decide", response=CaseOut, summary="作出决定 (decider; Idempotency-Key supported)")
def decide(request: HttpRequest, case_id: int, payload: DecideIn) -> dict[str, Any]:
    _case, actor = _staff_case(request, case_id, "decider")
    decided = services.case_decide(
        actor=actor,
        case_id=case_id,
        decision=payload.decision,
        reason=payload.reason,
        legal_basis=payload.legal_basis,
        idempotency_key=_idempotency_key(request),
    )
    return _out(decided)
