"""Printable documents (文书) for a case, as PDF bytes: the acceptance notice (受理通知书), the
one-time supplement notice (补正材料通知书), the refusal (不予受理决定书) and the decision
(准予 / 不予行政许可决定书).

Each is a Django template under ``cases/documents/`` turned into an A4 PDF by WeasyPrint. The
layout follows GB/T 9704-2012 (党政机关公文格式) where it fits a notice to an applicant:

- page: A4, type area 156 × 225 mm (margins 37 / 26 / 35 / 28 mm), page number "— 1 —" 7 mm below
  the type area, on the right of odd pages and the left of even ones;
- masthead: the department's name in red bold serif, the document number centred under it, a red rule;
- title: 22 pt (二号) bold serif, standing in for 小标宋; body: 16 pt (三号) serif, standing in for
  仿宋, 28.95 pt line pitch (22 lines per page);
- fonts: "Noto Serif CJK SC" (Debian ``fonts-noto-cjk``), falling back to "Noto Sans CJK SC" through
  the CSS font list; both come from fontconfig, nothing is fetched.

The document number (发文字号) is ``{机关代字}{类别}〔{year}〕{serial:05d}号``, for example
``市市场监管局许受〔2026〕00001号``: 机关代字 is the department's short name (its full name when it has
none), 类别 is 许受 / 许补 / 许不受 / 许准 / 许不准, the year is the issue date's, and the serial is the
case's database id (the supplement request's for a supplement notice). A re-print therefore shows the
same number, and two documents of one kind never share one; the numbers are not a gap-free sequence
per department and year.

Dates in the running text are written with Arabic numerals (2026年3月2日), the issue date under the
signature in Chinese numerals (二〇二六年三月二日). Documents are always rendered in Chinese, whatever
the reader's interface language. Only the applicant's name is printed, never an identity number.
The seal is a placeholder "（印章）"; the electronic seal comes with the licences issue.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from govhall.cases.constants import RIGHTS_NOTICE, CaseStatus, Decision
from govhall.cases.models import Case, SupplementRequest
from govhall.core.facade import Conflict, NotFound, local_date

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "cases" / "documents"
DOCUMENT_LANGUAGE = "zh-hans"
# Parts of sentences that only ever appear inside a (always Chinese) document.
ACCEPTANCE_LAW = "《中华人民共和国行政许可法》第三十二条"
WORKING_DAYS = "个工作日"
NATURAL_DAYS = "日"

KIND_ACCEPTANCE = "许受"
KIND_SUPPLEMENT = "许补"
KIND_REFUSAL = "许不受"
KIND_GRANT = "许准"
KIND_DENIAL = "许不准"

_DIGITS = "〇一二三四五六七八九"

P = ParamSpec("P")
R = TypeVar("R")


def _in_chinese(function: Callable[P, R]) -> Callable[P, R]:
    """Official documents are Chinese whatever the reader's interface language."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(DOCUMENT_LANGUAGE):
            return function(*args, **kwargs)

    return wrapper


# --- formatting -----------------------------------------------------------------------------


def chinese_number(value: int) -> str:
    """1..99 in Chinese numerals as dates use them: 三, 十, 十二, 二十, 三十一."""
    if not 1 <= value <= 99:
        raise ValueError(f"{value} is outside 1..99")
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def chinese_date(value: dt.date) -> str:
    """二〇二六年三月二日: the year digit by digit, month and day as numbers."""
    year = "".join(_DIGITS[int(digit)] for digit in f"{value.year:04d}")
    return f"{year}年{chinese_number(value.month)}月{chinese_number(value.day)}日"


