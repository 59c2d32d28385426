"""Gatekeepers: the only way staff load a licence to manage it. A licence of a department where
the user holds no licence-managing role answers "not found", exactly like a missing one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from govhall.accounts.facade import user_roles
from govhall.core.facade import NotFound
from govhall.licenses.constants import LICENSE_MANAGER_ROLES
from govhall.licenses.models import License


def license_staff_departments(*, user: Any) -> set[int]:
    """Departments whose licences ``user`` may manage (decider / department admin)."""
    return {a.department_id for a in user_roles(user=user) if a.role in LICENSE_MANAGER_ROLES}


def license_get_for_staff(*, user: Any, license_id: int) -> License:
    """Raises ``NotFound`` (``license.not_found``) for a missing licence and for one issued by a
    department where ``user`` holds no licence-managing role."""
    departments = license_staff_departments(user=user)
    row = (
        License.objects.select_related("license_type", "issuer", "replaces")
        .filter(pk=license_id, issuer_id__in=departments)
        .first()
    )
    if row is None:
        raise NotFound(_("证照不存在，或不属于您所在部门。"), code="license.not_found")
    return row
