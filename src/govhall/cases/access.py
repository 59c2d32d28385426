"""Gatekeepers: the only way views load a case. Missing and forbidden look the same (NotFound)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from govhall.accounts.facade import role_pairs, user_roles
from govhall.cases import routing
from govhall.cases.constants import CaseKind
from govhall.cases.models import Case
from govhall.core.facade import NotFound

# Staff who act on cases in their department (受理、审查、决定); supervisors watch every case.
CASE_STAFF_ROLES = frozenset({"window_clerk", "reviewer", "decider", "department_admin"})
WATCH_ALL_ROLES = frozenset({"supervisor"})


def _not_found() -> NotFound:
    return NotFound(_("办件不存在。"), code="case.not_found")


def case_get_for_applicant(*, user: Any, case_id: int) -> Case:
    """The applicant's own case (the account that applied)."""
    case = Case.objects.select_related("item_version", "department").filter(pk=case_id).first()
    if case is None or not getattr(user, "is_authenticated", False) or case.applicant_user_id != user.pk:
        raise _not_found()
    return case


def staff_departments(*, user: Any, roles: Iterable[str] = CASE_STAFF_ROLES) -> set[int]:
    wanted = set(roles)
    return {department_id for department_id, role in role_pairs(user=user) if role in wanted}


def case_get_for_staff(*, user: Any, case_id: int, roles: Iterable[str] = CASE_STAFF_ROLES) -> Case:
    """A case of a department where the staff member holds one of ``roles`` (supervisors: any)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_staff_member", False):
        raise _not_found()
    case = Case.objects.select_related("item_version", "department").filter(pk=case_id).first()
    if case is None or case.status == "draft":
        raise _not_found()
    assignments = list(user_roles(user=user))
    if any(a.role in WATCH_ALL_ROLES for a in assignments) and set(roles) == set(CASE_STAFF_ROLES):
        return case
    allowed = {a.department_id for a in assignments if a.role in set(roles)}
    if case.department_id not in allowed and not (
        # [bundles] staff of a department reviewing a 一件事 in parallel may load the bundle case
        (case.kind == CaseKind.BUNDLE and case.children.filter(department_id__in=allowed).exists())
        # … and the lead department may load every item (child case) of its bundles
        or (case.kind == CaseKind.CHILD and case.parent is not None and case.parent.department_id in allowed)
    ):
        raise _not_found()
    return case


def case_material_get_for_applicant(*, user: Any, case_id: int, material_id: int) -> Any:
    """An uploaded file of the applicant's own case (for download), else NotFound."""
    case = case_get_for_applicant(user=user, case_id=case_id)
    material = case.materials.filter(pk=material_id).exclude(file_key="").first()
    if material is None:
        raise _not_found()
    return material


def case_material_get_for_staff(*, user: Any, case_id: int, material_id: int) -> Any:
    case = case_get_for_staff(user=user, case_id=case_id)
    material = case.materials.filter(pk=material_id).exclude(file_key="").first()
    if material is None:
        raise _not_found()
    return material


def work_item_for_staff(*, user: Any, case: Case, work_item_id: int) -> Any:
    """An open review step of ``case`` that ``user`` may do: they hold the step's role in the
    step's department. The decision step is not a review (``case_decide`` finishes it)."""
    pairs = set(role_pairs(user=user))
    item = next((i for i in routing.open_items(case) if i.pk == work_item_id), None)
    if item is None or item.role == "decider" or (item.department_id, item.role) not in pairs:
        raise NotFound(_("该待办事项不存在或已办理。"), code="case.work_item_not_found")
    return item
