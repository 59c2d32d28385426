"""The citizen's identity pages: switch identity (个人 / 单位 / 代办), the legal representative's
handler (经办人) management, mandates (帮办代办) as principal and as agent, and signed-in sessions.

ID numbers travel only in POST bodies (never in a URL) and are shown masked. Every change is a
POST with CSRF that calls one accounts service and redirects (PRG).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from govhall.accounts import facade as accounts
from govhall.accounts.facade import citizen_required
from govhall.cases import facade as cases
from govhall.core.facade import GovhallError, NotFound, rate_limit
from govhall.core.facade import safe_next_url as safe_next


class SwitchForm(forms.Form):
    identity = forms.RegexField(regex=r"^(person|org-[0-9]{1,12}|mandate-[0-9]{1,12})$", max_length=32)


class PersonIdentityForm(forms.Form):
    """A person named by ID number and name (POST only; the number never goes into a URL)."""

    id_number = forms.CharField(
        label=gettext_lazy("身份证号码"),
        max_length=18,
        min_length=15,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    real_name = forms.CharField(label=gettext_lazy("姓名"), max_length=64)


class MandateRequestForm(PersonIdentityForm):
    all_items = forms.BooleanField(label=gettext_lazy("委托办理全部事项"), required=False)
    item_codes = forms.CharField(
        label=gettext_lazy("委托事项编码（多个用空格或逗号分隔）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expires_on = forms.DateField(label=gettext_lazy("有效期至"), widget=forms.DateInput(attrs={"type": "date"}))

    def codes(self) -> list[str]:
        raw = self.cleaned_data.get("item_codes") or ""
        return [c for c in raw.replace(",", " ").replace("，", " ").split() if c]


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("短信验证码"),
        regex=r"^[0-9]{6}$",
        error_messages={"invalid": gettext_lazy("请输入6位数字验证码。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 6}),
    )


def _fail(request: HttpRequest, error: GovhallError) -> None:
    messages.error(request, error.message)


# --- switching identity ----------------------------------------------------------------------


@citizen_required
@require_http_methods(["GET", "POST"])
def identity(request: HttpRequest) -> HttpResponse:
    """The identities the citizen may act as, and the switch between them."""
    form = SwitchForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                chosen = accounts.identity_switch(request=request, value=form.cleaned_data["identity"])
            except GovhallError as error:
                _fail(request, error)
                status = error.status
            else:
                messages.success(
                    request, _("已切换为：%(name)s（%(role)s）") % {"name": chosen.label, "role": chosen.detail}
                )
                return HttpResponseRedirect(safe_next(request, reverse("portal:identity")))
        else:
            status = 422
            messages.error(request, _("请选择要切换的身份。"))
    current = accounts.current_identity(request)
    return render(
        request,
        "portal/identity/switch.html",
        {
            "options": accounts.acting_options(user=request.user),
            "current_value": current.value if current is not None else "person",
            "next": safe_next(request, ""),
        },
        status=status,
    )


# --- organisations and their handlers (经办人) --------------------------------------------------


@citizen_required
def organizations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/identity/organizations.html",
        {
            "led": accounts.organizations_led(user=request.user),
            "handled": accounts.organizations_handled(user=request.user),
        },
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def organization_handlers(request: HttpRequest, organization_id: int) -> HttpResponse:
    """The legal representative's list of handlers, and the grant form."""
    try:
        org = accounts.organization_get_for_representative(user=request.user, organization_id=organization_id)
    except NotFound:
        return render(request, "portal/identity/not_found.html", status=404)
    form = PersonIdentityForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                accounts.handler_grant(
                    user=request.user,  # type: ignore[arg-type]
                    organization_id=org.pk,
                    id_number=form.cleaned_data["id_number"],
                    real_name=form.cleaned_data["real_name"],
                )
            except GovhallError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("已授权经办人。对方切换为单位身份后即可代表本单位办理。"))
                return HttpResponseRedirect(reverse("portal:organization_handlers", args=[org.pk]))
        else:
            status = 422
    handlers = accounts.handlers_for_organization(organization=org)
    return render(
        request,
        "portal/identity/handlers.html",
        {
            "org": org,
            "form": form,
            "live": [h for h in handlers if h.revoked_at is None],
            "past": [h for h in handlers if h.revoked_at],
        },
        status=status,
    )


@citizen_required
@require_POST
def organization_handler_revoke(request: HttpRequest, organization_id: int, handler_id: int) -> HttpResponse:
    try:
        accounts.handler_revoke(user=request.user, organization_id=organization_id, handler_id=handler_id)  # type: ignore[arg-type]
    except NotFound:
        return render(request, "portal/identity/not_found.html", status=404)
    messages.success(request, _("已撤销经办人授权，立即生效。"))
    return HttpResponseRedirect(reverse("portal:organization_handlers", args=[organization_id]))


