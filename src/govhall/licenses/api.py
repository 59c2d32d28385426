"""Public licence verification API: /api/v1/licenses/… (no login; masked data only)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema

from govhall.core.facade import rate_limit_check
from govhall.licenses import selectors, signing
from govhall.licenses.contracts import VerificationResult

router = Router(tags=["licenses"])


class VerificationOut(Schema):
    found: bool
    authentic: bool
    status: str
    status_label: str
    identifier: str
    type_name: str
    holder_name_masked: str
    holder_id_masked: str
    issuer_name: str
    issued_on: dt.date | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    version: int
    replaced_by: str
    status_reason: str
    status_changed_at: dt.datetime | None
    payload_checked: bool


class VerifyQuery(Schema):
    identifier: str = ""


class PayloadIn(Schema):
    payload: str


class PayloadCheckOut(Schema):
    valid_signature: bool
    identifier: str
    issued_on: str
    valid_until: str
    holder_digest: str
    error: str
    verification: VerificationOut | None


class KeyOut(Schema):
    algorithm: str
    public_key: str
    user_id: str
    payload_format: str


def _out(result: VerificationResult) -> VerificationOut:
    return VerificationOut(**{name: getattr(result, name) for name in VerificationOut.model_fields})


@router.get(
    "/verify",
    response=VerificationOut,
    auth=None,
    summary="Verify a licence by its identifier (status: valid/expired/revoked/cancelled/replaced)",
)
def verify(request: HttpRequest, query: Query[VerifyQuery]) -> VerificationOut:
    rate_limit_check(purpose="license_verify", request=request)
    return _out(selectors.license_verify(identifier=query.identifier[:200]))


@router.post(
    "/verify-payload",
    response=PayloadCheckOut,
    auth=None,
    summary="Check a scanned QR payload: the SM2 signature offline, then the licence's current status",
)
def verify_payload(request: HttpRequest, body: PayloadIn) -> PayloadCheckOut:
    rate_limit_check(purpose="license_verify", request=request)
    check = selectors.qr_payload_check(payload=body.payload)
    verification = _out(selectors.license_verify(payload=body.payload)) if check.valid_signature else None
    return PayloadCheckOut(
        valid_signature=check.valid_signature,
        identifier=check.identifier,
        issued_on=check.issued_on,
        valid_until=check.valid_until,
        holder_digest=check.holder_digest,
        error=check.error,
        verification=verification,
    )


@router.get("/verification-key", response=KeyOut, auth=None, summary="The SM2 public key for offline QR checks")
def verification_key(request: HttpRequest) -> KeyOut:
    return KeyOut(
        algorithm="SM2/SM3",
        public_key="04" + signing.sm2_public_key(),
        user_id="1234567812345678",
        payload_format="GHL1~identifier~issued(yyyymmdd)~valid_until(yyyymmdd|0)~holder_tag~base64url(r||s)",
    )
