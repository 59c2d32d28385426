"""我的证照 (the licence wallet): the licences a citizen holds in person or through an organisation
they represent; download the signed PDF, show the QR code (亮证), and 用证授权 — authorise one
application to use a licence for a stated purpose until a date, list and revoke authorisations.

Licences are loaded only through the licences gatekeeper: another person's licence answers "not
found" exactly like a missing one. Every change is a POST with CSRF that calls one service and
redirects (PRG). No identifier other than the row id appears in a URL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.accounts.facade import citizen_required
from govhall.cases import facade as cases
from govhall.core import facade as core
from govhall.core.contracts import SubjectRef
from govhall.core.facade import GovhallError, NotFound
from govhall.licenses import facade as licenses

# Applications a licence may be authorised for: not yet decided or finished.
AUTHORIZABLE_STATUSES = (
    cases.CaseStatus.DRAFT,
    cases.CaseStatus.SUBMITTED,
    cases.CaseStatus.SUPPLEMENT_REQUESTED,
    cases.CaseStatus.IN_REVIEW,
    cases.CaseStatus.SUSPENDED,
)
DEFAULT_AUTHORIZATION_DAYS = 30


class AuthorizationForm(forms.Form):
    case = forms.TypedChoiceField(
        label=gettext_lazy("授权给哪件申请"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    purpose = forms.CharField(
        label=gettext_lazy("用途"),
        max_length=licenses.AUTHORIZATION_PURPOSE_MAX_LENGTH,
        help_text=gettext_lazy("例如：办理食品经营许可，供审批部门核验经营场所"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("授权截止日期"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("最长90天，且不晚于证照有效期"),
    )

    def __init__(self, *args: Any, case_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = case_choices  # type: ignore[attr-defined]


def _case_label(case: Any) -> str:
    name = case.item_version.name if case.item_version is not None else str(getattr(case.bundle, "name", ""))
    number = case.number or _("草稿")
    return f"{number} · {name}"


def _case_choices(user: Any) -> list[tuple[int, str]]:
    rows = cases.cases_for_applicant(user=user).filter(status__in=AUTHORIZABLE_STATUSES)[:50]
    return [(case.pk, _case_label(case)) for case in rows]


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/cases/message.html",
        {"title": _("证照不存在"), "message": _("没有找到这个证照。请从“我的证照”中选择。")},
        status=404,
    )


def _detail_url(license_id: int) -> str:
    return reverse("portal:wallet_license", args=[license_id])


@citizen_required
@require_GET
def wallet(request: HttpRequest) -> HttpResponse:
    """All licences of the signed-in citizen and of the organisations they represent."""
    return render(
        request,
        "portal/wallet/list.html",
        {
            "entries": licenses.wallet_licenses(user=request.user),
            "authorizations": licenses.authorizations_for_holder(user=request.user),
        },
    )


def _detail(
    request: HttpRequest, license_id: int, *, form: AuthorizationForm | None = None, status: int = 200
) -> HttpResponse:
    entry = licenses.license_get_for_holder(user=request.user, license_id=license_id)
    choices = _case_choices(request.user)
    if form is None:
        default_until = core.local_date(timezone.now()) + dt.timedelta(days=DEFAULT_AUTHORIZATION_DAYS)
        if entry.license.valid_until is not None and entry.license.valid_until < default_until:
            default_until = entry.license.valid_until
        form = AuthorizationForm(case_choices=choices, initial={"expires_on": default_until})
    return render(
        request,
        "portal/wallet/detail.html",
        {
            "entry": entry,
            "license": entry.license,
            "authorizations": licenses.authorizations_for_holder(user=request.user, license_id=license_id),
            "form": form,
            "can_authorize": entry.license.status == "valid" and bool(choices),
            "has_cases": bool(choices),
        },
        status=status,
    )


@citizen_required
@require_GET
def wallet_license(request: HttpRequest, license_id: int) -> HttpResponse:
    try:
        return _detail(request, license_id)
    except NotFound:
        return _not_found(request)


@citizen_required
@require_GET
def wallet_license_pdf(request: HttpRequest, license_id: int) -> HttpResponseBase:
    """The signed PDF as a download (audited)."""
    try:
        handle, filename = licenses.license_pdf_for_holder(user=request.user, license_id=license_id)
    except NotFound:
        return _not_found(request)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required
@require_GET
def wallet_license_qr(request: HttpRequest, license_id: int) -> HttpResponse:
    """The licence's QR code (SVG) leading to the public verification page."""
    try:
        svg = licenses.license_qr_svg_for_holder(user=request.user, license_id=license_id)
    except NotFound:
        return HttpResponse(status=404)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required
@require_POST
def wallet_authorize(request: HttpRequest, license_id: int) -> HttpResponse:
    """用证授权: one of the user's own applications may use this licence for a purpose, until a date."""
    try:
        licenses.license_get_for_holder(user=request.user, license_id=license_id)
    except NotFound:
        return _not_found(request)
    form = AuthorizationForm(request.POST, case_choices=_case_choices(request.user))
    if not form.is_valid():
        return _detail(request, license_id, form=form, status=422)
    try:
        case = cases.case_get_for_applicant(user=request.user, case_id=form.cleaned_data["case"])
        licenses.license_use_authorize(
            user=request.user,
            license_id=license_id,
            subject=SubjectRef("case", str(case.pk)),
            subject_label=_case_label(case),
            purpose=form.cleaned_data["purpose"],
            expires_on=form.cleaned_data["expires_on"],
        )
    except NotFound:
        return _not_found(request)
    except GovhallError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _detail(request, license_id, form=form, status=error.status)
    messages.success(request, _("已授权。授权到期或撤销后，该申请不能再使用此证照。"))
    return HttpResponseRedirect(_detail_url(license_id) + "#authorizations")


@citizen_required
@require_http_methods(["POST"])
def wallet_authorization_revoke(request: HttpRequest, authorization_id: int) -> HttpResponse:
    try:
        info = licenses.license_use_revoke(user=request.user, authorization_id=authorization_id)
    except NotFound:
        return _not_found(request)
    except GovhallError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("portal:wallet"))
    messages.success(request, _("已撤销授权。"))
    return HttpResponseRedirect(_detail_url(info.license_id) + "#authorizations")