def arabic_date(value: dt.date | None) -> str:
    """2026年3月2日, or "" for no date."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def document_number(case: Case, kind: str, issued_on: dt.date, serial: int | None = None) -> str:
    """The document number (see the module docstring), e.g. ``市市场监管局许受〔2026〕00001号``."""
    department = case.department
    code = department.short_name.strip() or department.name
    return f"{code}{kind}〔{issued_on.year}〕{serial if serial is not None else case.pk:05d}号"


# --- rendering ------------------------------------------------------------------------------


@functools.cache
def _local_only_fetcher_class() -> type:
    """WeasyPrint's fetcher limited to files in the templates folder: a document never touches the
    network, and text typed by a person cannot pull in a file from elsewhere. Any failed fetch
    stops the rendering (only our own templates reference files). Built on first use so that
    importing this module does not import WeasyPrint (~1.5 s)."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"}, fail_on_errors=True)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or parts.netloc or not path.is_relative_to(TEMPLATE_DIR):
                raise ValueError(f"documents may only load files from {TEMPLATE_DIR}: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def _render(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(f"cases/documents/{template}", context)
    pdf = HTML(string=html, base_url=str(TEMPLATE_DIR) + "/", url_fetcher=_local_only_fetcher_class()()).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def _unavailable(message: Any) -> Conflict:
    return Conflict(message, code="case.document_unavailable")


def _item(case: Case) -> dict[str, Any]:
    """The item's name and its time limits ("20个工作日"); bundles use the bundle's limits."""
    if case.item_version is not None:
        version = case.item_version
        unit = NATURAL_DAYS if version.limit_unit == "natural_days" else WORKING_DAYS
        return {
            "name": version.name,
            "statutory_limit": f"{version.statutory_limit}{unit}",
            "promised_limit": f"{version.promised_limit}{unit}",
            "legal_basis": version.legal_basis,
            "handling_place": version.handling_place,
            "consultation": version.consultation_channel,
            "issues_license": version.issues_license,
        }
    bundle = case.bundle
    return {
        "name": bundle.name if bundle is not None else "",
        "statutory_limit": f"{bundle.statutory_limit}{WORKING_DAYS}" if bundle is not None else "",
        "promised_limit": f"{bundle.promised_limit}{WORKING_DAYS}" if bundle is not None else "",
        "legal_basis": "",
        "handling_place": "",
        "consultation": "",
        "issues_license": False,
    }


def _context(case: Case, *, title: Any, kind: str, issued_on: dt.date, serial: int | None = None) -> dict[str, Any]:
    department = case.department
    return {
        "title": title,
        "department_name": department.name,
        "masthead_long": len(department.name) > 15,
        "number": document_number(case, kind, issued_on, serial),
        "issue_date": chinese_date(issued_on),
        "issued_on": issued_on.isoformat(),
        "applicant_name": case.applicant_name,
        "case_number": case.number or "",
        "submitted_on": arabic_date(local_date(case.submitted_at)) if case.submitted_at else "",
        "item": _item(case),
        "platform_name": str(settings.GOVHALL_PLATFORM_NAME),
    }


def _acceptance_issue_date(case: Case) -> dt.date:
    """The day the case was accepted, or, for 视为受理, the day the sweep recorded it (the acceptance
    itself dates back to the submission)."""
    assert case.accepted_at is not None
    if case.deemed_accepted:
        event = case.events.filter(kind="deemed_accept").order_by("-at").first()
        if event is not None:
            return local_date(event.at)
    return local_date(case.accepted_at)


# --- the documents --------------------------------------------------------------------------


@_in_chinese
def render_acceptance_notice(case: Case) -> bytes:
    """受理通知书 for an accepted case (also after it was decided): number, applicant, item, date of
    acceptance or the 视为受理 wording, statutory and promised decision due dates as they now stand.

    Raises ``Conflict`` (``case.document_unavailable``) when the case has not been accepted.
    """
    if case.accepted_at is None:
        raise _unavailable(_("该办件尚未受理，没有受理通知书。请先受理后再打印。"))
    issued_on = _acceptance_issue_date(case)
    context = _context(case, title=_("受理通知书"), kind=KIND_ACCEPTANCE, issued_on=issued_on)
    context.update(
        deemed=case.deemed_accepted,
        accepted_on=arabic_date(local_date(case.accepted_at)),
        statutory_due=arabic_date(case.statutory_due),
        promised_due=arabic_date(case.promised_due),
        extension_days=case.extension_days,
    )
    return _render("acceptance_notice.html", context)


@_in_chinese
def render_supplement_notice(case: Case, request: SupplementRequest, *, respond_by: dt.date | None = None) -> bytes:
    """补正材料通知书（一次性告知）: every item to supplement with its note, how to respond, the legal
    basis (行政许可法 第三十二条) and that the acceptance period starts again on resubmission.

    ``respond_by`` prints a date to answer by; the platform itself sets none, so by default the
    notice says the case waits for the applicant. Raises ``Conflict`` when ``request`` belongs to
    another case.
    """
    if request.case_id != case.pk:
        raise _unavailable(_("该补正通知不属于这个办件。"))
    issued_on = local_date(request.requested_at)
    context = _context(case, title=_("补正材料通知书"), kind=KIND_SUPPLEMENT, issued_on=issued_on, serial=request.pk)
    context.update(
        subtitle=_("（一次性告知）"),
        items=[{"name": item.get("name", ""), "note": item.get("note", "")} for item in request.items],
        note=request.note,
        respond_by=arabic_date(respond_by),
        acceptance_law=ACCEPTANCE_LAW,
    )
    return _render("supplement_notice.html", context)


@_in_chinese
def render_refusal_notice(case: Case) -> bytes:
    """不予受理决定书 with the reason, its legal basis and the applicant's rights.

    Raises ``Conflict`` when the case was not refused.
    """
    if case.status != CaseStatus.REFUSED:
        raise _unavailable(_("该办件没有不予受理决定，不能打印不予受理决定书。"))
    issued_on = local_date(case.completed_at or case.updated_at)
    context = _context(case, title=_("不予受理决定书"), kind=KIND_REFUSAL, issued_on=issued_on)
    context.update(
        reason=case.refusal_reason,
        legal_basis=case.refusal_legal_basis,
        rights_notice=RIGHTS_NOTICE,
    )
    return _render("refusal_notice.html", context)


@_in_chinese
def render_decision(case: Case) -> bytes:
    """准予行政许可决定书 or 不予行政许可决定书 with the reason and legal basis; a denial also states
    the applicant's rights (行政许可法 第三十八条). A grant without a recorded legal basis cites the
    item's.

    Raises ``Conflict`` when no decision has been made.
    """
    if case.decision not in Decision.values or case.decided_at is None:
        raise _unavailable(_("该办件尚未作出决定，不能打印决定书。"))
    granted = case.decision == Decision.GRANTED
    issued_on = local_date(case.decided_at)
    context = _context(
        case,
        title=_("准予行政许可决定书") if granted else _("不予行政许可决定书"),
        kind=KIND_GRANT if granted else KIND_DENIAL,
        issued_on=issued_on,
    )
    legal_basis = case.decision_legal_basis or (context["item"]["legal_basis"] if granted else "")
    context.update(
        granted=granted,
        accepted_on=arabic_date(local_date(case.accepted_at)) if case.accepted_at else "",
        reason=case.decision_reason,
        legal_basis=legal_basis,
        rights_notice=None if granted else RIGHTS_NOTICE,
    )
    return _render("decision.html", context)


__all__ = [
    "chinese_date",
    "document_number",
    "render_acceptance_notice",
    "render_decision",
    "render_refusal_notice",
    "render_supplement_notice",
]


DOCUMENT_KINDS = ("acceptance", "supplement", "refusal", "decision")


def case_document_pdf(*, case: Case, kind: str) -> bytes:
    """The printable document ``kind`` of ``case``; ``case.document_unavailable`` when the case is
    not in a state that has it (e.g. a decision before the decision)."""
    if kind == "acceptance":
        return render_acceptance_notice(case)
    if kind == "refusal":
        return render_refusal_notice(case)
    if kind == "decision":
        return render_decision(case)
    if kind == "supplement":
        request = case.supplement_requests.order_by("-requested_at").first()
        if request is None:
            raise Conflict(_("该办件没有补正通知。"), code="case.document_unavailable")
        return render_supplement_notice(case, request)
    raise NotFound(_("没有这种文书。"), code="case.document_unknown")
