"""Presentation helpers for the service guide pages."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_NOT_MARK_TAG = re.compile(r"<(?!/?mark>)")


@register.filter
def highlighted(value: Any) -> SafeString:
    """Search highlights as HTML, keeping only ``<mark>``/``</mark>``.

    The search module promises escaped text with ``<mark>`` tags; any other ``<`` is neutralised
    here anyway, so a catalogue entry can never inject markup through a highlight.
    """
    return mark_safe(_NOT_MARK_TAG.sub("&lt;", str(value or "")))  # noqa: S308 - every other tag escaped above


@register.simple_tag
def depth_stars(depth: int | None, label: str) -> str:
    """办理深度 as five stars (decoration) followed by the configured label (the information)."""
    if not depth:
        return ""
    return format_html(
        '<span class="depth" data-depth="{}"><span class="depth-stars" aria-hidden="true">{}'
        '<span class="depth-empty">{}</span></span> <span class="depth-label">{}</span></span>',
        depth,
        "★" * depth,
        "☆" * (5 - depth),
        label,
    )
