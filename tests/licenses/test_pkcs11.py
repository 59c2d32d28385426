"""The HSM provider: the signing key lives in a PKCS#11 token (SoftHSM2 here) and never in a file."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from govhall.licenses import facade as licenses
from govhall.licenses import signing

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("softhsm2-util") is None, reason="softhsm2 is not installed"),
]
LIB = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory, licence_keys):
    """A SoftHSM2 token holding the demo signing key and certificate (made once per session)."""
    import pkcs11
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12
    from pkcs11 import Attribute, CertificateType, ObjectClass

    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    run = {"check": True, "capture_output": True, "timeout": 60}
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "govhall-test", "--pin", PIN, "--so-pin", "12345678"],
        **run,
    )
    password = (licence_keys / signing.SIGNER_PASS_NAME).read_text().strip().encode()
    key, cert, _chain = pkcs12.load_key_and_certificates(
        (licence_keys / signing.SIGNER_P12_NAME).read_bytes(), password
    )
    pem = base / "key.pem"
    pem.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(pem),
            "--token",
            "govhall-test",
            "--label",
            "signer",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        **run,
    )
    pem.unlink()
    token = pkcs11.lib(LIB).get_token(token_label="govhall-test")
    with token.open(user_pin=PIN, rw=True) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.VALUE: cert.public_bytes(Encoding.DER),
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.LABEL: "signer",
                Attribute.ID: b"\x01",
                Attribute.TOKEN: True,
            }
        )
    return "govhall-test"


def test_licences_are_signed_through_pkcs11(settings, softhsm_token, business_type, issuer, enterprise, tmp_path):
    from .conftest import issue

    settings.GOVHALL_LICENSE_SIGNER = "pkcs11"
    settings.GOVHALL_LICENSE_PKCS11_LIB = LIB
    settings.GOVHALL_LICENSE_PKCS11_TOKEN = softhsm_token
    settings.GOVHALL_LICENSE_PKCS11_PIN = PIN
    settings.GOVHALL_LICENSE_PKCS11_KEY_LABEL = "signer"
    settings.GOVHALL_LICENSE_PKCS11_CERT_LABEL = ""
    settings.GOVHALL_LICENSE_PKCS11_CHAIN_PATH = str(signing.root_certificate_path())  # embed the issuing chain
    info = issue("business_license", issuer, enterprise=enterprise)
    pdf = licenses.license_pdf(license_id=info.id)
    assert signing.pdf_signature_check(pdf, trust_roots=[signing.root_certificate_path()])["trusted"]
    path = tmp_path / "hsm.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfsig", "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid." in out
    assert "Certificate issuer is unknown" not in out  # the chain travels with the signature


def test_a_wrong_provider_name_is_a_configuration_error(settings, signed_license):
    from govhall.core.errors import ConfigurationError

    settings.GOVHALL_LICENSE_SIGNER = "smartcard"
    with pytest.raises(ConfigurationError) as exc:
        signing.pdf_sign(b"%PDF-1.7")
    assert exc.value.code == "license.signing_not_configured"


def test_production_never_generates_demo_keys(settings, tmp_path):
    from govhall.core.errors import ConfigurationError

    settings.PRODUCTION = True
    settings.GOVHALL_LICENSE_KEY_DIR = tmp_path / "none"
    with pytest.raises(ConfigurationError):
        signing.pdf_sign(b"%PDF-1.7")
    with pytest.raises(ConfigurationError):
        signing.sm2_public_key()
    assert not (tmp_path / "none").exists()
