"""Acceptance: on the demo data, a granted case produces a licence whose PDF pdfsig validates and
whose identifier passes the MOD 37,36 check; tampering with the PDF or the QR payload is detected.

张三 applies for 食品经营许可证核发（新办） on behalf of 漳州市芗城区闽南小吃店 at the 芗城区 market
bureau; the demo's clerk accepts, reviewer reviews and decider grants, then the worker signs."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core.management import call_command

from govhall.accounts import facade as accounts
from govhall.cases import facade as cases
from govhall.core.identifiers import parse_license_identifier
from govhall.licenses import facade as licenses
from govhall.licenses.models import License

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) is not installed"),
]


@pytest.fixture
def demo(settings):
    settings.GOVHALL_RATE_LIMITS = {name: "0/1" for name in settings.GOVHALL_RATE_LIMITS}
    call_command("demo", "--quiet")


def test_a_granted_demo_case_produces_a_verifiable_licence(demo, tmp_path):
    from govhall.demo.cases import DemoCases
    from govhall.demo.management.commands.demo import Command, citizen_id_number, enterprise_credit_code
    from govhall.demo.region import CITIZENS, ENTERPRISES

    command = Command()
    departments = command._departments()
    persons = [accounts.person_by_id_number(id_number=citizen_id_number(c)) for c in CITIZENS]
    shop = accounts.organization_by_credit_code(credit_code=enterprise_credit_code(ENTERPRISES[0]))
    demo_cases = DemoCases(departments, persons)

    case = demo_cases.apply(0, "food_operation_license_new", "xiangcheng_market", organization=shop)
    cases.case_accept(actor=demo_cases.actor("clerk", "window_clerk", "xiangcheng_market"), case_id=case.pk)
    demo_cases.review_all(case, demo_cases.actor("reviewer", "reviewer", "xiangcheng_market"))
    decided = cases.case_decide(
        actor=demo_cases.actor("decider", "decider", "xiangcheng_market"),
        case_id=case.pk,
        decision="granted",
        reason="经审查，符合食品经营许可条件。",
    )
    assert decided.decision == "granted"

    info = licenses.license_for_source(source=f"case:{case.pk}")
    assert info is not None, "the grant issued no licence"
    assert info.holder_organization_id == shop.pk and info.type_name == "食品经营许可证"
    parse_license_identifier(info.identifier)  # raises unless the MOD 37,36 check character is right

    from govhall.licenses.tasks import sign_license

    assert sign_license.call(info.id) == "signed"
    pdf = licenses.license_pdf(license_id=info.id)
    path = tmp_path / "demo-licence.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfsig", "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature Validation: Signature is Valid." in out and "Total document signed" in out

    tampered = bytearray(pdf)
    tampered[len(pdf) // 3] ^= 0x20
    path.write_bytes(bytes(tampered))
    out = subprocess.run(["pdfsig", "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid." not in out

    payload = License.objects.get(pk=info.id).qr_payload
    assert licenses.license_verify(payload=payload).status == "valid"
    forged = payload.replace(f"~{info.issued_on:%Y%m%d}~", "~20200101~")
    assert forged != payload and not licenses.license_verify(payload=forged).authentic
