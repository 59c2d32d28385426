"""Writes for the catalogue: basic items, service items and their versions.

Lifecycle of a version: draft → published → retired. Publishing a new version of an item retires
the previously published one in the same transaction (compare-and-set on both statuses); a
published version is never edited — ``version_draft_from`` copies it into a new draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from govhall.catalog import search
from govhall.catalog.constants import (
    ALLOWED_FILE_TYPES,
    MAX_MATERIAL_SIZE_MB,
    ExerciseLevel,
    HandlingType,
    ItemType,
    LimitUnit,
    MaterialForm,
    MaterialNecessity,
    ServiceObject,
    VersionStatus,
)
from govhall.catalog.models import (
    BasicItem,
    FeeItem,
    MaterialRequirement,
    ServiceItem,
    ServiceItemVersion,
    Theme,
)
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import Conflict, NotFound, ValidationFailed, audit_record, parse_credit_code

# Fields of a version that a draft edit may set (materials, fees and themes are separate).
VERSION_FIELDS = (
    "name",
    "keywords",
    "summary",
    "conditions",
    "legal_basis",
    "statutory_limit",
    "promised_limit",
    "limit_unit",
    "handling_type",
    "service_object",
    "is_free",
    "visits_required",
    "online_application",
    "min_realname_level",
    "uses_pre_review",
    "result_delivery",
    "issues_license",
    "license_type_code",
    "handling_place",
    "handling_hours",
    "consultation_channel",
    "complaint_channel",
    "process_description",
    "faq",
    "form_schema",
    "form_ui",
    "process_key",
    "effective_from",
    "change_note",
)
MATERIAL_FIELDS = (
    "name",
    "necessity",
    "condition_note",
    "form",
    "copies",
    "file_types",
    "max_size_mb",
    "sample_file",
    "blank_form_file",
    "source",
    "legal_source",
    "satisfied_by_license_type",
    "satisfied_by_data_resource",
    "note",
)
FEE_FIELDS = ("name", "amount", "legal_basis", "note")


def _ref(version: ServiceItemVersion) -> SubjectRef:
    return SubjectRef("service_item_version", str(version.pk))


def _invalid(message: Any, *, code: str, field: str, **params: Any) -> ValidationFailed:
    return ValidationFailed(message, code=code, field=field, params=params)


# --- validation -----------------------------------------------------------------------------


def validate_basic_code(code: str) -> str:
    code = code.strip().upper()
    if len(code) != 12 or not code.isalnum():
        raise _invalid(_("基本编码应为12位字母或数字。"), code="catalog.basic_code", field="basic_code")
    return code


def validate_implementation_code(code: str, *, department_credit_code: str) -> str:
    """Implementation codes start with the implementing department's credit code (GB/T 39554.1)."""
    code = code.strip().upper()
    if not code.startswith(department_credit_code):
        raise _invalid(
            _("实施编码应以实施主体的统一社会信用代码开头。"), code="catalog.implementation_code", field="code"
        )
    if not 18 < len(code) <= 40 or not code.isalnum():
        raise _invalid(
            _("实施编码应为统一社会信用代码加基本编码等组成的19至40位字母或数字。"),
            code="catalog.implementation_code",
            field="code",
        )
    parse_credit_code(code[:18])
    return code


