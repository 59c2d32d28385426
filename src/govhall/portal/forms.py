from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_QUERY_MAX = 100


class CitizenLoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("身份证号码或手机号码"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True, "inputmode": "text"}),
    )
    password = forms.CharField(
        label=_("密码"), max_length=128, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CatalogSearchForm(forms.Form):
    """The catalogue search (GET). Search words are not personal data; nothing else goes in the URL.

    An invalid filter value (a department that no longer has items, a mistyped page) is dropped
    rather than shown as an error: the visitor still gets results for everything else.
    """

    q = forms.CharField(label=_("搜索办事事项"), max_length=SEARCH_QUERY_MAX, required=False, strip=True)
    department = forms.TypedChoiceField(label=_("办理部门"), required=False, coerce=int, empty_value=None)
    object = forms.ChoiceField(
        label=_("服务对象"),
        required=False,
        choices=[("", _("全部")), ("person", _("个人办事")), ("enterprise", _("法人办事"))],
    )
    theme = forms.ChoiceField(label=_("主题"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data: Any, *, departments: list[tuple[int, str]], theme_choices: list[tuple[str, str]]) -> None:
        data = data.copy()
        if len(data.get("q", "")) > SEARCH_QUERY_MAX:  # a pasted paragraph: search its beginning
            data["q"] = data["q"][:SEARCH_QUERY_MAX]
        super().__init__(data)
        self.fields["department"].choices = [("", _("全部部门")), *departments]  # type: ignore[attr-defined]
        self.fields["theme"].choices = [("", _("全部主题")), *theme_choices]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The valid values; anything invalid counts as "not given"."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "q": cleaned.get("q") or "",
            "department": cleaned.get("department"),
            "object": cleaned.get("object") or None,
            "theme": cleaned.get("theme") or None,
            "page": cleaned.get("page") or 1,
        }


class ApplicantChoiceForm(forms.Form):
    """Who applies: ``person`` (oneself) or ``org-<id>`` (an organisation the user represents).

    Only the shape is checked here; whether the user may act for the organisation and whether the
    item serves that kind of applicant is decided by ``case_draft_save``.
    """

    applicant = forms.RegexField(
        label=_("申请人身份"),
        regex=r"^(person|org-[0-9]{1,12})$",
        error_messages={"required": _("请选择以什么身份申请。"), "invalid": _("请选择以什么身份申请。")},
    )

    def kind_and_organization(self) -> tuple[str, int | None]:
        value = self.cleaned_data["applicant"]
        if value == "person":
            return "person", None
        return "organization", int(value.removeprefix("org-"))


class WithdrawForm(forms.Form):
    """撤回申请: a reason, and an explicit confirmation that the case ends here."""

    reason = forms.CharField(
        label=_("撤回原因"),
        max_length=500,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"required": _("请填写撤回原因。"), "max_length": _("撤回原因不能超过500个字。")},
    )
    confirm = forms.BooleanField(
        label=_("我已知晓：撤回后本次申请即终止，如需办理须重新申请。"),
        error_messages={"required": _("请勾选确认后再撤回。")},
    )
