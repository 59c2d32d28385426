"""The application form rendered from an item version's JSON Schema, and the material rows of a
case: shared by the single-item (``apply_views``) and 一件事 (``bundle_views``) pages and the
applicant's case page (``my_case_views``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from govhall.catalog import facade as catalog

FIELD_PREFIX = "f_"
# Form fields prefilled with the applicant's name. Nothing else is prefilled: the ID number and
# the phone stay masked everywhere (DESIGN.md §9), and the form never puts personal data in a URL.
NAME_FIELDS = ("applicant_name", "name")
# File types (catalog ALLOWED_FILE_TYPES) → what the file picker offers.
_EXTENSIONS = {
    "pdf": ".pdf",
    "jpg": ".jpg,.jpeg",
    "jpeg": ".jpg,.jpeg",
    "png": ".png",
    "ofd": ".ofd",
    "doc": ".doc",
    "docx": ".docx",
    "xls": ".xls",
    "xlsx": ".xlsx",
    "zip": ".zip",
}


# --- the application form, rendered from JSON Schema --------------------------------------------


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of the application form, ready for the template."""

    name: str
    title: str
    widget: str  # text | textarea | number | date | select | radio
    required: bool
    value: str
    error: str = ""
    max_length: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    step: str = ""
    minimum: str = ""
    maximum: str = ""
    pattern: str = ""
    description: str = ""

    @property
    def html_name(self) -> str:
        return FIELD_PREFIX + self.name

    @property
    def html_id(self) -> str:
        return "id_" + self.html_name


def _properties(schema: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    props = schema.get("properties") if isinstance(schema, Mapping) else None
    if not isinstance(props, Mapping):
        return {}
    return {str(name): dict(prop) for name, prop in props.items() if isinstance(prop, Mapping)}


def _shown(value: Any) -> str:
    """A stored form value as the input shows it (``True`` → "true", ``12.0`` → "12")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number_attr(prop: Mapping[str, Any], key: str) -> str:
    value = prop.get(key)
    return _shown(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""


def schema_fields(schema: Mapping[str, Any], data: Mapping[str, Any], errors: Mapping[str, str]) -> list[FormField]:
    """The inputs for ``schema`` (string, number, integer, boolean, date, enum) with ``data``'s
    values and ``errors`` by field name, in the schema's order."""
    required = set(schema.get("required") or []) if isinstance(schema, Mapping) else set()
    result = []
    for name, prop in _properties(schema).items():
        kind = prop.get("type")
        max_length = prop.get("maxLength") if isinstance(prop.get("maxLength"), int) else None
        common: dict[str, Any] = {
            "name": name,
            "title": str(prop.get("title") or name),
            "required": name in required,
            "value": _shown(data.get(name)),
            "error": errors.get(name, ""),
            "description": str(prop.get("description") or ""),
        }
        if isinstance(prop.get("enum"), list):
            choices = tuple((_shown(option), _shown(option)) for option in prop["enum"])
            result.append(FormField(widget="select", choices=choices, **common))
        elif kind == "boolean":
            result.append(FormField(widget="radio", choices=(("true", _("是")), ("false", _("否"))), **common))
        elif kind in ("number", "integer"):
            result.append(
                FormField(
                    widget="number",
                    step="1" if kind == "integer" else "any",
                    minimum=_number_attr(prop, "minimum"),
                    maximum=_number_attr(prop, "maximum"),
                    **common,
                )
            )
        elif prop.get("format") == "date":
            result.append(FormField(widget="date", **common))
        else:
            pattern = prop.get("pattern")
            result.append(
                FormField(
                    widget="textarea" if max_length is not None and max_length > 200 else "text",
                    max_length=max_length,
                    pattern=pattern if isinstance(pattern, str) else "",
                    **common,
                )
            )
    return result


def _parse_number(raw: str, kind: str) -> Any:
    try:
        return int(raw)
    except ValueError:
        pass
    if kind == "number":
        try:
            number = float(raw)
        except ValueError:
            return raw
        return number if number == number and number not in (float("inf"), float("-inf")) else raw
    return raw


def form_data_from_post(schema: Mapping[str, Any], post: QueryDict) -> dict[str, Any]:
    """The application form from a POST, typed as the schema says. An empty input is left out (so
    a required one is reported missing); a value of the wrong type is kept as typed, so the server
    validation names the field and the draft keeps what the person wrote."""
    data: dict[str, Any] = {}
    for name, prop in _properties(schema).items():
        raw = post.get(FIELD_PREFIX + name)
        if raw is None:
            continue
        raw = raw.strip()
        if raw == "":
            continue
        kind = prop.get("type")
        if isinstance(prop.get("enum"), list):
            data[name] = next((option for option in prop["enum"] if _shown(option) == raw), raw)
        elif kind == "boolean":
            data[name] = {"true": True, "false": False}.get(raw, raw)
        elif kind in ("number", "integer"):
            data[name] = _parse_number(raw, str(kind))
        else:
            data[name] = raw
    return data


def prefill(schema: Mapping[str, Any], name: str) -> dict[str, Any]:
    """A new draft's form: the applicant's name where the form asks for it (see ``NAME_FIELDS``)."""
    data: dict[str, Any] = {}
    for field_name, prop in _properties(schema).items():
        if field_name in NAME_FIELDS and prop.get("type") == "string" and "enum" not in prop:
            limit = prop.get("maxLength")
            data[field_name] = name[:limit] if isinstance(limit, int) else name
    return data


# --- materials -------------------------------------------------------------------------------


@dataclass(slots=True)
class MaterialRow:
    """One material requirement with what the applicant has supplied for it."""

    requirement: Any
    files: list[Any] = field(default_factory=list)
    error: str = ""

    @property
    def anchor(self) -> str:
        return f"material-{self.requirement.pk}"

    @property
    def accept(self) -> str:
        seen: list[str] = []
        for kind in self.requirement.file_types or []:
            for extension in _EXTENSIONS.get(str(kind), "").split(","):
                if extension and extension not in seen:
                    seen.append(extension)
        return ",".join(seen)

    @property
    def types_label(self) -> str:
        return "、".join(str(kind) for kind in self.requirement.file_types or [])

    @property
    def max_bytes(self) -> int:
        return int(self.requirement.max_size_mb) * 1024 * 1024

    @property
    def required(self) -> bool:
        return bool(self.requirement.necessity == catalog.MaterialNecessity.REQUIRED)

    @property
    def supplied(self) -> bool:
        return bool(self.files)

    @property
    def sample_url(self) -> str:
        return _link(self.requirement.sample_file or "")

    @property
    def blank_form_url(self) -> str:
        return _link(self.requirement.blank_form_file or "")


def material_rows(case: Any, errors: Mapping[str, str]) -> list[MaterialRow]:
    version = case.item_version
    if version is None:
        return []
    rows = {req.pk: MaterialRow(requirement=req) for req in version.materials.all()}
    for material in case.materials.all():
        row = rows.get(material.requirement_id)
        if row is not None:
            row.files.append(material)
    for row in rows.values():
        row.error = errors.get(row.anchor, "")
    return list(rows.values())


def _link(value: str) -> str:
    """A sample or blank form reference as a link target, when it is one."""
    return value if value.startswith(("https://", "http://", "/")) else ""
