"""Navigation helper: show "统一身份认证接入" to system administrators (the pages enforce it)."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.accounts.facade import Role, user_has_role

register = template.Library()


@register.simple_tag
def can_manage_oidc(user: Any) -> bool:
    if not (user.is_authenticated and getattr(user, "is_staff_member", False)):
        return False
    return bool(user_has_role(user=user, role=Role.SYSTEM_ADMIN))
