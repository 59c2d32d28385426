"""Presentation helpers for the applicant's pages (网上申请、我的办件)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from govhall.cases.facade import CaseStatus

register = template.Library()

# Bootstrap badge styles with AA contrast; the label always carries the meaning, never the colour.
_BADGE = {
    CaseStatus.DRAFT: "text-bg-light border",
    CaseStatus.SUBMITTED: "text-bg-primary",
    CaseStatus.SUPPLEMENT_REQUESTED: "text-bg-warning",
    CaseStatus.REFUSED: "text-bg-danger",
    CaseStatus.IN_REVIEW: "text-bg-primary",
    CaseStatus.SUSPENDED: "text-bg-secondary",
    CaseStatus.DECIDED: "text-bg-success",
    CaseStatus.COMPLETED: "text-bg-success",
    CaseStatus.WITHDRAWN: "text-bg-secondary",
}


@register.simple_tag
def case_status_badge(status: Any) -> SafeString:
    """The status of a case as a badge: ``<span class="badge …" data-status="…">待补正</span>``."""
    try:
        known = CaseStatus(str(status))
    except ValueError:
        return format_html('<span class="badge text-bg-light border">{}</span>', status)
    return format_html(
        '<span class="badge case-status {}" data-status="{}" data-testid="case-status">{}</span>',
        _BADGE.get(known, "text-bg-light border"),
        known.value,
        known.label,
    )
