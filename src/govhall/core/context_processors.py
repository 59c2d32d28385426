from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, str]:
    return {"platform_name": str(settings.GOVHALL_PLATFORM_NAME)}
