"""Navigation helper for the licence management pages (the pages enforce their rules again)."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.accounts.facade import user_has_role
from govhall.licenses.facade import LICENSE_MANAGER_ROLES

register = template.Library()


@register.simple_tag
def can_manage_licenses(user: Any) -> bool:
    if not (user.is_authenticated and getattr(user, "is_staff_member", False)):
        return False
    return any(user_has_role(user=user, role=role) for role in LICENSE_MANAGER_ROLES)
