"""Citizen registration (个人用户注册) and real-name verification (实名认证) pages.

Registration takes ID number (GB 11643 checked), name, mobile phone and a password, creates the
account at real-name level L1 and signs the citizen in. Registration is rate-limited per client
address (``GOVHALL_RATE_LIMIT_REGISTER``). ``/me/realname/`` shows the level and lets the citizen
have it verified by the real-name provider (L2); L3 is recorded at a window.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from govhall.accounts.facade import (
    SESSION_BACKEND,
    RealNameLevel,
    citizen_required,
    login_record,
    public,
    realname_info,
    realname_register,
    realname_verifications,
    realname_verify,
)
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError, parse_id_number, parse_mobile_phone, rate_limit, safe_next_url


class RegistrationForm(forms.Form):
    real_name = forms.CharField(
        label=gettext_lazy("姓名"), max_length=64, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    id_number = forms.CharField(
        label=gettext_lazy("身份证号码"),
        max_length=18,
        min_length=15,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    password = forms.CharField(
        label=gettext_lazy("密码"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("至少10位，不能是常见密码或纯数字。"),
    )
    password_again = forms.CharField(
        label=gettext_lazy("再次输入密码"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    agree = forms.BooleanField(
        label=gettext_lazy("我确认以上信息为本人真实信息，并同意平台依法核验。"),
        error_messages={"required": gettext_lazy("请阅读并勾选确认。")},
    )

    def clean_id_number(self) -> str:
        try:
            return parse_id_number(self.cleaned_data["id_number"]).value
        except GovhallError as error:
            raise ValidationError(error.message, code=error.code) from None

    def clean_phone(self) -> str:
        try:
            return parse_mobile_phone(self.cleaned_data["phone"])
        except GovhallError as error:
            raise ValidationError(error.message, code=error.code) from None

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("两次输入的密码不一致。"))
        elif password:
            try:
                validate_password(password)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


@public
@rate_limit("register")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    next_url = safe_next_url(request, "")
    if request.user.is_authenticated and getattr(request.user, "is_citizen", False):
        return HttpResponseRedirect(next_url or reverse("portal:me"))
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = realname_register(
                    actor=Actor(user_id=None, role="anonymous"),
                    real_name=data["real_name"],
                    id_number=data["id_number"],
                    phone=data["phone"],
                    password=data["password"],
                )
            except GovhallError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = error.status
            else:
                login(request, user, backend=SESSION_BACKEND)
                login_record(user=user)
                messages.success(request, _("注册成功。完成实名核验后可以办理更多事项。"))
                return HttpResponseRedirect(next_url or reverse("portal_register:realname"))
    return render(request, "portal/register/register.html", {"form": form, "next": next_url}, status=status)


@citizen_required
@require_http_methods(["GET", "POST"])
def realname(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    error_message = ""
    status = 200
    if request.method == "POST":
        try:
            level = realname_verify(user=user)
        except GovhallError as error:
            error_message = error.message
            status = error.status
        else:
            if level >= RealNameLevel.VERIFIED:
                messages.success(request, _("实名核验通过。"))
                # back to where verification was asked for (e.g. a departmental system's sign-in)
                next_url = safe_next_url(request, "")
                if next_url:
                    return HttpResponseRedirect(next_url)
            return HttpResponseRedirect(reverse("portal_register:realname"))
    context = {
        "info": realname_info(user=user),
        "verifications": realname_verifications(user=user),
        "error_message": error_message,
        "can_verify": realname_info(user=user).level < RealNameLevel.VERIFIED,
        "levels": [(level.value, level.label) for level in RealNameLevel if level.value > 0],
        "next": safe_next_url(request, ""),
    }
    return render(request, "portal/register/realname.html", context, status=status)