def validate_version_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise the version fields present in ``data``; raise on the first problem."""
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if name not in VERSION_FIELDS:
            raise _invalid(_("未知字段：%(name)s"), code="catalog.unknown_field", field=name, name=name)
        clean[name] = value
    if "name" in clean and not str(clean["name"]).strip():
        raise _invalid(_("请填写事项名称。"), code="catalog.name_required", field="name")
    choices = {
        "limit_unit": LimitUnit.values,
        "handling_type": HandlingType.values,
        "service_object": ServiceObject.values,
    }
    for name, allowed in choices.items():
        if name in clean and clean[name] not in allowed:
            raise _invalid(_("%(name)s 的取值无效。"), code="catalog.choice", field=name, name=name)
    if "min_realname_level" in clean and clean["min_realname_level"] not in (1, 2, 3):
        raise _invalid(_("最低实名认证等级应为1、2或3。"), code="catalog.realname_level", field="min_realname_level")
    for name in ("statutory_limit", "promised_limit", "visits_required"):
        if name in clean:
            value = clean[name]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 3650:
                raise _invalid(_("%(name)s 应为0至3650之间的整数。"), code="catalog.integer", field=name, name=name)
    if "faq" in clean:
        faq = clean["faq"]
        if not isinstance(faq, list) or not all(isinstance(e, dict) and {"q", "a"} <= set(e) for e in faq):
            raise _invalid(_("常见问题应为问答列表。"), code="catalog.faq", field="faq")
    for name in ("form_schema", "form_ui"):
        if name in clean and not isinstance(clean[name], dict):
            raise _invalid(_("%(name)s 应为JSON对象。"), code="catalog.json_object", field=name, name=name)
    if clean.get("form_schema"):
        _check_json_schema(clean["form_schema"])
    if isinstance(clean.get("effective_from"), str):
        try:
            clean["effective_from"] = dt.date.fromisoformat(clean["effective_from"])
        except ValueError:
            raise _invalid(_("生效日期格式应为YYYY-MM-DD。"), code="catalog.date", field="effective_from") from None
    return clean


def _check_json_schema(schema: Mapping[str, Any]) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise _invalid(
            _("申请表单不是有效的 JSON Schema：%(problem)s"),
            code="catalog.form_schema",
            field="form_schema",
            problem=error.message[:200],
        ) from None


def validate_material(data: Mapping[str, Any]) -> dict[str, Any]:
    clean = {name: data[name] for name in MATERIAL_FIELDS if name in data}
    unknown = set(data) - set(MATERIAL_FIELDS)
    if unknown:
        raise _invalid(
            _("未知字段：%(name)s"), code="catalog.unknown_field", field="materials", name=sorted(unknown)[0]
        )
    if not str(clean.get("name", "")).strip():
        raise _invalid(_("请填写材料名称。"), code="catalog.material_name", field="materials.name")
    if clean.get("necessity") not in MaterialNecessity.values:
        raise _invalid(_("材料必要性的取值无效。"), code="catalog.material_necessity", field="materials.necessity")
    if "form" in clean and clean["form"] not in MaterialForm.values:
        raise _invalid(_("材料形式的取值无效。"), code="catalog.material_form", field="materials.form")
    types = [str(t).lower().lstrip(".") for t in clean.get("file_types") or ["pdf", "jpg", "png"]]
    bad = [t for t in types if t not in ALLOWED_FILE_TYPES]
    if bad:
        raise _invalid(
            _("不支持的文件类型：%(types)s。可选：%(allowed)s。"),
            code="catalog.material_file_types",
            field="materials.file_types",
            types=", ".join(bad),
            allowed=", ".join(ALLOWED_FILE_TYPES),
        )
    clean["file_types"] = types
    size = clean.get("max_size_mb", 10)
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_MATERIAL_SIZE_MB:
        raise _invalid(
            _("材料大小上限应为1至%(max)d MB之间的整数。"),
            code="catalog.material_size",
            field="materials.max_size_mb",
            max=MAX_MATERIAL_SIZE_MB,
        )
    copies = clean.get("copies", 1)
    if not isinstance(copies, int) or isinstance(copies, bool) or copies < 1:
        raise _invalid(_("份数应为正整数。"), code="catalog.material_copies", field="materials.copies")
    return clean


def validate_fee(data: Mapping[str, Any]) -> dict[str, Any]:
    clean = {name: data[name] for name in FEE_FIELDS if name in data}
    try:
        amount = Decimal(str(clean.get("amount")))
    except (InvalidOperation, ValueError):
        raise _invalid(_("收费标准应为金额（元）。"), code="catalog.fee_amount", field="fees.amount") from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise _invalid(_("收费标准应为不小于0、最多两位小数的金额。"), code="catalog.fee_amount", field="fees.amount")
    if not str(clean.get("name", "")).strip() or not str(clean.get("legal_basis", "")).strip():
        raise _invalid(_("收费项目须写明名称和收费依据。"), code="catalog.fee_basis", field="fees.legal_basis")
    clean["amount"] = amount
    return clean


# --- basic items and service items ----------------------------------------------------------


def basic_item_upsert(
    *, actor: Actor, code: str, name: str, item_type: str, exercise_level: str, legal_basis: str = ""
) -> BasicItem:
    code = validate_basic_code(code)
    if item_type not in ItemType.values:
        raise _invalid(_("事项类型的取值无效。"), code="catalog.item_type", field="item_type")
    if exercise_level not in ExerciseLevel.values:
        raise _invalid(_("行使层级的取值无效。"), code="catalog.exercise_level", field="exercise_level")
    with transaction.atomic():
        item, created = BasicItem.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "item_type": item_type,
                "exercise_level": exercise_level,
                "legal_basis": legal_basis,
            },
        )
        audit_record(
            actor=actor,
            action="basic_item.create" if created else "basic_item.update",
            subject=SubjectRef("basic_item", code),
            after={"name": name, "item_type": item_type, "exercise_level": exercise_level},
        )
    return item


def service_item_create(
    *,
    actor: Actor,
    code: str,
    basic_item: BasicItem,
    department: Any,
    region: Any,
    fields: Mapping[str, Any],
    materials: Sequence[Mapping[str, Any]] = (),
    fees: Sequence[Mapping[str, Any]] = (),
    theme_slugs: Sequence[str] = (),
) -> ServiceItemVersion:
    """Create a service item with its first (draft) version. Nothing is written on any error."""
    code = validate_implementation_code(code, department_credit_code=department.credit_code)
    clean = validate_version_fields(fields)
    for name in ("name", "statutory_limit", "promised_limit", "handling_type", "service_object"):
        if name not in clean:
            raise _invalid(_("缺少必填字段：%(name)s"), code="catalog.required", field=name, name=name)
    with transaction.atomic():
        if ServiceItem.objects.filter(code=code).exists():
            raise Conflict(_("实施编码已存在。"), code="catalog.code_taken", field="code")
        item = ServiceItem.objects.create(code=code, basic_item=basic_item, department=department, region=region)
        version = _version_create(item=item, number=1, clean=clean, actor=actor)
        _replace_children(version=version, materials=materials, fees=fees, theme_slugs=theme_slugs)
        audit_record(actor=actor, action="service_item.create", subject=_ref(version), after=version_snapshot(version))
    return version


def _version_create(*, item: ServiceItem, number: int, clean: Mapping[str, Any], actor: Actor) -> ServiceItemVersion:
    version = ServiceItemVersion(service_item=item, version=number, created_by_id=actor.user_id, **clean)
    _check_limits(version)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        raise Conflict(_("该事项已有草稿版本，请在草稿上继续修改。"), code="catalog.draft_exists") from None
    return version


def validate_limits(*, statutory_limit: int, promised_limit: int) -> None:
    """The promised limit (承诺时限) may not exceed the statutory one."""
    if promised_limit > statutory_limit:
        raise _invalid(
            _("承诺办结时限不能长于法定办结时限。"), code="catalog.promised_exceeds_statutory", field="promised_limit"
        )


def _check_limits(version: ServiceItemVersion) -> None:
    validate_limits(statutory_limit=version.statutory_limit, promised_limit=version.promised_limit)


def _replace_children(
    *,
    version: ServiceItemVersion,
    materials: Sequence[Mapping[str, Any]] | None,
    fees: Sequence[Mapping[str, Any]] | None,
    theme_slugs: Sequence[str] | None,
) -> None:
    if materials is not None:
        cleaned = [validate_material(m) for m in materials]
        for old in version.materials.all():
            old.delete()
        for order, data in enumerate(cleaned):
            MaterialRequirement.objects.create(version=version, sort_order=order, **data)
    if fees is not None:
        cleaned_fees = [validate_fee(f) for f in fees]
        for old_fee in version.fees.all():
            old_fee.delete()
        for order, data in enumerate(cleaned_fees):
            FeeItem.objects.create(version=version, sort_order=order, **data)
        validate_fee_conflict(is_free=version.is_free, fee_count=len(cleaned_fees))
    if theme_slugs is not None:
        themes = list(Theme.objects.filter(slug__in=theme_slugs))
        if len(themes) != len(set(theme_slugs)):
            raise _invalid(_("主题不存在。"), code="catalog.theme_unknown", field="themes")
        version.themes.set(themes)


# --- versions -------------------------------------------------------------------------------


def version_update_draft(
    *,
    actor: Actor,
    version: ServiceItemVersion,
    fields: Mapping[str, Any],
    materials: Sequence[Mapping[str, Any]] | None = None,
    fees: Sequence[Mapping[str, Any]] | None = None,
    theme_slugs: Sequence[str] | None = None,
) -> ServiceItemVersion:
    """Edit a draft. Raises ``catalog.not_draft`` (409) for a published or retired version."""
    clean = validate_version_fields(fields)
    with transaction.atomic():
        locked = ServiceItemVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status != VersionStatus.DRAFT:
            raise Conflict(
                _("已发布或已停用的版本不能修改，请新建草稿版本。"), code="catalog.not_draft", field="status"
            )
        before = version_snapshot(locked)
        for name, value in clean.items():
            setattr(locked, name, value)
        _check_limits(locked)
        locked.save()
        _replace_children(version=locked, materials=materials, fees=fees, theme_slugs=theme_slugs)
        if fees is None:
            validate_fee_conflict(is_free=locked.is_free, fee_count=locked.fees.count())
        audit_record(
            actor=actor,
            action="service_item_version.update",
            subject=_ref(locked),
            before=before,
            after=version_snapshot(locked),
        )
    return locked


def version_draft_from(*, actor: Actor, version: ServiceItemVersion) -> ServiceItemVersion:
    """Start a new draft as a copy of ``version`` (usually the published one)."""
    with transaction.atomic():
        item = ServiceItem.objects.select_for_update().get(pk=version.service_item_id)
        if item.versions.filter(status=VersionStatus.DRAFT).exists():
            raise Conflict(_("该事项已有草稿版本，请在草稿上继续修改。"), code="catalog.draft_exists")
        number = (item.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
        source = ServiceItemVersion.objects.get(pk=version.pk)
        fields = {name: getattr(source, name) for name in VERSION_FIELDS}
        fields["change_note"] = ""
        fields["effective_from"] = None
        draft = _version_create(item=item, number=number, clean=fields, actor=actor)
        _replace_children(
            version=draft,
            materials=[{f: getattr(m, f) for f in MATERIAL_FIELDS} for m in source.materials.all()],
            fees=[{f: getattr(fee, f) for f in FEE_FIELDS} for fee in source.fees.all()],
            theme_slugs=list(source.themes.values_list("slug", flat=True)),
        )
        audit_record(
            actor=actor,
            action="service_item_version.draft",
            subject=_ref(draft),
            detail={"from_version": source.version},
        )
    return draft


def version_publish(
    *, actor: Actor, version: ServiceItemVersion, effective_from: dt.date | None = None
) -> ServiceItemVersion:
    """Publish a draft and retire the item's previously published version, atomically.

    Raises ``catalog.not_draft`` if someone else published or changed it first (compare-and-set),
    ``catalog.incomplete`` if the draft lacks what a citizen needs (materials, place or online).
    """
    now = timezone.now()
    with transaction.atomic():
        item = ServiceItem.objects.select_for_update().get(pk=version.service_item_id)
        draft = ServiceItemVersion.objects.get(pk=version.pk)
        _check_publishable(draft)
        previous = item.versions.filter(status=VersionStatus.PUBLISHED).first()
        start = effective_from or timezone.localdate()
        if previous is not None:
            retired = ServiceItemVersion.objects.filter(pk=previous.pk, status=VersionStatus.PUBLISHED).update(
                status=VersionStatus.RETIRED, effective_to=start, updated_at=now
            )
            if retired != 1:
                raise Conflict(_("事项状态已被他人更改，请刷新后重试。"), code="catalog.concurrent_change")
        published = ServiceItemVersion.objects.filter(pk=draft.pk, status=VersionStatus.DRAFT).update(
            status=VersionStatus.PUBLISHED,
            published_at=now,
            published_by_id=actor.user_id,
            effective_from=start,
            updated_at=now,
        )
        if published != 1:
            raise Conflict(_("该版本已发布或已被他人更改，请刷新后重试。"), code="catalog.not_draft")
        draft.refresh_from_db()
        audit_record(
            actor=actor,
            action="service_item_version.publish",
            subject=_ref(draft),
            after=version_snapshot(draft),
            detail={"version": draft.version, "retired_version": previous.version if previous else None},
        )
        search.index_version(draft)
    return draft


def _check_publishable(version: ServiceItemVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise Conflict(_("该版本已发布或已被他人更改，请刷新后重试。"), code="catalog.not_draft")
    validate_publishable(
        online_application=version.online_application,
        material_count=version.materials.count(),
        handling_place=version.handling_place,
        visits_required=version.visits_required,
    )


def validate_publishable(
    *, online_application: bool, material_count: int, handling_place: str, visits_required: int
) -> None:
    """What a citizen needs before a guide goes public: materials to upload, a place to visit."""
    if material_count == 0 and online_application:
        raise _invalid(_("支持网上申请的事项须至少列出一项申请材料。"), code="catalog.incomplete", field="materials")
    if not handling_place and visits_required > 0:
        raise _invalid(_("需要到现场办理的事项须写明办理地点。"), code="catalog.incomplete", field="handling_place")


def validate_fee_conflict(*, is_free: bool, fee_count: int) -> None:
    if fee_count and is_free:
        raise _invalid(_("事项标记为不收费，却列有收费项目。"), code="catalog.fee_conflict", field="is_free")


def version_retire(*, actor: Actor, version: ServiceItemVersion, reason: str) -> ServiceItemVersion:
    """Withdraw a published item from the catalogue (事项取消)."""
    if not reason.strip():
        raise _invalid(_("请填写停用原因。"), code="catalog.reason_required", field="reason")
    with transaction.atomic():
        changed = ServiceItemVersion.objects.filter(pk=version.pk, status=VersionStatus.PUBLISHED).update(
            status=VersionStatus.RETIRED, effective_to=timezone.localdate(), updated_at=timezone.now()
        )
        if changed != 1:
            raise Conflict(_("只有已发布的版本可以停用。"), code="catalog.not_published")
        audit_record(
            actor=actor, action="service_item_version.retire", subject=_ref(version), detail={"reason": reason[:200]}
        )
        search.remove_item(version.service_item_id)
    version.refresh_from_db()
    return version


def version_snapshot(version: ServiceItemVersion) -> dict[str, Any]:
    """A JSON-able picture of a version's content (for audit digests and diffs)."""
    data: dict[str, Any] = {name: getattr(version, name) for name in VERSION_FIELDS}
    data["effective_from"] = data["effective_from"].isoformat() if data["effective_from"] else None
    data["materials"] = [{f: getattr(m, f) for f in MATERIAL_FIELDS} for m in version.materials.all()]
    data["fees"] = [
        {**{f: getattr(fee, f) for f in FEE_FIELDS}, "amount": str(fee.amount)} for fee in version.fees.all()
    ]
    data["themes"] = sorted(version.themes.values_list("slug", flat=True)) if version.pk else []
    return data


