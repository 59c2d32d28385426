"""Licence sharing API for other departments' systems: /api/v1/sharing/licenses/… (read-only).

Authentication: ``Authorization: Bearer ghs_<key_id>.<secret>`` — one credential per department
system (``govhall license_sharing_credential issue``). Both operations are POST so that ID numbers
and purposes travel in the body, never in a URL or an access log; neither changes any licence.
Every call, allowed or refused, is logged with the department and the stated purpose.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.security.http import HttpAuthBase

from govhall.core.facade import RateLimited, rate_limit_check
from govhall.licenses import sharing
from govhall.licenses.contracts import LicenseInfo

RATE_LIMIT_PURPOSE = "license_sharing"


def _request_id(request: HttpRequest) -> str:
    return str(getattr(request, "request_id", "") or "")


class DepartmentCredentialAuth(HttpAuthBase):
    """Bearer token of a department system. Unlike ninja's ``HttpBearer`` it never logs the
    header and answers every refusal as problem+json with a stable code (401 / 403)."""

    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> Any:
        operation = sharing.Operation.DOWNLOAD if request.path.rstrip("/").endswith("download") else "query"
        context = sharing.CallContext(operation=operation, request_id=_request_id(request))
        try:
            rate_limit_check(purpose=RATE_LIMIT_PURPOSE, request=request)
        except RateLimited as error:
            sharing.sharing_log_refusal(context=context, error=error, outcome=sharing.Outcome.RATE_LIMITED)
            raise
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        return sharing.sharing_authenticate(
            token=token.strip() if scheme.lower() == "bearer" else None, context=context
        )


router = Router(tags=["licence sharing (证照共享)"], auth=DepartmentCredentialAuth())


# Fields default to "" so that a missing one reaches the service, which refuses it with a stable
# code *and logs the call* (a schema error would be answered before anything is logged).
class QueryIn(Schema):
    purpose: str = ""
    id_number: str = ""
    credit_code: str = ""


class SharedLicenseOut(Schema):
    identifier: str
    type_code: str
    type_catalog_code: str
    type_name: str
    holder_kind: str
    holder_name_masked: str
    holder_id_masked: str
    status: str
    status_label: str
    issued_on: dt.date
    valid_from: dt.date
    valid_until: dt.date | None
    issuer_name: str
    version: int
    replaced_by: str


class QueryOut(Schema):
    count: int
    licenses: list[SharedLicenseOut]


class DownloadIn(Schema):
    identifier: str = ""
    purpose: str = ""


def _out(info: LicenseInfo) -> dict[str, Any]:
    return {
        "identifier": info.identifier,
        "type_code": info.type_code,
        "type_catalog_code": info.type_catalog_code,
        "type_name": info.type_name,
        "holder_kind": info.holder_kind,
        "holder_name_masked": info.holder_name_masked,
        "holder_id_masked": info.holder_id_masked,
        "status": info.status,
        "status_label": info.status_label,
        "issued_on": info.issued_on,
        "valid_from": info.valid_from,
        "valid_until": info.valid_until,
        "issuer_name": info.issuer_name,
        "version": info.version,
        "replaced_by": info.replaced_by,
    }


@router.post(
    "/query",
    response=QueryOut,
    summary="A holder's licences by ID number or unified social credit code (masked)",
)
def query(request: HttpRequest, body: QueryIn) -> dict[str, Any]:
    found = sharing.sharing_query(
        credential=request.auth,  # type: ignore[attr-defined]
        purpose=body.purpose,
        id_number=body.id_number,
        credit_code=body.credit_code,
        request_id=_request_id(request),
    )
    return {"count": len(found), "licenses": [_out(info) for info in found]}


@router.post(
    "/download",
    summary="The signed PDF of a licence by its identifier",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "application/pdf", "content": {"application/pdf": {}}}}},
)
def download(request: HttpRequest, body: DownloadIn) -> HttpResponse:
    pdf, info = sharing.sharing_download(
        credential=request.auth,  # type: ignore[attr-defined]
        identifier=body.identifier,
        purpose=body.purpose,
        request_id=_request_id(request),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{info.identifier}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