# --- mandates (帮办代办) ----------------------------------------------------------------------------


@citizen_required
def mandates(request: HttpRequest) -> HttpResponse:
    """Mandates the citizen gave (with the cases agents submitted) and mandates they hold."""
    given = list(accounts.mandates_for_principal(user=request.user))
    submitted = cases.cases_under_mandates(mandate_ids=[m.pk for m in given])
    by_mandate: dict[int, list[Any]] = {}
    for case in submitted:
        by_mandate.setdefault(case.mandate_id or 0, []).append(case)
    return render(
        request,
        "portal/identity/mandates.html",
        {
            "given": [(m, by_mandate.get(m.pk, [])) for m in given],
            "held": accounts.mandates_for_agent(user=request.user),
            "now": timezone.now(),
        },
    )


@citizen_required
@rate_limit("sms_code")
@require_http_methods(["GET", "POST"])
def mandate_new(request: HttpRequest) -> HttpResponse:
    """The agent asks a citizen for a mandate; the citizen receives a code by SMS."""
    form = MandateRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                mandate = accounts.mandate_request(
                    agent=request.user,  # type: ignore[arg-type]
                    id_number=form.cleaned_data["id_number"],
                    real_name=form.cleaned_data["real_name"],
                    all_items=form.cleaned_data["all_items"],
                    item_codes=form.codes(),
                    expires_on=form.cleaned_data["expires_on"],
                )
            except GovhallError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("验证码已发送到委托人登记的手机，请委托人将验证码告诉您。"))
                return HttpResponseRedirect(reverse("portal:mandate_confirm", args=[mandate.pk]))
        else:
            status = 422
    return render(request, "portal/identity/mandate_new.html", {"form": form}, status=status)


@citizen_required
@rate_limit("sms_code")
@require_http_methods(["GET", "POST"])
def mandate_confirm(request: HttpRequest, mandate_id: int) -> HttpResponse:
    try:
        mandate = accounts.mandate_get_for_agent(user=request.user, mandate_id=mandate_id)
    except NotFound:
        return render(request, "portal/identity/not_found.html", status=404)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                accounts.mandate_confirm_sms(agent=request.user, mandate_id=mandate.pk, code=form.cleaned_data["code"])  # type: ignore[arg-type]
            except GovhallError as error:
                form.add_error("code", error.message)
                status = error.status
            else:
                messages.success(request, _("委托已生效。切换为“代办”身份后即可代委托人申请。"))
                return HttpResponseRedirect(reverse("portal:identity"))
        else:
            status = 422
    return render(request, "portal/identity/mandate_confirm.html", {"mandate": mandate, "form": form}, status=status)


@citizen_required
@rate_limit("sms_code")
@require_POST
def mandate_resend(request: HttpRequest, mandate_id: int) -> HttpResponse:
    try:
        accounts.mandate_code_resend(agent=request.user, mandate_id=mandate_id)  # type: ignore[arg-type]
    except NotFound:
        return render(request, "portal/identity/not_found.html", status=404)
    except GovhallError as error:
        _fail(request, error)
    else:
        messages.success(request, _("新的验证码已发送，之前的验证码不再有效。"))
    return HttpResponseRedirect(reverse("portal:mandate_confirm", args=[mandate_id]))


@citizen_required
@require_POST
def mandate_revoke(request: HttpRequest, mandate_id: int) -> HttpResponse:
    try:
        accounts.mandate_revoke(user=request.user, mandate_id=mandate_id)  # type: ignore[arg-type]
    except NotFound:
        return render(request, "portal/identity/not_found.html", status=404)
    except GovhallError as error:
        _fail(request, error)
    else:
        messages.success(request, _("已撤销委托，代办人不能再代您办理。"))
    return HttpResponseRedirect(reverse("portal:mandates"))


# --- signed-in sessions --------------------------------------------------------------------------


@citizen_required
def sessions(request: HttpRequest) -> HttpResponse:
    rows = [(row, accounts.session_is_current(row, request)) for row in accounts.sessions_active(user=request.user)]
    return render(request, "portal/identity/sessions.html", {"rows": rows})


@citizen_required
@require_POST
def session_end(request: HttpRequest, session_id: int) -> HttpResponse:
    try:
        accounts.session_end(user=request.user, session_id=session_id)
    except NotFound:
        return render(request, "portal/identity/not_found.html", status=404)
    messages.success(request, _("已结束该登录会话。"))
    return HttpResponseRedirect(reverse("portal:sessions"))
