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


# --- cases (办件) -----------------------------------------------------------------------------
# Only the shape of the input is checked here; the rules (which status, once only, deadlines) are
# the case services', whose messages the views show next to the field or as a conflict.


class CaseFilterForm(forms.Form):
    """Filters of the worklist (GET); invalid values are dropped, not reported."""

    q = forms.CharField(label=_("办件编号或申请人"), max_length=64, required=False)
    department = forms.TypedChoiceField(label=_("部门"), required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any, *, departments: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["department"].choices = [("", _("全部部门")), *departments]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {"q": (cleaned.get("q") or "").strip(), "department": cleaned.get("department")}


class StyledForm(forms.Form):
    """Bootstrap classes on every widget; radio buttons and checkboxes get the check style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):  # CheckboxSelectMultiple too
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"


def _text(label: Any, *, max_length: int, required: bool = True, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
        **kwargs,
    )


class AcceptForm(StyledForm):
    note = _text(_("受理意见"), max_length=500, required=False, rows=2)


class RefuseForm(StyledForm):
    reason = _text(_("不予受理理由"), max_length=2000, error_messages={"required": _("请写明不予受理的理由。")})
    legal_basis = _text(
        _("法律依据"),
        max_length=1000,
        rows=2,
        error_messages={"required": _("请写明不予受理的法律依据。")},
        help_text=_("例如：《中华人民共和国行政许可法》第三十二条第一款第（二）项"),
    )


class SupplementForm(StyledForm):
    """一次性告知: every material of the item as a checkbox with its own note, plus free-text
    items (one per line) and a note — all sent in one notice."""

    requirements = forms.TypedMultipleChoiceField(
        label=_("需要补正的申请材料"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    other_items = _text(
        _("其他需要补正的内容"),
        max_length=2000,
        required=False,
        help_text=_("每行一项，例如：申请表“经营面积”一栏未填写"),
    )
    note = _text(_("告知说明"), max_length=1000, required=False, rows=2)

    def __init__(self, *args: Any, requirements: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requirement_names = dict(requirements)
        self.fields["requirements"].choices = requirements  # type: ignore[attr-defined]
        for pk, _name in requirements:
            self.fields[f"note_{pk}"] = forms.CharField(label=_("补正要求"), max_length=500, required=False)
        self.style()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("requirements") and not self._other_lines(cleaned):
            raise forms.ValidationError(_("请勾选或填写需要补正的全部内容（一次性告知）。"), code="empty")
        return cleaned

    @staticmethod
    def _other_lines(cleaned: dict[str, Any]) -> list[str]:
        text = _unix_newlines(cleaned.get("other_items") or "")
        return [line.strip() for line in text.split("\n") if line.strip()]

    def items(self) -> list[dict[str, Any]]:
        """What ``case_request_supplement(items=…)`` takes: ticked materials first, then free text."""
        chosen = [
            {
                "requirement_id": pk,
                "name": self.requirement_names[pk],
                "note": (self.cleaned_data.get(f"note_{pk}") or "").strip(),
            }
            for pk in self.cleaned_data["requirements"]
        ]
        other = [{"requirement_id": None, "name": line, "note": ""} for line in self._other_lines(self.cleaned_data)]
        return chosen + other

    def requirement_rows(self) -> list[dict[str, Any]]:
        """One row per material for the template: checkbox state and its note field."""
        ticked = {str(v) for v in (self["requirements"].value() or [])}
        return [
            {"pk": pk, "name": name, "checked": str(pk) in ticked, "note": self[f"note_{pk}"]}
            for pk, name in self.requirement_names.items()
        ]


class ReviewForm(StyledForm):
    """审查意见 on one open review step (审核/初审/复审/并联审查) of the case's process."""

    work_item = forms.TypedChoiceField(
        label=_("审查环节"), coerce=int, widget=forms.RadioSelect, error_messages={"required": _("请选择审查环节。")}
    )
    recommendation = forms.ChoiceField(
        label=_("审查建议"),
        widget=forms.RadioSelect,
        choices=[("approve", _("建议准予")), ("reject", _("建议不予"))],
        error_messages={"required": _("请选择审查建议。")},
    )
    opinion = _text(_("审查意见"), max_length=1000, error_messages={"required": _("请填写审查意见。")})

    def __init__(self, *args: Any, items: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_item"].choices = items  # type: ignore[attr-defined]
        if len(items) == 1:  # the usual case: nothing to choose
            self.fields["work_item"].initial = items[0][0]
            self.fields["work_item"].widget = forms.HiddenInput()


class SuspendForm(StyledForm):
    reason = forms.ChoiceField(label=_("特别程序事由"))
    expected_end = forms.DateField(label=_("预计结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = _text(_("说明"), max_length=500, required=False, rows=2)

    def __init__(self, *args: Any, reasons: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("请选择")), *reasons]  # type: ignore[attr-defined]


class ResumeForm(StyledForm):
    pass


class ExtendForm(StyledForm):
    reason = _text(_("延期理由"), max_length=500, error_messages={"required": _("请写明延期理由。")})


class DecideForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("决定"), widget=forms.RadioSelect, error_messages={"required": _("请选择准予或不予许可。")}
    )
    reason = _text(_("决定理由"), max_length=4000, error_messages={"required": _("请写明决定理由。")})
    legal_basis = _text(_("法律依据"), max_length=2000, required=False, rows=2, help_text=_("不予许可时必须填写"))

    def __init__(self, *args: Any, decisions: list[tuple[str, str]], denied: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.denied = denied
        self.fields["decision"].choices = decisions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == self.denied and not (cleaned.get("legal_basis") or "").strip():
            self.add_error("legal_basis", _("不予许可须写明法律依据。"))
        return cleaned


class CompleteForm(StyledForm):
    note = _text(_("办结说明"), max_length=500, required=False, rows=2)


# --- one-window intake (一窗受理) ------------------------------------------------------------


class NoEchoTextInput(forms.TextInput):
    """A text box that never renders the value it received (an ID number typed at the window is
    not sent back to the screen in clear after a submit)."""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        return super().get_context(name, None, attrs)


class IntakeSearchForm(forms.Form):
    q = forms.CharField(label=_("事项名称或编码"), max_length=100, required=False)


def schema_fields(schema: dict[str, Any]) -> dict[str, forms.Field]:
    """Django fields for the top-level properties of an item's JSON Schema (the application form).

    Only the input types are mapped here; the case service validates against the schema itself."""
    required = set(schema.get("required") or [])
    fields: dict[str, forms.Field] = {}
    for name, prop in (schema.get("properties") or {}).items():
        if not isinstance(prop, dict):
            continue
        label = prop.get("title") or name
        is_required = name in required
        kind = prop.get("type")
        field: forms.Field
        if prop.get("enum"):
            choices = [("", _("请选择")), *[(str(v), str(v)) for v in prop["enum"]]]
            field = forms.ChoiceField(label=label, required=is_required, choices=choices)
        elif kind == "boolean":
            field = forms.BooleanField(label=label, required=False)
        elif kind == "integer":
            field = forms.IntegerField(label=label, required=is_required)
        elif kind == "number":
            field = forms.FloatField(label=label, required=is_required)
        elif prop.get("format") == "date":
            field = forms.DateField(label=label, required=is_required, widget=forms.DateInput(attrs={"type": "date"}))
        else:
            max_length = prop.get("maxLength")
            widget = forms.Textarea(attrs={"rows": 3}) if (max_length or 0) > 200 else forms.TextInput()
            field = forms.CharField(label=label, required=is_required, max_length=max_length, widget=widget)
        if prop.get("description"):
            field.help_text = prop["description"]
        fields[name] = field
    return fields


class IntakeForm(StyledForm):
    """The clerk files a case for a walk-in applicant: who, the application form, and which paper
    originals were checked. Application-form fields are added from the item's schema as
    ``form_<name>``."""

    FORM_PREFIX = "form_"

    applicant_kind = forms.ChoiceField(label=_("申请人类型"), widget=forms.RadioSelect)
    id_number = forms.CharField(
        label=_("申请人身份证号码"),
        max_length=32,
        required=False,
        widget=NoEchoTextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("读取或录入申请人身份证件号码；提交后页面只显示脱敏号码。"),
    )
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("法人或其他组织申请时填写。"),
    )
    applicant_token = forms.CharField(required=False, widget=forms.HiddenInput)
    checked_requirements = forms.TypedMultipleChoiceField(
        label=_("已核验原件"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        applicant_kinds: list[tuple[str, str]],
        requirements: list[tuple[int, str, bool]],
        schema: dict[str, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant_kind"].choices = applicant_kinds  # type: ignore[attr-defined]
        self.fields["applicant_kind"].initial = applicant_kinds[0][0]
        self.requirements = requirements
        self.fields["checked_requirements"].choices = [(pk, name) for pk, name, _req in requirements]  # type: ignore[attr-defined]
        for name, field in schema_fields(schema).items():
            self.fields[self.FORM_PREFIX + name] = field
        self.style()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        ticked = set(cleaned.get("checked_requirements") or [])
        unchecked = [name for pk, name, required in self.requirements if required and pk not in ticked]
        if unchecked:
            self.add_error(
                "checked_requirements",
                _("以下必要材料尚未核验原件：%(names)s。材料不全的，请当场一次性告知申请人需要补齐的材料。")
                % {"names": "、".join(unchecked)},
            )
        return cleaned

    def schema_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(self.FORM_PREFIX)]

    def requirement_rows(self) -> list[dict[str, Any]]:
        ticked = {str(v) for v in (self["checked_requirements"].value() or [])}
        return [
            {"pk": pk, "name": name, "required": required, "checked": str(pk) in ticked}
            for pk, name, required in self.requirements
        ]

    def form_data(self) -> dict[str, Any]:
        """The application form as the case stores it (JSON: dates as YYYY-MM-DD, blanks left out)."""
        data: dict[str, Any] = {}
        for key, value in self.cleaned_data.items():
            if not key.startswith(self.FORM_PREFIX) or value in (None, ""):
                continue
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)  # 50, not 50.0, as the applicant typed it
            data[key.removeprefix(self.FORM_PREFIX)] = value
        return data
