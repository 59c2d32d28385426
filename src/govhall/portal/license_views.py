"""Public licence verification (电子证照核验): anyone scans the QR code or types the identifier and
sees whether the licence is authentic and valid, expired, revoked, cancelled or replaced. Holder
data is masked; nothing personal is in the URL (the QR payload carries the identifier, dates and a
short holder digest only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from govhall.accounts.facade import public
from govhall.core.facade import rate_limit
from govhall.licenses import facade as licenses

STATUS_STYLE = {
    "valid": "success",
    "expired": "warning",
    "revoked": "danger",
    "cancelled": "secondary",
    "replaced": "info",
}


@public
@require_GET
@rate_limit("license_verify", methods=("GET",))
def license_verify(request: HttpRequest) -> HttpResponse:
    identifier = request.GET.get("identifier", "").strip()[:200]
    payload = request.GET.get("p", "").strip()[:600]
    result = None
    if payload:
        result = licenses.license_verify(payload=payload)
    elif identifier:
        result = licenses.license_verify(identifier=identifier)
    response = render(
        request,
        "portal/licenses/verify.html",
        {
            "identifier": identifier or (result.identifier if result else ""),
            "result": result,
            "from_qr": bool(payload),
            "style": STATUS_STYLE.get(result.status, "secondary") if result else "",
        },
    )
    response["Cache-Control"] = "no-store"  # a revocation must show at once
    response["X-Robots-Tag"] = "noindex"
    return response
