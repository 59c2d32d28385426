"""Gatekeepers: the only way to load a work item for a person, and the process-admin check.

A work item belongs to (department, role): only active staff holding that role in that
department may see or act on it. Everyone else gets the same ``NotFound`` as for a missing item.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from govhall.accounts.facade import UserKind, user_has_role
from govhall.core.contracts import Actor
from govhall.core.facade import CompiledQuery, NotFound, PermissionDenied
from govhall.workflow.constants import PROCESS_ADMIN_ROLES
from govhall.workflow.models import WorkItem

# Both are read by every completion of a work item: compiled once per process (core/compiled.py).
_ACTIVE_STAFF = CompiledQuery(
    lambda user_id: (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True, kind=UserKind.STAFF)
        .only("id", "is_active")
        .order_by("pk")
    ),
    params=(int,),
)
_WORK_ITEM = CompiledQuery(lambda work_item_id: WorkItem.objects.filter(pk=work_item_id), params=(int,))


def _active_staff(user_id: int | None) -> Any:
    if user_id is None:
        return None
    return _ACTIVE_STAFF.first(int(user_id))


def _not_found() -> NotFound:
    return NotFound(_("待办事项不存在，或您无权办理。"), code="workflow.work_item_not_found")


def work_item_get_for_staff(*, actor: Actor, work_item_id: int) -> WorkItem:
    """The work item, if ``actor`` holds its role in its department; ``NotFound`` otherwise."""
    valid = isinstance(work_item_id, int) and not isinstance(work_item_id, bool)
    item = _WORK_ITEM.first(work_item_id) if valid else None
    if item is None:
        raise _not_found()
    user = _active_staff(actor.user_id)
    if user is None or not user_has_role(user=user, role=item.role, department_id=item.department_id):
        raise _not_found()
    return item


def can_work_on(*, user_id: int | None, department_id: int, role: str) -> bool:
    user = _active_staff(user_id)
    return user is not None and user_has_role(user=user, role=role, department_id=department_id)


def require_process_admin(actor: Actor) -> None:
    """Allow the system actor (CLI, demo) and active staff holding a process-admin role."""
    if actor.user_id is None:
        return
    user = _active_staff(actor.user_id)
    if user is None or not any(user_has_role(user=user, role=role) for role in sorted(PROCESS_ADMIN_ROLES)):
        raise PermissionDenied(
            _("只有事项管理员可以上传或安装审批流程，请联系本级政务服务管理机构。"), code="workflow.upload_forbidden"
        )
