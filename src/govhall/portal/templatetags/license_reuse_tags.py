"""免提交 on the application form: the licence that will stand in for a material."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.licenses import facade as licenses

register = template.Library()


@register.simple_tag
def material_reuse(case: Any, row: Any) -> Any:
    """The applicant's valid licence that satisfies ``row``'s requirement (``ReusableLicense``),
    when nothing has been uploaded for it yet — the same licence submission will attach."""
    requirement = getattr(row, "requirement", None)
    code = getattr(requirement, "satisfied_by_license_type", "") if requirement is not None else ""
    if not code or getattr(row, "files", None):
        return None
    holder_id = case.applicant_organization_id or case.applicant_person_id
    return licenses.license_reusable(type_code=code, holder_kind=case.applicant_kind, holder_id=holder_id)