def version_get(*, version_id: int) -> ServiceItemVersion:
    version = ServiceItemVersion.objects.select_related("service_item").filter(pk=version_id).first()
    if version is None:
        raise NotFound(_("事项版本不存在。"), code="catalog.version_not_found")
    return version


# --- themes and bundles ---------------------------------------------------------------------


def validate_theme_slug(slug: str) -> None:
    """A theme slug is what ``slugify`` leaves unchanged: lowercase letters, digits, ``-`` and
    ``_``, no ``--``, no ``-`` or ``_`` at either end."""
    if not slug or slugify(slug) != slug:
        raise _invalid(_("主题标识只能包含小写字母、数字、连字符和下划线。"), code="catalog.theme_slug", field="slug")


def validate_bundle_items(item_codes: Sequence[str]) -> None:
    """A 一件事 bundle has at least two items, none listed twice."""
    if len(item_codes) < 2 or len(set(item_codes)) != len(item_codes):
        raise _invalid(_("一件事应包含至少两个不重复的事项。"), code="catalog.bundle_items", field="items")


def theme_upsert(
    *, actor: Actor, slug: str, name: str, kind: str, audience: str, description: str = "", sort_order: int = 100
) -> Theme:
    from govhall.catalog.constants import Audience, ThemeKind

    validate_theme_slug(slug)
    if kind not in ThemeKind.values or audience not in Audience.values:
        raise _invalid(_("主题类型或服务对象的取值无效。"), code="catalog.theme_choice", field="kind")
    with transaction.atomic():
        theme, created = Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "audience": audience,
                "description": description,
                "sort_order": sort_order,
            },
        )
        audit_record(
            actor=actor,
            action="theme.create" if created else "theme.update",
            subject=SubjectRef("theme", slug),
            after={"name": name, "kind": kind, "audience": audience},
        )
    return theme


