"""Keys and signatures for licences: the PAdES signature of the PDF (pyHanko) and the SM2
signature of the QR payload (gmssl).

Providers (``GOVHALL_LICENSE_SIGNER``):

- ``pkcs12`` (default): the signing key and certificate chain in a PKCS#12 file
  (``GOVHALL_LICENSE_PKCS12_PATH`` + ``GOVHALL_LICENSE_PKCS12_PASSWORD``). When no path is set and
  the installation is not production, a local demo CA chain (root CA → issuing certificate) is
  generated ONCE into ``GOVHALL_LICENSE_KEY_DIR`` (default ``var/licenses``); the root key is
  discarded after it signed the issuing certificate. docs/adr/0010 explains how to replace it.
- ``pkcs11``: an HSM through PKCS#11 (``GOVHALL_LICENSE_PKCS11_LIB``, ``…_TOKEN``, ``…_PIN``,
  ``…_KEY_LABEL``, ``…_CERT_LABEL``), e.g. SoftHSM2 for tests.

The QR payload is ``GHL1~<identifier>~<issued yyyymmdd>~<valid until yyyymmdd | 0>~<holder tag>~
<signature>`` where the signature is SM2 with SM3 (user id 1234567812345678) over everything before
the last ``~``, as r‖s in base64url. The SM2 key pair lives in ``GOVHALL_LICENSE_SM2_KEY_PATH``
(a JSON file ``{"private": hex, "public": hex}``), generated once like the demo CA when unset.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import json
import os
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from govhall.core.facade import ConfigurationError, sm3_hex

PAYLOAD_PREFIX = "GHL1"
SEP = "~"
ROOT_CERT_NAME = "root-ca.pem"
SIGNER_P12_NAME = "signer.p12"
SIGNER_PASS_NAME = "signer.pass"  # noqa: S105 — a file name
SM2_KEY_NAME = "sm2.json"
_SM2_N = int("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", 16)
_lock = threading.Lock()


def _config_error(what: str) -> ConfigurationError:
    return ConfigurationError(
        _("电子证照签名密钥未配置：%(what)s。请联系系统管理员。"),
        code="license.signing_not_configured",
        params={"what": what},
    )


def key_dir() -> Path:
    return Path(settings.GOVHALL_LICENSE_KEY_DIR)


# --- the demo CA chain ------------------------------------------------------------------------


def demo_pki_generate(directory: Path, *, organization: str = "govhall demo") -> Path:
    """Generate root CA → issuing certificate into ``directory`` once (atomically: concurrent
    callers all end up with the same files). Returns the directory. Idempotent."""
    if (directory / SIGNER_P12_NAME).exists() and (directory / SM2_KEY_NAME).exists():
        return directory
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".licenses-", dir=directory.parent))
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)

    def name(common: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                x509.NameAttribute(NameOID.COMMON_NAME, common),
            ]
        )

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = name("govhall demo licence root CA")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650 * 2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("govhall electronic licence signing"))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    password = secrets.token_urlsafe(24)
    p12 = pkcs12.serialize_key_and_certificates(
        b"govhall-licence-signer",
        key,
        cert,
        [root],
        serialization.BestAvailableEncryption(password.encode()),
    )
    _write(staging / SIGNER_P12_NAME, p12)
    _write(staging / SIGNER_PASS_NAME, password.encode())
    _write(staging / ROOT_CERT_NAME, root.public_bytes(serialization.Encoding.PEM), private=False)
    private, public = sm2_keypair_generate()
    _write(staging / SM2_KEY_NAME, json.dumps({"private": private, "public": public}).encode())
    try:
        os.rename(staging, directory)  # atomic; fails when another process won
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
    return directory


def _write(path: Path, data: bytes, *, private: bool = True) -> None:
    path.write_bytes(data)
    os.chmod(path, 0o600 if private else 0o644)


def _demo_allowed() -> Path:
    if settings.PRODUCTION:
        raise _config_error("GOVHALL_LICENSE_PKCS12_PATH / GOVHALL_LICENSE_SM2_KEY_PATH")
    return demo_pki_generate(key_dir())


def root_certificate_path() -> Path | None:
    """The demo root CA (to trust in a verifier); None when a real chain is configured."""
    path = key_dir() / ROOT_CERT_NAME
    return path if path.exists() else None


# --- PAdES --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SignerSource:
    provider: str
    path: str
    password: str
    mtime: float


def _signer_source() -> _SignerSource:
    provider = settings.GOVHALL_LICENSE_SIGNER
    if provider == "pkcs11":
        return _SignerSource(
            "pkcs11",
            str(settings.GOVHALL_LICENSE_PKCS11_LIB or ""),
            str(settings.GOVHALL_LICENSE_PKCS11_PIN or ""),
            0.0,
        )
    if provider != "pkcs12":
        raise _config_error(f"GOVHALL_LICENSE_SIGNER={provider}")
    path = str(settings.GOVHALL_LICENSE_PKCS12_PATH or "")
    password = str(settings.GOVHALL_LICENSE_PKCS12_PASSWORD or "")
    if not path:
        directory = _demo_allowed()
        path = str(directory / SIGNER_P12_NAME)
        password = (directory / SIGNER_PASS_NAME).read_text().strip()
    try:
        mtime = os.stat(path).st_mtime
    except OSError as exc:
        raise _config_error("GOVHALL_LICENSE_PKCS12_PATH") from exc
    return _SignerSource("pkcs12", path, password, mtime)


@functools.lru_cache(maxsize=4)
def _load_signer(source: _SignerSource) -> Any:
    from pyhanko.sign import signers

    if source.provider == "pkcs11":
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11

        session = pkcs11.open_pkcs11_session(
            source.path,
            token_criteria=TokenCriteria(label=settings.GOVHALL_LICENSE_PKCS11_TOKEN),
            user_pin=source.password,
        )
        return pkcs11.PKCS11Signer(
            session,
            key_label=settings.GOVHALL_LICENSE_PKCS11_KEY_LABEL,
            cert_label=settings.GOVHALL_LICENSE_PKCS11_CERT_LABEL or settings.GOVHALL_LICENSE_PKCS11_KEY_LABEL,
            ca_chain=_pem_certificates(str(settings.GOVHALL_LICENSE_PKCS11_CHAIN_PATH or "")),
        )
    signer = signers.SimpleSigner.load_pkcs12(source.path, passphrase=source.password.encode() or None)
    if signer is None:
        raise _config_error("GOVHALL_LICENSE_PKCS12_PASSWORD")
    return signer


def _pem_certificates(path: str) -> list[Any]:
    """The certificates in a PEM file (the issuing chain embedded next to an HSM's signature)."""
    if not path:
        return []
    from asn1crypto import pem, x509

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _config_error("GOVHALL_LICENSE_PKCS11_CHAIN_PATH") from exc
    return [x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]


def pdf_sign(pdf: bytes, *, reason: str = "", field_name: str = "GovhallLicenseSignature") -> bytes:
    """PAdES B-B signature (adbe/ETSI CAdES detached, SHA-256) over the whole PDF."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = _load_signer(_signer_source())
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=str(settings.GOVHALL_PLATFORM_NAME),
    )
    with _lock:  # a PKCS#11 session is not thread-safe; PKCS#12 signing is cheap to serialise
        out = signers.sign_pdf(writer, meta, signer=signer)
    return bytes(out.getvalue())


def pdf_signature_check(pdf: bytes, *, trust_roots: list[Path] | None = None) -> dict[str, Any]:
    """Validate the PDF's signatures with pyHanko (integrity, whole-document coverage and, with
    ``trust_roots``, the chain). Returns ``{"signed": bool, "intact": bool, "trusted": bool,
    "covers_whole_file": bool}``; never raises for a damaged file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    result = {"signed": False, "intact": False, "trusted": False, "covers_whole_file": False}
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        embedded = reader.embedded_signatures
        if not embedded:
            return result
        result["signed"] = True
        roots = []
        if trust_roots:
            from asn1crypto import pem, x509

            for path in trust_roots:
                data = path.read_bytes()
                if pem.detect(data):
                    data = pem.unarmor(data)[2]
                roots.append(x509.Certificate.load(data))
        context = (
            ValidationContext(trust_roots=roots, allow_fetching=False)
            if roots
            else ValidationContext(allow_fetching=False)
        )
        status = validate_pdf_signature(embedded[-1], context)
        result["intact"] = bool(status.intact and status.valid)
        result["trusted"] = bool(status.trusted)
        result["covers_whole_file"] = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    except Exception:  # a damaged or hostile file is simply "not valid"
        return result
    return result


