"""Navigation helpers and small filters for the workbench templates."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.accounts.facade import Role, user_has_role

register = template.Library()

CATALOG_ROLES = (Role.CATALOG_ADMIN, Role.DEPARTMENT_ADMIN)


@register.simple_tag
def can_manage_catalog(user: Any) -> bool:
    """Show "事项管理" to catalog admins and department admins (the pages enforce it again)."""
    if not (user.is_authenticated and getattr(user, "is_staff_member", False)):
        return False
    return any(user_has_role(user=user, role=role) for role in CATALOG_ROLES)


@register.simple_tag
def can_manage_processes(user: Any) -> bool:
    """Show "审批流程" to catalog admins, who install review processes (the pages enforce it)."""
    if not (user.is_authenticated and getattr(user, "is_staff_member", False)):
        return False
    return bool(user_has_role(user=user, role=Role.CATALOG_ADMIN))


# The badge colour of each case status (办件状态), for workbench/cases/_status.html and the
# worklist's rows (which inline the badge: 30 includes a page).
CASE_STATUS_BADGE = {
    "submitted": "text-bg-primary",
    "supplement_requested": "text-bg-warning",
    "in_review": "text-bg-info",
    "suspended": "text-bg-secondary",
    "decided": "text-bg-success",
    "completed": "text-bg-success",
    "refused": "text-bg-danger",
}


@register.filter
def case_status_badge(status: str) -> str:
    return CASE_STATUS_BADGE.get(status, "text-bg-light border")
