"""Authorised reveal of an applicant's personal data (查看完整身份信息), audited with a purpose.

Everywhere else ID numbers and phone numbers are masked. A window clerk, reviewer or decider of
the case's department who states why may see the applicant's full ID number or phone once; the
audit log records who, which case, which field and why. Attempts on cases the member cannot reach
are refused as "not found" and recorded as denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from govhall.accounts import facade as accounts
from govhall.cases import access
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    RESULT_DENIED,
    GovhallError,
    NotFound,
    ValidationFailed,
    audit_record,
    mask_id_number,
    mask_personal_text,
    mask_phone,
)

REVEAL_ROLES = frozenset({"window_clerk", "reviewer", "decider"})
REVEAL_FIELDS = ("id_number", "phone")
PURPOSE_MIN, PURPOSE_MAX = 4, 200


@dataclass(frozen=True)
class Revealed:
    field: str
    value: str
    masked: str


def _subject(case_id: int) -> SubjectRef:
    return SubjectRef("case", str(case_id))


def case_applicant_reveal(*, user: Any, case_id: int, field: str, purpose: str) -> Revealed:
    """The applicant's clear ``field`` (``id_number`` or ``phone``) for a staff member holding a
    reveal role in the case's department, after an audit event ``personal_data.reveal``.

    Raises ``NotFound`` (``case.not_found``; recorded as denied) when the case is out of reach,
    ``ValidationFailed`` for a missing purpose (``reveal.purpose``), an unknown field
    (``reveal.field``) or nothing to reveal (``reveal.nothing``).
    """
    if field not in REVEAL_FIELDS:
        raise ValidationFailed(_("请选择要查看的信息。"), code="reveal.field", field="field")
    purpose = " ".join((purpose or "").split())
    if not PURPOSE_MIN <= len(purpose) <= PURPOSE_MAX:
        raise ValidationFailed(
            _("请填写查看完整信息的事由（%(min)d至%(max)d个字），例如“窗口核验申请人身份”。"),
            code="reveal.purpose",
            field="purpose",
            params={"min": PURPOSE_MIN, "max": PURPOSE_MAX},
        )
    try:
        case = access.case_get_for_staff(user=user, case_id=case_id, roles=REVEAL_ROLES)
    except GovhallError:
        with transaction.atomic():
            audit_record(
                actor=Actor(user_id=getattr(user, "pk", None), role="staff"),
                action="personal_data.reveal",
                subject=_subject(case_id),
                result=RESULT_DENIED,
                detail={"field": field},
            )
        raise
    person = case.applicant_person
    value = accounts.person_personal_data(person_id=person.pk, field=field) if person is not None else ""  # type: ignore[arg-type]
    if not value:
        raise ValidationFailed(_("该申请人没有登记这项信息。"), code="reveal.nothing", field="field")
    role = next(
        (
            a.role
            for a in accounts.user_roles(user=user)
            if a.role in REVEAL_ROLES and a.department_id == case.department_id
        ),
        None,
    )
    if role is None:  # e.g. a department reviewing one item of a 一件事 led by another department
        audit_record(
            actor=Actor(user_id=user.pk, role="staff"),
            action="personal_data.reveal",
            subject=_subject(case.pk),
            result=RESULT_DENIED,
            detail={"field": field},
        )
        raise NotFound(_("办件不存在。"), code="case.not_found")
    with transaction.atomic():
        audit_record(
            actor=Actor(user_id=user.pk, role=role, department_id=case.department_id),
            action="personal_data.reveal",
            subject=_subject(case.pk),
            detail={"field": field, "purpose": mask_personal_text(purpose), "person": person.pk if person else None},
        )
    masked = mask_id_number(value) if field == "id_number" else mask_phone(value)
    return Revealed(field=field, value=value, masked=masked)