def bundle_upsert(
    *,
    actor: Actor,
    code: str,
    name: str,
    lead_department: Any,
    item_codes: Sequence[str],
    summary: str = "",
    theme_slug: str | None = None,
    statutory_limit: int = 45,
    promised_limit: int = 15,
    form_schema: Mapping[str, Any] | None = None,
) -> Any:
    """Create or replace a 一件事 bundle of existing service items (in the given order)."""
    from govhall.catalog.models import Bundle, BundleItem

    code = code.strip()
    if not code or len(code) > 40:
        raise _invalid(_("一件事编码应为1至40个字符。"), code="catalog.bundle_code", field="code")
    validate_bundle_items(item_codes)
    if promised_limit > statutory_limit:
        raise _invalid(
            _("承诺办结时限不能长于法定办结时限。"), code="catalog.promised_exceeds_statutory", field="promised_limit"
        )
    if form_schema:
        _check_json_schema(form_schema)
    items = {item.code: item for item in ServiceItem.objects.filter(code__in=item_codes)}
    missing = [c for c in item_codes if c not in items]
    if missing:
        raise _invalid(
            _("一件事包含不存在的事项：%(codes)s"), code="catalog.bundle_items", field="items", codes=", ".join(missing)
        )
    theme = None
    if theme_slug:
        theme = Theme.objects.filter(slug=theme_slug).first()
        if theme is None:
            raise _invalid(_("主题不存在。"), code="catalog.theme_unknown", field="theme")
    with transaction.atomic():
        bundle, created = Bundle.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "summary": summary,
                "theme": theme,
                "lead_department": lead_department,
                "statutory_limit": statutory_limit,
                "promised_limit": promised_limit,
                "form_schema": dict(form_schema or {}),
                "is_active": True,
            },
        )
        BundleItem.objects.filter(bundle=bundle).delete()
        BundleItem.objects.bulk_create(
            [BundleItem(bundle=bundle, service_item=items[c], sort_order=i) for i, c in enumerate(item_codes)]
        )
        audit_record(
            actor=actor,
            action="bundle.create" if created else "bundle.update",
            subject=SubjectRef("bundle", code),
            after={"name": name, "items": list(item_codes)},
        )
    return bundle


def form_schema_from_fields(fields: Sequence[Mapping[str, Any]], *, title: str = "") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) from a short field list: name, title, type, required,
    enum, max_length. ``date`` becomes a string with ``format: date``."""
    properties: dict[str, Any] = {}
    required = []
    for field in fields:
        kind = field["type"]
        prop: dict[str, Any] = {"title": field["title"]}
        if kind == "date":
            prop.update(type="string", format="date")
        elif kind in {"string", "integer", "number", "boolean"}:
            prop["type"] = kind
        else:
            raise _invalid(_("表单字段类型无效：%(kind)s"), code="catalog.form_field", field="form_schema", kind=kind)
        if "enum" in field:
            prop["enum"] = list(field["enum"])
        if "max_length" in field:
            prop["maxLength"] = field["max_length"]
        elif prop.get("type") == "string" and "format" not in prop and "enum" not in prop:
            prop["maxLength"] = 200
        properties[field["name"]] = prop
        if field.get("required"):
            required.append(field["name"])
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if title:
        schema["title"] = title
    _check_json_schema(schema)
    return schema
