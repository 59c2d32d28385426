"""Response headers Django does not set itself (CSP comes from django-csp, the rest from
``SecurityMiddleware``): Permissions-Policy, Cross-Origin-Resource-Policy, and ``no-store`` on
personal pages. See docs/adr/0009-csp-and-hardening.md.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The OIDC authorisation endpoint answers the consent form with a redirect to the client's
# registered redirect URI on another origin; browsers apply form-action to that redirect.
_AUTHORIZE_PREFIX = "/o/authorize"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "GOVHALL_PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages of a signed-in person carry personal data: keep them out of shared caches.
            response.headers.setdefault("Cache-Control", "no-store, private")
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            # A view opted in to being framed by our own pages (material previews): keep the CSP
            # equivalent in step, otherwise frame-ancestors 'none' would still forbid it.
            response._csp_replace = {"frame-ancestors": ["'self'"]}  # type: ignore[attr-defined]
        if request.path.startswith(_AUTHORIZE_PREFIX):
            # Registered redirect URIs are checked by the OIDC provider itself.
            response._csp_update = {"form-action": ["https:"]}  # type: ignore[attr-defined]
        return response
