"""Navigation helpers for the staff security pages (the pages enforce their rules again)."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.accounts.facade import Role, user_has_role

register = template.Library()


@register.simple_tag
def security_nav(user: Any) -> dict[str, bool]:
    if not (user.is_authenticated and getattr(user, "is_staff_member", False)):
        return {"security_admin": False, "window_clerk": False}
    return {
        "security_admin": bool(user_has_role(user=user, role=Role.SECURITY_ADMIN)),
        "window_clerk": bool(user_has_role(user=user, role=Role.WINDOW_CLERK)),
    }