# --- SM2 QR payload -----------------------------------------------------------------------------


def sm2_keypair_generate() -> tuple[str, str]:
    from gmssl import sm2

    d = secrets.randbelow(_SM2_N - 2) + 1
    private = f"{d:064x}"
    crypt = sm2.CryptSM2(private_key=private, public_key="")
    public = crypt._kg(d, crypt.ecc_table["g"])
    return private, public


@functools.lru_cache(maxsize=4)
def _sm2_keys_from(path: str, mtime: float) -> tuple[str, str]:
    data = json.loads(Path(path).read_text())
    return str(data["private"]), str(data["public"])


def _sm2_keys() -> tuple[str, str]:
    path = settings.GOVHALL_LICENSE_SM2_KEY_PATH or str(_demo_allowed() / SM2_KEY_NAME)
    try:
        return _sm2_keys_from(path, os.stat(path).st_mtime)
    except (OSError, ValueError, KeyError) as exc:
        raise _config_error("GOVHALL_LICENSE_SM2_KEY_PATH") from exc


def sm2_public_key() -> str:
    """The public key (hex, uncompressed x‖y) offline verifiers need."""
    return _sm2_keys()[1]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def holder_tag(license: Any) -> str:
    """Eight hex characters of SM3 over the masked holder data: binds the payload to the holder
    without carrying personal data."""
    return sm3_hex(f"{license.holder_name_masked}|{license.holder_id_masked}".encode())[:8].upper()


