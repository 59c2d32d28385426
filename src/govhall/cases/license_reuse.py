"""免提交 with electronic licences: the material resolver that lets a licence the applicant holds
stand in for an upload, registered in ``CasesConfig.ready()``.

At submission ``case_submit`` asks every registered resolver for each requirement that has no
upload; this one answers with a reference to the applicant's valid licence of the requirement's
type (trust level A). The application form asks licences the same question
(``licenses.facade.license_reusable``, via the portal's ``material_reuse`` tag) to show the
material as already satisfied before submission.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from govhall.cases import hooks
from govhall.cases.constants import MaterialSource
from govhall.cases.contracts import MaterialResolution
from govhall.licenses import facade as licenses


def resolve_with_license(
    requirement: Any, applicant_user_id: int | None, applicant_kind: str, subject_id: int | None
) -> MaterialResolution | None:
    """A ``MaterialResolver`` (see ``cases.hooks``): the applicant's valid licence of the type the
    requirement names, or ``None``. The label is stored with the case, so it is kept in Chinese."""
    code = getattr(requirement, "satisfied_by_license_type", "") or ""
    if not code or subject_id is None:
        return None
    with translation.override("zh-hans"):
        found = licenses.license_reusable(type_code=code, holder_kind=applicant_kind, holder_id=subject_id)
    if found is None:
        return None
    return MaterialResolution(source=MaterialSource.LICENSE, reference=found.identifier, label=found.label)


def register() -> None:
    hooks.register_material_resolver(resolve_with_license)
