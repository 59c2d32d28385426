"""The licences a case refers to, for the case page (免提交 references and 用证授权)."""

from __future__ import annotations

from typing import Any

from django import template

from govhall.core.contracts import SubjectRef
from govhall.licenses import facade as licenses

register = template.Library()


@register.simple_tag
def license_for_reference(identifier: str) -> Any:
    """The licence (masked contract) behind a material's reference, with its current status."""
    return licenses.license_get_by_identifier(identifier=identifier) if identifier else None


@register.simple_tag
def licenses_authorized_for_case(case: Any) -> list[Any]:
    """Licences the holder authorised for this case and still in force."""
    return licenses.licenses_authorized_for(subject=SubjectRef("case", str(case.pk)))
