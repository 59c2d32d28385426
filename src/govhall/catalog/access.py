"""Gatekeepers for catalogue administration: who may manage which items.

A catalog admin (事项管理员) manages every item; a department admin manages the items of the
departments where they hold that role. Anything else — including an item outside those
departments — is ``NotFound``, the same answer as for a missing item (STYLE.md rule 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from govhall.accounts.facade import Role, user_roles
from govhall.catalog.models import ServiceItem, ServiceItemVersion
from govhall.catalog.selectors import item_by_code, version_with_children
from govhall.core.facade import NotFound


@dataclass(frozen=True, slots=True)
class CatalogScope:
    """Which departments' items a staff member manages (``department_ids=None``: all)."""

    department_ids: frozenset[int] | None
    role: str

    def allows(self, department_id: int) -> bool:
        return self.department_ids is None or department_id in self.department_ids

    @property
    def is_empty(self) -> bool:
        return self.department_ids is not None and not self.department_ids


def catalog_admin_scope(*, user: Any) -> CatalogScope:
    assignments = list(user_roles(user=user)) if getattr(user, "is_authenticated", False) else []
    if any(a.role == Role.CATALOG_ADMIN for a in assignments):
        return CatalogScope(department_ids=None, role=Role.CATALOG_ADMIN)
    return CatalogScope(
        department_ids=frozenset(a.department_id for a in assignments if a.role == Role.DEPARTMENT_ADMIN),
        role=Role.DEPARTMENT_ADMIN,
    )


def _not_found() -> NotFound:
    return NotFound(_("事项不存在，或不属于您管理的部门。"), code="catalog.item_not_found")


def service_item_get_for_admin(*, user: Any, code: str) -> ServiceItem:
    scope = catalog_admin_scope(user=user)
    item = item_by_code(code=code)
    if item is None or scope.is_empty or not scope.allows(item.department_id):
        raise _not_found()
    return item


def version_get_for_admin(*, user: Any, version_id: int) -> ServiceItemVersion:
    scope = catalog_admin_scope(user=user)
    version = version_with_children(version_id=version_id)
    if version is None or scope.is_empty or not scope.allows(version.service_item.department_id):
        raise _not_found()
    return version
