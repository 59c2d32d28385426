from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CitizenLoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("身份证号码或手机号码"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True, "inputmode": "text"}),
    )
    password = forms.CharField(
        label=_("密码"), max_length=128, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
