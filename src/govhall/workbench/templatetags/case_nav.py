"""Navigation for cases (办件) in the workbench base template; the pages enforce access again."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.accounts.facade import Role, role_pairs

register = template.Library()

CASE_ROLES = frozenset({Role.WINDOW_CLERK, Role.REVIEWER, Role.DECIDER, Role.DEPARTMENT_ADMIN})


@register.simple_tag
def case_nav(user: Any) -> dict[str, bool]:
    """``{"cases": …, "intake": …}``: show "办件" to staff holding a case role, "窗口受理" to window clerks."""
    if not (user.is_authenticated and getattr(user, "is_staff_member", False)):
        return {"cases": False, "intake": False}
    roles = {role for _department, role in role_pairs(user=user)}
    return {"cases": bool(roles & CASE_ROLES), "intake": Role.WINDOW_CLERK in roles}
