from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from govhall.core.errors import NotFound, PermissionDenied, ValidationFailed
from govhall.core.identifiers import license_check_char, parse_license_identifier
from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses.models import License

from .conftest import SYSTEM, issue

pytestmark = pytest.mark.django_db


def test_issue_creates_a_pending_licence_with_a_checked_identifier_and_enqueues_signing(
    business_type, issuer, enterprise
):
    from django_tasks_db.models import DBTaskResult

    info = issue("business_license", issuer, enterprise=enterprise, sign=False)
    parsed = parse_license_identifier(info.identifier)
    assert parsed.type_code == business_type.type_code
    assert parsed.issuer_code == issuer.credit_code
    assert parsed.version == "1"
    assert parsed.check_char == license_check_char(info.identifier.rsplit(".", 1)[0].replace(".", ""))
    assert info.stored_status == "pending"
    assert DBTaskResult.objects.filter(task_path__endswith="sign_license", args_kwargs__args=[info.id]).count() == 1
    assert AuditEvent.objects.filter(action="license.issue", subject=f"license:{info.id}").count() == 1
    assert licenses.license_list_for_holder(organization_id=enterprise.pk) == []  # not yet signed


def test_signing_is_idempotent_and_produces_a_valid_licence(business_type, issuer, enterprise):
    info = issue("business_license", issuer, enterprise=enterprise, sign=False)
    assert licenses.license_sign(license_id=info.id) == "signed"
    assert licenses.license_sign(license_id=info.id) == "done"
    row = License.objects.get(pk=info.id)
    assert row.status == "valid" and row.pdf_key and row.qr_payload.startswith("GHL1~" + info.identifier + "~")
    assert AuditEvent.objects.filter(action="license.sign").count() == 1
    pdf = licenses.license_pdf(license_id=info.id)
    assert pdf.startswith(b"%PDF")
    listed = licenses.license_list_for_holder(organization_id=enterprise.pk)
    assert [x.identifier for x in listed] == [info.identifier]
    assert listed[0].status == "valid" and listed[0].valid_until is not None


def test_serials_increase_and_identifiers_are_unique(business_type, issuer, enterprise):
    first = issue("business_license", issuer, enterprise=enterprise, sign=False)
    second = issue("business_license", issuer, enterprise=enterprise, sign=False)
    assert first.identifier != second.identifier
    assert (
        int(parse_license_identifier(second.identifier).serial)
        == int(parse_license_identifier(first.identifier).serial) + 1
    )


def test_one_licence_per_source_case(business_type, issuer, enterprise):
    first = issue("business_license", issuer, enterprise=enterprise, sign=False, source="case:7")
    again = issue("business_license", issuer, enterprise=enterprise, sign=False, source="case:7")
    assert again.id == first.id
    assert License.objects.filter(source="case:7").count() == 1
    from django.db import IntegrityError, transaction

    row = License.objects.get(pk=first.id)
    with pytest.raises(IntegrityError), transaction.atomic():
        License.objects.create(
            **{
                f.attname: getattr(row, f.attname)
                for f in License._meta.concrete_fields
                if f.attname not in ("id", "identifier", "serial")
            },
            identifier=row.identifier + "X",
            serial="999",
        )


def test_wrong_holder_kind_bad_data_unknown_type_and_foreign_issuer_are_refused(
    business_type, person_type, issuer, other_department, enterprise, citizen
):
    before = License.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        issue("business_license", issuer, person=citizen.person, sign=False)
    assert exc.value.code == "license.holder_mismatch"
    with pytest.raises(ValidationFailed) as exc:
        issue("business_license", issuer, enterprise=enterprise, data={"address": "x"}, sign=False)
    assert exc.value.code == "license.data_invalid"
    with pytest.raises(NotFound):
        issue("no_such_type", issuer, enterprise=enterprise, sign=False)
    with pytest.raises(PermissionDenied) as exc:
        issue("business_license", other_department, enterprise=enterprise, sign=False)
    assert exc.value.code == "license.issuer_not_allowed"
    assert License.objects.count() == before


