"""Server-side validation of an application form against the item version's JSON Schema, with
one Chinese message per problem (the same schema drives the browser-side form)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker


def form_problems(schema: dict[str, Any], data: Any) -> list[dict[str, str]]:
    """Every problem of ``data`` against ``schema`` as ``{"field", "message"}``; [] when valid."""
    if not schema:
        return [] if isinstance(data, dict) and not data else [{"field": "", "message": _("该事项不需要填写申请表。")}]
    if not isinstance(data, dict):
        return [{"field": "", "message": _("申请表格式不正确。")}]
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    properties = schema.get("properties", {})
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        field = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            field = missing
            title = properties.get(missing, {}).get("title", missing)
            message = _("请填写“%(title)s”。") % {"title": title}
        else:
            title = properties.get(field, {}).get("title", field) if field else _("申请表")
            message = _messages(error.validator, error.validator_value) % {"title": title}
        problems.append({"field": field, "message": message})
    return problems


def _messages(validator: Any, value: Any) -> str:
    known = {
        "type": _("“%(title)s”的格式不正确。"),
        "maxLength": _("“%(title)s”内容过长。"),
        "minLength": _("“%(title)s”内容过短。"),
        "enum": _("“%(title)s”请从给定选项中选择。"),
        "format": _("“%(title)s”的格式不正确（日期请用YYYY-MM-DD）。"),
        "minimum": _("“%(title)s”的数值过小。"),
        "maximum": _("“%(title)s”的数值过大。"),
        "additionalProperties": _("申请表包含未定义的栏目，请刷新页面后重新填写。"),
        "pattern": _("“%(title)s”的格式不正确。"),
    }
    return known.get(str(validator), _("“%(title)s”填写有误。"))
