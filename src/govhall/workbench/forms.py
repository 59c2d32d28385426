from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(forms.Form):
    username = forms.CharField(
        label=_("登录名"), max_length=64, widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True})
    )
    password = forms.CharField(
        label=_("密码"), max_length=128, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TotpForm(forms.Form):
    code = forms.CharField(
        label=_("动态口令"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "pattern": "[0-9 ]*"}
        ),
    )


# --- catalogue administration ---------------------------------------------------------------

_TEXTAREA = {"rows": 3}


def _unix_newlines(value: Any) -> Any:
    """Browsers send textarea line breaks as CRLF; the catalogue stores LF (else every save is a "change")."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap classes on every widget (Django itself adds aria-invalid and aria-describedby)."""
    for bound in form.fields.values():
        widget = bound.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css


_FILE_TYPE_SEPARATORS = re.compile(r"[,，、;；\s]+")


class CatalogFilterForm(forms.Form):
    """Filters of the items list (GET); invalid values are dropped, not reported."""

    q = forms.CharField(label=_("事项名称或编码"), max_length=100, required=False)
    department = forms.TypedChoiceField(label=_("部门"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("最新版本状态"), required=False)

    def __init__(self, data: Any, *, departments: list[tuple[int, str]], statuses: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["department"].choices = [("", _("全部部门")), *departments]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("全部状态")), *statuses]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {"q": cleaned.get("q") or "", "department": cleaned.get("department"), "status": cleaned.get("status")}


class VersionEditForm(forms.Form):
    """The editable fields of a draft version. Only types are checked here; the rules (limits,
    choices, consistency) are the catalogue service's, whose messages appear next to the field."""

    name = forms.CharField(label=_("事项名称"), max_length=200)
    keywords = forms.CharField(
        label=_("关键词"), max_length=500, required=False, help_text=_("用于搜索，多个关键词以逗号分隔")
    )
    summary = forms.CharField(label=_("事项简介"), required=False, widget=forms.Textarea(attrs=_TEXTAREA))
    conditions = forms.CharField(label=_("受理条件"), required=False, widget=forms.Textarea(attrs=_TEXTAREA))
    legal_basis = forms.CharField(label=_("法律依据"), required=False, widget=forms.Textarea(attrs=_TEXTAREA))
    statutory_limit = forms.IntegerField(label=_("法定办结时限"))
    promised_limit = forms.IntegerField(label=_("承诺办结时限"))
    limit_unit = forms.ChoiceField(label=_("时限单位"))
    handling_type = forms.ChoiceField(label=_("办件类型"))
    service_object = forms.ChoiceField(label=_("服务对象"))
    is_free = forms.BooleanField(label=_("不收费"), required=False)
    visits_required = forms.IntegerField(label=_("到办事现场次数"))
    online_application = forms.BooleanField(label=_("支持网上申请"), required=False)
    uses_pre_review = forms.BooleanField(label=_("网上预审"), required=False)
    result_delivery = forms.CharField(label=_("结果送达方式"), max_length=200, required=False)
    issues_license = forms.BooleanField(label=_("颁发证照"), required=False)
    license_type_code = forms.CharField(label=_("证照类型代码"), max_length=40, required=False)
    handling_place = forms.CharField(label=_("办理地点"), max_length=300, required=False)
    handling_hours = forms.CharField(label=_("办理时间"), max_length=300, required=False)
    consultation_channel = forms.CharField(label=_("咨询方式"), max_length=300, required=False)
    complaint_channel = forms.CharField(label=_("监督投诉方式"), max_length=300, required=False)
    process_description = forms.CharField(label=_("办理流程"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    themes = forms.MultipleChoiceField(label=_("主题"), required=False, widget=forms.CheckboxSelectMultiple)
    change_note = forms.CharField(
        label=_("修订说明"), max_length=300, required=False, help_text=_("说明本版改了什么、为什么改")
    )

    def __init__(
        self,
        *args: Any,
        limit_units: list[tuple[str, str]],
        handling_types: list[tuple[str, str]],
        service_objects: list[tuple[str, str]],
        themes: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["limit_unit"].choices = limit_units  # type: ignore[attr-defined]
        self.fields["handling_type"].choices = handling_types  # type: ignore[attr-defined]
        self.fields["service_object"].choices = service_objects  # type: ignore[attr-defined]
        self.fields["themes"].choices = themes  # type: ignore[attr-defined]
        _bootstrap(self)

    def version_fields(self) -> dict[str, Any]:
        """What the service's ``fields`` argument takes (themes go separately)."""
        return {name: _unix_newlines(value) for name, value in self.cleaned_data.items() if name != "themes"}


class MaterialRowForm(forms.Form):
    """One material requirement of a draft (a row of the materials table)."""

    name = forms.CharField(label=_("材料名称"), max_length=200)
    necessity = forms.ChoiceField(label=_("必要性"), initial="required")
    form = forms.ChoiceField(label=_("材料形式"), initial="electronic")
    copies = forms.IntegerField(label=_("份数"), initial=1)
    file_types = forms.CharField(
        label=_("文件类型"), max_length=200, required=False, initial="pdf, jpg, png", help_text=_("以逗号分隔")
    )
    max_size_mb = forms.IntegerField(label=_("大小上限（MB）"), initial=10)
    satisfied_by_license_type = forms.CharField(label=_("可由证照替代（证照类型代码）"), max_length=40, required=False)
    note = forms.CharField(label=_("填报须知"), max_length=500, required=False)
    condition_note = forms.CharField(label=_("适用情形"), max_length=300, required=False)
    source = forms.CharField(label=_("来源渠道"), max_length=200, required=False)
    legal_source = forms.CharField(label=_("材料依据"), max_length=300, required=False)
    satisfied_by_data_resource = forms.CharField(label=_("可由共享数据替代（资源代码）"), max_length=64, required=False)
    sample_file = forms.CharField(label=_("示例样表"), max_length=200, required=False)
    blank_form_file = forms.CharField(label=_("空白表格"), max_length=200, required=False)

    MAIN_FIELDS = (
        "name",
        "necessity",
        "form",
        "copies",
        "file_types",
        "max_size_mb",
        "satisfied_by_license_type",
        "note",
    )

    def __init__(
        self, *args: Any, necessities: list[tuple[str, str]], forms_: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["necessity"].choices = necessities  # type: ignore[attr-defined]
        self.fields["form"].choices = forms_  # type: ignore[attr-defined]
        _bootstrap(self)

    @staticmethod
    def initial_from(material: Any) -> dict[str, Any]:
        initial = {name: getattr(material, name) for name in MaterialRowForm.base_fields}
        initial["file_types"] = ", ".join(material.file_types or [])
        return initial

    def material(self) -> dict[str, Any]:
        """What the service's ``materials`` argument takes for this row."""
        data = {name: _unix_newlines(value) for name, value in self.cleaned_data.items() if name in self.base_fields}
        data["file_types"] = [part for part in _FILE_TYPE_SEPARATORS.split(data.get("file_types") or "") if part]
        return data

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MAIN_FIELDS]

    def extra_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.base_fields if name not in self.MAIN_FIELDS]


MaterialFormSet = forms.formset_factory(MaterialRowForm, extra=1, can_delete=True, max_num=100, validate_max=True)


class PublishForm(forms.Form):
    effective_from = forms.DateField(
        label=_("生效日期"),
        required=False,
        help_text=_("留空则今天生效"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class RetireForm(forms.Form):
    # Not ``required``: the service refuses an empty reason with its own message.
    reason = forms.CharField(
        label=_("停用原因"), max_length=200, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