def qr_payload_body(*, identifier: str, issued_on: dt.date, valid_until: dt.date | None, tag: str) -> str:
    until = valid_until.strftime("%Y%m%d") if valid_until else "0"
    return SEP.join((PAYLOAD_PREFIX, identifier, issued_on.strftime("%Y%m%d"), until, tag))


def qr_payload_make(license: Any) -> str:
    from gmssl import sm2

    private, public = _sm2_keys()
    body = qr_payload_body(
        identifier=license.identifier,
        issued_on=license.issued_on,
        valid_until=license.valid_until,
        tag=holder_tag(license),
    )
    k = f"{secrets.randbelow(_SM2_N - 2) + 1:064x}"
    signature = sm2.CryptSM2(private_key=private, public_key=public).sign_with_sm3(body.encode(), k)
    return body + SEP + _b64(bytes.fromhex(signature))


@dataclass(frozen=True)
class ParsedPayload:
    identifier: str
    issued_on: str
    valid_until: str
    holder_tag: str
    valid_signature: bool


def qr_payload_parse(payload: str, *, public_key: str | None = None) -> ParsedPayload | None:
    """Split and check a payload offline; None when it is not a licence payload at all."""
    from gmssl import sm2

    payload = (payload or "").strip()
    if len(payload) > 512:
        return None
    parts = payload.split(SEP)
    if len(parts) != 6 or parts[0] != PAYLOAD_PREFIX:
        return None
    body, signature_text = payload.rsplit(SEP, 1)
    try:
        signature = _unb64(signature_text)
    except ValueError:
        signature = b""
    valid = False
    if len(signature) == 64:
        key = public_key or sm2_public_key()
        try:
            valid = bool(sm2.CryptSM2(private_key="", public_key=key).verify_with_sm3(signature.hex(), body.encode()))
        except Exception:  # malformed points etc.: not valid
            valid = False
    return ParsedPayload(parts[1], parts[2], parts[3], parts[4], valid)