def test_type_code_must_be_a_credit_code_plus_three_digits(issuer):
    with pytest.raises(ValidationFailed):
        licenses.license_type_save(
            actor=SYSTEM, code="x", type_code=issuer.credit_code + "AB1", name="x", holder_kind="person"
        )
    with pytest.raises(ValidationFailed):
        licenses.license_type_save(
            actor=SYSTEM, code="x", type_code="91350600MA2Y3K4L5Z001", name="x", holder_kind="person"
        )


def test_person_licence_masks_the_holder_and_has_no_end_date(person_type, issuer, citizen):
    info = issue("mandarin_certificate", issuer, person=citizen.person, data={"level": "一级乙等"})
    assert info.holder_name_masked == "欧***"
    assert "*" in info.holder_id_masked
    assert info.valid_until is None and info.status == "valid"


def test_validity_rule_five_years(signed_license):
    from govhall.licenses.models import LicenseType
    from govhall.licenses.services import valid_until_for

    assert (signed_license.valid_until - signed_license.valid_from).days in (1825, 1826)
    five_years = LicenseType(validity_unit="years", validity_amount=5)
    assert valid_until_for(five_years, dt.date(2026, 11, 23)) == dt.date(2031, 11, 22)
    assert valid_until_for(five_years, dt.date(2028, 2, 29)) == dt.date(2033, 2, 27)
    three_months = LicenseType(validity_unit="months", validity_amount=3)
    assert valid_until_for(three_months, dt.date(2026, 11, 30)) == dt.date(2027, 2, 27)
    assert valid_until_for(LicenseType(validity_unit="days", validity_amount=1), dt.date(2026, 1, 1)) == dt.date(
        2026, 1, 1
    )
    assert valid_until_for(LicenseType(validity_unit="unlimited", validity_amount=0), dt.date(2026, 1, 1)) is None


def _pdfsig(path):
    return subprocess.run(["pdfsig", "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(subprocess.run(["which", "pdfsig"], capture_output=True).returncode != 0, reason="no pdfsig")
def test_pdf_signature_validates_with_pdfsig_and_one_changed_byte_breaks_it(signed_license, tmp_path, licence_keys):
    from govhall.licenses.signing import ROOT_CERT_NAME, pdf_signature_check

    pdf = licenses.license_pdf(license_id=signed_license.id)
    good = tmp_path / "licence.pdf"
    good.write_bytes(pdf)
    out = _pdfsig(good)
    assert "Signature Validation: Signature is Valid." in out.stdout, out.stdout + out.stderr
    assert "Total document signed" in out.stdout
    assert "govhall electronic licence signing" in out.stdout
    # pdfsig trusts only its NSS store; the chain to our root is checked with pyHanko.
    assert pdf_signature_check(pdf, trust_roots=[licence_keys / ROOT_CERT_NAME]) == {
        "signed": True,
        "intact": True,
        "trusted": True,
        "covers_whole_file": True,
    }

    tampered = bytearray(pdf)
    position = pdf.index(b"/Contents", 0) // 2  # inside the signed range, in the page content
    tampered[position] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(tampered))
    out = _pdfsig(bad)
    assert "Signature is Valid." not in out.stdout
    assert "Digest Mismatch" in out.stdout or "Invalid" in out.stdout or out.returncode != 0
    assert pdf_signature_check(bytes(tampered), trust_roots=[licence_keys / ROOT_CERT_NAME])["intact"] is False


def test_pdf_shows_the_licence_in_chinese_with_identifier(signed_license, tmp_path):
    path = tmp_path / "l.pdf"
    path.write_bytes(licenses.license_pdf(license_id=signed_license.id))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "营业执照" in text
    assert "闽南小吃店" in text
    assert "经营范围" in text and "小吃服务" in text
    assert "漳州市市场监督管理局" in text


def test_seal_svg_carries_the_department_name():
    from govhall.licenses.documents import seal_svg

    svg = seal_svg("漳州市市场监督管理局")
    assert svg.startswith("<svg") and "#d8242a" in svg
    for ch in "漳州市市场监督管理局":
        assert f">{ch}</text>" in svg
