from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses import signing
from govhall.licenses.models import License

from .conftest import actor_of

pytestmark = pytest.mark.django_db


def _payload(license_id):
    return License.objects.get(pk=license_id).qr_payload


def test_qr_payload_signature_checks_offline_and_tampering_is_rejected(signed_license):
    payload = _payload(signed_license.id)
    check = licenses.qr_payload_check(payload=payload)
    assert check.valid_signature and check.identifier == signed_license.identifier
    # verification with only the published public key (what an offline verifier has)
    assert signing.qr_payload_parse(payload, public_key=signing.sm2_public_key()).valid_signature

    body, signature = payload.rsplit("~", 1)
    later = body.replace(f"~{signed_license.valid_until:%Y%m%d}~", "~20991231~")
    assert later != body
    for tampered in (
        later + "~" + signature,  # extended validity
        body + "~" + ("A" if signature[0] != "A" else "B") + signature[1:],  # one signature character
        body[:-1] + ("0" if body[-1] != "0" else "1") + "~" + signature,  # holder tag
        "GHL1~x~y",
        "",
    ):
        assert not licenses.qr_payload_check(payload=tampered).valid_signature
        assert not licenses.license_verify(payload=tampered).authentic


def test_a_payload_signed_by_another_key_is_rejected(signed_license, tmp_path, settings):
    from gmssl import sm2

    private, public = signing.sm2_keypair_generate()
    body = _payload(signed_license.id).rsplit("~", 1)[0]
    forged = sm2.CryptSM2(private_key=private, public_key=public).sign_with_sm3(body.encode())
    payload = body + "~" + signing._b64(bytes.fromhex(forged))
    assert signing.qr_payload_parse(payload, public_key=public).valid_signature  # consistent with its own key
    assert not licenses.qr_payload_check(payload=payload).valid_signature


def test_qr_code_links_to_the_verification_page_with_the_payload(signed_license):
    import segno  # noqa: F401 - the QR is made by segno

    from govhall.licenses.documents import verify_url

    url = verify_url(_payload(signed_license.id))
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "zwfw.example.gov.cn", "/licenses/verify/")
    assert parse_qs(parts.query)["p"] == [_payload(signed_license.id)]
    assert licenses.license_qr_svg(license_id=signed_license.id).startswith("<?xml")


def test_verification_page_by_identifier_and_by_qr(signed_license, client):
    response = client.get("/licenses/verify/", {"identifier": signed_license.identifier})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-license-status="valid"' in html
    assert "营业执照" in html and signed_license.holder_id_masked in html
    assert "no-store" in response["Cache-Control"]

    response = client.get("/licenses/verify/", {"p": _payload(signed_license.id)})
    assert 'data-license-status="valid"' in response.content.decode()
    assert "二维码签名（SM2）核验通过" in response.content.decode()

    tampered = _payload(signed_license.id).replace("~GHL1", "")[:-2] + "AA"
    response = client.get("/licenses/verify/", {"p": tampered})
    assert 'data-license-status="not-found"' in response.content.decode()


def test_a_wrong_check_character_is_not_found(signed_license, client):
    last = signed_license.identifier[-1]
    wrong = signed_license.identifier[:-1] + ("0" if last != "0" else "1")
    response = client.get("/licenses/verify/", {"identifier": wrong})
    assert 'data-license-status="not-found"' in response.content.decode()
    assert not licenses.license_verify(identifier=wrong).found


def test_page_shows_revoked_at_once_after_confirmation(signed_license, issuer, decider_user, second_decider_user):
    client = Client()
    request = licenses.license_revoke_request(
        actor=actor_of(decider_user), license_id=signed_license.id, reason="违法经营"
    )
    assert (
        'data-license-status="valid"'
        in client.get("/licenses/verify/", {"identifier": signed_license.identifier}).content.decode()
    )
    licenses.license_revoke_confirm(actor=actor_of(second_decider_user), revocation_id=request.id)
    html = client.get("/licenses/verify/", {"identifier": signed_license.identifier}).content.decode()
    assert 'data-license-status="revoked"' in html and "违法经营" in html


def test_page_never_shows_the_full_holder_data(person_type, issuer, citizen, client):
    from .conftest import issue

    info = issue("mandarin_certificate", issuer, person=citizen.person, data={"level": "一级乙等"})
    html = client.get("/licenses/verify/", {"identifier": info.identifier}).content.decode()
    assert "欧阳娜娜" not in html and "欧***" in html
    assert citizen.person.id_number_masked in html


def test_api_verify_and_payload(signed_license, client):
    response = client.get("/api/v1/licenses/verify", {"identifier": signed_license.identifier})
    assert response.status_code == 200
    body = response.json()
    assert body["found"] and body["authentic"] and body["status"] == "valid"
    assert body["holder_id_masked"] == signed_license.holder_id_masked

    response = client.post(
        "/api/v1/licenses/verify-payload",
        data=json.dumps({"payload": _payload(signed_license.id)}),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["valid_signature"] and body["verification"]["status"] == "valid"

    response = client.post(
        "/api/v1/licenses/verify-payload",
        data=json.dumps({"payload": _payload(signed_license.id)[:-3] + "xyz"}),
        content_type="application/json",
    )
    body = response.json()
    assert body["valid_signature"] is False and body["verification"] is None
    assert body["error"] == "license.payload_signature"

    key = client.get("/api/v1/licenses/verification-key").json()
    assert key["public_key"] == "04" + signing.sm2_public_key()


def test_verification_writes_nothing(signed_license, client):
    events = AuditEvent.objects.count()
    client.get("/licenses/verify/", {"identifier": signed_license.identifier})
    client.get("/api/v1/licenses/verify", {"identifier": "garbage"})
    assert AuditEvent.objects.count() == events


def test_pending_licence_is_not_verifiable(business_type, issuer, enterprise):
    from .conftest import issue

    info = issue("business_license", issuer, enterprise=enterprise, sign=False)
    assert not licenses.license_verify(identifier=info.identifier).found
