"""Printable documents: real PDFs read back with poppler (``pdftotext``, ``pdffonts``).

Set ``GOVHALL_DOCUMENTS_OUT=/some/dir`` to keep the rendered PDFs for a look.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from govhall.cases import documents, services
from govhall.cases.constants import RIGHTS_NOTICE
from govhall.cases.models import Case
from govhall.core.errors import Conflict
from tests import factories

from .conftest import PDF

pytestmark = pytest.mark.django_db

SHORT_NAME = "漳市监"
ITEM_NAME = "食品经营许可证核发"  # tests/catalog/conftest.py
RIGHTS = re.sub(r"\s", "", str(RIGHTS_NOTICE))


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is missing: install Debian's poppler-utils (make system-deps does)"
    return path


def _text(pdf: bytes) -> str:
    """The PDF's text with all white space removed: Chinese lines wrap anywhere."""
    out = subprocess.run([_poppler("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return re.sub(r"\s", "", out.decode())


def _fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([_poppler("pdffonts"), str(path)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _keep(name: str, pdf: bytes) -> None:
    if target := os.environ.get("GOVHALL_DOCUMENTS_OUT"):
        Path(target).mkdir(parents=True, exist_ok=True)
        (Path(target) / name).write_bytes(pdf)


@pytest.fixture(autouse=True)
def _department_short_name(department):
    department.short_name = SHORT_NAME
    department.save(update_fields=["short_name"])


def _submitted(user, item) -> Case:
    case = services.case_draft_save(user=user, item_code=item.service_item.code, form_data={"shop_name": "闽南小吃"})
    for requirement in item.materials.all():
        services.case_material_upload(
            user=user, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="申请.pdf"
        )
    return services.case_submit(user=user, case_id=case.pk)


def _number(kind: str, serial: int) -> str:
    return f"{SHORT_NAME}{kind}〔2026〕{serial:05d}号"


def test_chinese_dates():
    assert documents.chinese_date(dt.date(2026, 3, 2)) == "二〇二六年三月二日"
    assert documents.chinese_date(dt.date(2026, 11, 20)) == "二〇二六年十一月二十日"
    assert documents.chinese_date(dt.date(2030, 10, 31)) == "二〇三〇年十月三十一日"
    assert documents.chinese_date(dt.date(2026, 12, 19)) == "二〇二六年十二月十九日"


def test_acceptance_notice(applicant, item, clerk, tmp_path):
    case = _submitted(applicant, item)
    with pytest.raises(Conflict) as error:
        documents.render_acceptance_notice(case)
    assert error.value.code == "case.document_unavailable"
    case = services.case_accept(actor=clerk, case_id=case.pk)

    with translation.override("en"):  # an official document is Chinese whatever the reader's language
        pdf = documents.render_acceptance_notice(case)
    _keep("acceptance_notice.pdf", pdf)

    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    assert "受理通知书" in text
    assert _number("许受", case.pk) in text
    assert f"“{ITEM_NAME}”" in text and case.number in text and "王芳：" in text
    assert "决定予以受理，受理日期为2026年3月2日" in text
    assert case.statutory_due and case.promised_due
    statutory = f"{case.statutory_due.year}年{case.statutory_due.month}月{case.statutory_due.day}日"
    promised = f"{case.promised_due.year}年{case.promised_due.month}月{case.promised_due.day}日"
    assert f"20个工作日内、最迟于{statutory}作出行政许可决定" in text
    assert f"5个工作日内、最迟于{promised}办结" in text
    assert "漳州市市场监督管理局二〇二六年三月二日" in text
    assert "（印章）" in text and "—1—" in text
    assert RIGHTS not in text

    fonts = _fonts(pdf, tmp_path)
    assert fonts, "no fonts in the PDF"
    assert all(row[-5] == "yes" for row in fonts), fonts  # every font embedded
    assert any(row[0].split("+")[-1].startswith("Noto-Serif-CJK-SC") for row in fonts), fonts


def test_deemed_acceptance_says_so(applicant, item):
    case = _submitted(applicant, item)
    services.case_deadline_sweep(today=case.acceptance_due + dt.timedelta(days=1))
    case.refresh_from_db()
    assert case.deemed_accepted
    pdf = documents.render_acceptance_notice(case)
    _keep("acceptance_notice_deemed.pdf", pdf)
    text = _text(pdf)
    assert "未在法定期限内一次告知需要补正的全部内容" in text
    assert "第三十二条第一款第（四）项" in text
    assert "自收到申请材料之日起即为受理，受理日期为2026年3月2日" in text


def test_supplement_notice_lists_everything_once(applicant, item, clerk):
    case = _submitted(applicant, item)
    case = services.case_request_supplement(
        actor=clerk,
        case_id=case.pk,
        items=[
            {"name": "营业执照", "note": "请上传清晰的彩色扫描件"},
            {"name": "食品经营许可申请书", "note": "法定代表人签字处空白，请签字后重新上传"},
        ],
        note="经营场所平面图请标明功能分区",
    )
    request = case.supplement_requests.get()
    pdf = documents.render_supplement_notice(case, request)
    _keep("supplement_notice.pdf", pdf)

    text = _text(pdf)
    assert "补正材料通知书（一次性告知）" in text
    assert _number("许补", request.pk) in text
    assert f"“{ITEM_NAME}”" in text and case.number in text
    for fragment in ("营业执照", "请上传清晰的彩色扫描件", "食品经营许可申请书", "法定代表人签字处空白"):
        assert fragment in text
    assert "经营场所平面图请标明功能分区" in text
    assert "《中华人民共和国行政许可法》第三十二条" in text
    assert "重新计算受理期限" in text and "我的办件" in text
    assert "本通知不设补正期限" in text

    dated = _text(documents.render_supplement_notice(case, request, respond_by=dt.date(2026, 3, 16)))
    assert "请于2026年3月16日前提交补正材料" in dated and "本通知不设补正期限" not in dated

    other = _submitted(applicant, item)
    with pytest.raises(Conflict):
        documents.render_supplement_notice(other, request)


def test_refusal_notice_has_reason_basis_and_rights(applicant, item, clerk):
    case = _submitted(applicant, item)
    case = services.case_refuse(
        actor=clerk,
        case_id=case.pk,
        reason='不属于本机关职权范围 <img src="file:///etc/passwd">',
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
    )
    pdf = documents.render_refusal_notice(case)
    _keep("refusal_notice.pdf", pdf)

    text = _text(pdf)
    assert "不予受理决定书" in text and _number("许不受", case.pk) in text
    assert '不属于本机关职权范围<imgsrc="file:///etc/passwd">' in text  # printed as text, not loaded
    assert "第三十二条第一款第（二）项" in text
    assert RIGHTS in text


def test_grant_and_denial(applicant, item, clerk, decider, review_done):
    granted = _submitted(applicant, item)
    services.case_accept(actor=clerk, case_id=granted.pk)
    with pytest.raises(Conflict):
        documents.render_decision(Case.objects.get(pk=granted.pk))
    review_done(granted.pk)
    granted = services.case_decide(actor=decider, case_id=granted.pk, decision="granted", reason="符合法定条件、标准")
    pdf = documents.render_decision(granted)
    _keep("decision_granted.pdf", pdf)
    text = _text(pdf)
    assert "准予行政许可决定书" in text and "不予行政许可" not in text
    assert _number("许准", granted.pk) in text and f"“{ITEM_NAME}”" in text
    assert "符合法定条件、标准" in text
    assert "《中华人民共和国食品安全法》第三十五条" in text  # the item's basis when none was recorded
    assert "行政复议" not in text

    denied = _submitted(applicant, item)
    services.case_accept(actor=clerk, case_id=denied.pk)
    review_done(denied.pk)
    denied = services.case_decide(
        actor=decider,
        case_id=denied.pk,
        decision="denied",
        reason="经营场所与有毒有害场所的距离不符合要求",
        legal_basis="《食品经营许可和备案管理办法》第十二条",
    )
    pdf = documents.render_decision(denied)
    _keep("decision_denied.pdf", pdf)
    text = _text(pdf)
    assert "不予行政许可决定书" in text and _number("许不准", denied.pk) in text
    assert "经营场所与有毒有害场所的距离不符合要求" in text and "第十二条" in text
    assert RIGHTS in text


def test_no_identity_number_in_any_document(item, clerk, decider, review_done):
    user, id_number = factories.citizen(name="陈静")
    case = _submitted(user, item)
    services.case_accept(actor=clerk, case_id=case.pk)
    review_done(case.pk)
    case = services.case_decide(actor=decider, case_id=case.pk, decision="granted", reason="符合条件")
    for pdf in (documents.render_acceptance_notice(case), documents.render_decision(case)):
        text = _text(pdf)
        assert "陈静" in text
        assert id_number not in text and id_number[-6:] not in text


def test_documents_never_fetch_anything_outside_the_templates():
    fetcher = documents._local_only_fetcher_class()()
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd", f"file://{documents.TEMPLATE_DIR}/../../x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch(f"file://{documents.TEMPLATE_DIR}/documents.css").read()
