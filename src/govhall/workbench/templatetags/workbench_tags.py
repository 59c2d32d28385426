"""Navigation helpers for the workbench templates."""

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
