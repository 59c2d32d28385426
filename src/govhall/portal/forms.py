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
