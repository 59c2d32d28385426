"""Navigation helper: show "证照共享接入" to data-sharing administrators (the pages enforce it)."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.accounts.facade import Role, user_has_role

register = template.Library()


@register.simple_tag
def can_manage_sharing(user: Any) -> bool:
    if not (user.is_authenticated and getattr(user, "is_staff_member", False)):
        return False
    return bool(user_has_role(user=user, role=Role.DATA_SHARING_ADMIN))
