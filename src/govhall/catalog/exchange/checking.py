"""Checking a read document against the database and the catalogue services' rules, collecting
every problem, and planning the writes. Nothing here writes.

Every rule a write would enforce is checked here first, through the services' own validators
where they have one, so that a file is rejected with all of its problems rather than with the
first one the writing phase trips over.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from govhall.accounts.facade import department_by_credit_code, region_require
from govhall.catalog.constants import ExerciseLevel, ItemType, VersionStatus
from govhall.catalog.exchange.comparing import action_for, bundle_values, current_version, differs, same_text
from govhall.catalog.exchange.exporting import with_children
from govhall.catalog.exchange.formats import ABSENT, choice_label, max_length, model_default
from govhall.catalog.exchange.problems import Origin, Problems, Where
from govhall.catalog.exchange.reading import Document, ItemIn, Record
from govhall.catalog.models import (
    BasicItem,
    Bundle,
    FeeItem,
    MaterialRequirement,
    ServiceItem,
    ServiceItemVersion,
    Theme,
)
from govhall.catalog.services import (
    MATERIAL_FIELDS,
    VERSION_FIELDS,
    validate_basic_code,
    validate_bundle_items,
    validate_fee,
    validate_fee_conflict,
    validate_implementation_code,
    validate_limits,
    validate_material,
    validate_publishable,
    validate_theme_slug,
    validate_version_fields,
)
from govhall.core.facade import ValidationFailed, parse_credit_code

_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_THEME_FIELDS = ("name", "kind", "audience", "description", "sort_order")


@dataclass
class Plan:
    """One write the import will make (or, for ``unchanged``, will not)."""

    kind: str
    code: str
    action: str
    origin: Origin
    values: dict[str, Any] = field(default_factory=dict)
    # service items only
    item: ServiceItem | None = None
    source: ServiceItemVersion | None = None  # version to copy, or the identical draft to publish
    number: int = 1
    materials: list[dict[str, Any]] | None = None
    fees: list[dict[str, Any]] | None = None
    themes: list[str] | None = None
    refs: dict[str, Any] = field(default_factory=dict)


class Checker:
    """Checks a document against the database and the services' rules; builds the plan."""

    def __init__(self, doc: Document, problems: Problems, *, publish: bool) -> None:
        self.doc = doc
        self.publish = publish
        self.problems = problems
        self.file_themes = {str(r.data.get("slug", "")) for r in doc.themes}
        self.file_basics = {str(r.data.get("code", "")).upper(): r for r in doc.basic_items}
        self.file_items = {str(i.record.data.get("code", "")).upper() for i in doc.items}
        self._departments: dict[str, Any] = {}
        self._regions: dict[str, Any] = {}

    def run(self) -> list[Plan]:
        """The plans in write order: themes, basic items, service items, bundles."""
        plans = self.themes() + self.basic_items()
        plans += self.items()
        plans += self.bundles()
        return plans

    # helpers

    def duplicate(self, seen: dict[str, Origin], key: str, origin: Origin, name: str, what: Any) -> bool:
        if key in seen:
            self.problems.new(
                origin.at(name),
                _("文件中已有相同的%(what)s（%(other)s）。每个%(what)s只能出现一次。"),
                "catalog.import_duplicate",
                what=what,
                other=seen[key].label(),
            )
            return True
        seen[key] = origin
        return False

    def lengths(self, model: type[models.Model], data: Mapping[str, Any], origin: Origin) -> None:
        for name, value in data.items():
            limit = max_length(model, name)
            if limit and isinstance(value, str) and len(value) > limit:
                self.problems.new(
                    origin.at(name),
                    _("最多%(max)d个字，这里有%(length)d个。请精简。"),
                    "catalog.import_too_long",
                    max=limit,
                    length=len(value),
                )

    def department(self, credit_code: str, where: Where) -> Any:
        """The department with this credit code, or ``ABSENT`` (problem recorded)."""
        parsed = self.problems.check(where, parse_credit_code, credit_code)
        if parsed is ABSENT:
            return ABSENT
        code = parsed.value
        if code not in self._departments:
            self._departments[code] = department_by_credit_code(credit_code=code)
        if self._departments[code] is None:
            self.problems.new(
                where,
                _("系统中没有统一社会信用代码为%(code)s的部门。请先在系统中建立该部门，或核对代码。"),
                "catalog.import_department_unknown",
                code=code,
            )
            return ABSENT
        return self._departments[code]

    def region(self, code: str, where: Where) -> Any:
        if code not in self._regions:
            try:
                self._regions[code] = region_require(code)
            except ValidationFailed as error:
                self._regions[code] = error
        found = self._regions[code]
        if isinstance(found, ValidationFailed):
            self.problems.add(where, found)
            return ABSENT
        return found

    def limits(self, statutory: Any, promised: Any, where: Where) -> None:
        if isinstance(statutory, int) and isinstance(promised, int):
            self.problems.check(where, validate_limits, statutory_limit=statutory, promised_limit=promised)

    # themes and basic items

    def themes(self) -> list[Plan]:
        plans: list[Plan] = []
        seen: dict[str, Origin] = {}
        existing = {t.slug: t for t in Theme.objects.filter(slug__in=self.file_themes)}
        for record in self.doc.themes:
            data, origin = record.data, record.origin
            slug = data.get("slug")
            if slug is None:
                continue
            well_formed = bool(_SLUG_RE.match(slug))
            if not well_formed:
                self.problems.new(
                    origin.at("slug"), _("主题标识只能包含字母、数字、连字符和下划线。"), "catalog.import_slug"
                )
            if self.duplicate(seen, slug, origin, "slug", _("主题")):
                continue
            if isinstance(data.get("sort_order"), int) and data["sort_order"] < 0:
                self.problems.new(origin.at("sort_order"), _("应为不小于0的整数。"), "catalog.import_integer")
            self.lengths(Theme, data, origin)
            current = existing.get(slug)
            if current is None:
                self.problems.require(data, origin, ("name",))
            # theme_upsert sets every value: what is stored (or the defaults), then the file's.
            if current is not None:
                values = {name: getattr(current, name) for name in _THEME_FIELDS}
            else:
                values = {name: model_default(Theme, name) for name in ("kind", "audience")}
            values.update({k: v for k, v in data.items() if k != "slug"})
            action = action_for(current, values)
            if action != "unchanged" and well_formed:
                # theme_upsert's rule (lowercase, no "--", no "-" or "_" at either end), checked
                # before anything is written.
                self.problems.check(origin.at("slug"), validate_theme_slug, slug)
            plans.append(Plan("theme", slug, action, origin, values))
        return plans

    def basic_items(self) -> list[Plan]:
        plans: list[Plan] = []
        seen: dict[str, Origin] = {}
        existing = {b.code: b for b in BasicItem.objects.filter(code__in=list(self.file_basics))}
        for record in self.doc.basic_items:
            data, origin = record.data, record.origin
            if "code" not in data:
                continue
            code = self.problems.check(origin.at("code"), validate_basic_code, data["code"])
            if code is ABSENT or self.duplicate(seen, code, origin, "code", _("基本编码")):
                continue
            self.lengths(BasicItem, data, origin)
            current = existing.get(code)
            if current is None:
                self.problems.require(data, origin, ("name", "item_type", "exercise_level"))
            names = ("name", "item_type", "exercise_level", "legal_basis")
            values = {name: getattr(current, name) for name in names} if current else {"legal_basis": ""}
            values.update({k: v for k, v in data.items() if k != "code"})
            plans.append(Plan("basic_item", code, action_for(current, values), origin, values))
        return plans

    # service items

    def items(self) -> list[Plan]:
        codes = list(self.file_items)
        existing = {
            item.code: item
            for item in ServiceItem.objects.filter(code__in=codes).select_related("basic_item", "department", "region")
        }
        versions: dict[int, list[ServiceItemVersion]] = {}
        for version in with_children(ServiceItemVersion.objects.filter(service_item__code__in=codes)):
            versions.setdefault(version.service_item_id, []).append(version)
        basics = {b.code: b for b in BasicItem.objects.filter(service_items__code__in=codes)}
        wanted = {str(i.record.data.get("basic_code", "")).upper() for i in self.doc.items} - set(self.file_basics)
        basics.update({b.code: b for b in BasicItem.objects.filter(code__in=wanted)})
        theme_slugs = set(Theme.objects.values_list("slug", flat=True)) | self.file_themes
        plans: list[Plan] = []
        seen: dict[str, Origin] = {}
        for item_in in self.doc.items:
            plan = self.item(item_in, seen, existing, versions, basics, theme_slugs)
            if plan is not None:
                plans.append(plan)
        return plans

    def item(
        self,
        item_in: ItemIn,
        seen: dict[str, Origin],
        existing: Mapping[str, ServiceItem],
        versions: Mapping[int, list[ServiceItemVersion]],
        basics: Mapping[str, BasicItem],
        theme_slugs: set[str],
    ) -> Plan | None:
        data, origin = item_in.record.data, item_in.record.origin
        failed = len(self.problems.items)
        department = (
            self.department(data["department_credit_code"], origin.at("department_credit_code"))
            if ("department_credit_code" in data)
            else ABSENT
        )
        code = ABSENT
        if "code" in data and department is not ABSENT:
            code = self.problems.check(
                origin.at("code"),
                validate_implementation_code,
                data["code"],
                department_credit_code=department.credit_code,
            )
        if code is not ABSENT and self.duplicate(seen, code, origin, "code", _("实施编码")):
            code = ABSENT
        basic_code = self.basic_reference(data, origin, basics)
        region = self.region(data["region_code"], origin.at("region_code")) if "region_code" in data else ABSENT

        fields: dict[str, Any] = {}
        for name in VERSION_FIELDS:
            if name in data:
                clean = self.problems.check(origin.at(name), validate_version_fields, {name: data[name]})
                if clean is not ABSENT:
                    fields.update(clean)
        self.lengths(ServiceItemVersion, fields, origin)
        themes = data.get("themes")
        for slug in themes or ():
            if slug not in theme_slugs:
                self.problems.new(
                    origin.at("themes"),
                    _("主题“%(slug)s”不在“主题”工作表中，系统中也没有。"),
                    "catalog.import_theme_unknown",
                    slug=slug,
                )
        materials = None if item_in.materials is None else [self.material(r) for r in item_in.materials]
        fees = None if item_in.fees is None else [self.fee(r) for r in item_in.fees]

        item = existing.get(code) if isinstance(code, str) else None
        current = current_version(versions.get(item.pk, [])) if item else None
        if item is not None:
            self.identity(item, origin, basic_code=basic_code, region=region)
        self.whole(fields, materials, fees, current=current, origin=origin, new=item is None)
        if len(self.problems.items) > failed or not isinstance(code, str):
            return None
        plan = Plan(
            "service_item",
            code,
            "created",
            origin,
            fields,
            item=item,
            # No problem was recorded, so every material and fee was clean.
            materials=None if materials is None else [m for m in materials if m is not None],
            fees=None if fees is None else [f for f in fees if f is not None],
            themes=None if themes is None else list(dict.fromkeys(themes)),
            refs={"basic_code": basic_code, "department": department, "region": region},
        )
        if item is not None:
            self.version_action(plan, versions.get(item.pk, []))
        return plan

    def basic_reference(self, data: Mapping[str, Any], origin: Origin, basics: Mapping[str, BasicItem]) -> Any:
        if "basic_code" not in data:
            return ABSENT
        code = self.problems.check(origin.at("basic_code"), validate_basic_code, data["basic_code"])
        if code is ABSENT:
            return ABSENT
        in_file = self.file_basics.get(code)
        stored = basics.get(code)
        if in_file is None and stored is None:
            self.problems.new(
                origin.at("basic_code"),
                _("基本编码%(code)s不在“基本目录”工作表中，系统中也没有。请在“基本目录”中列出它。"),
                "catalog.import_basic_unknown",
                code=code,
            )
            return ABSENT
        # 事项类型 and 行使层级 on the item sheet belong to the basic item: they must agree.
        for name, choices in (("item_type", ItemType), ("exercise_level", ExerciseLevel)):
            if name not in data:
                continue
            expected = in_file.data.get(name) if in_file is not None else getattr(stored, name)
            if expected is not None and data[name] != expected:
                self.problems.new(
                    origin.at(name),
                    _("与基本目录中该事项的取值（%(expected)s）不一致。"),
                    "catalog.import_basic_mismatch",
                    expected=choice_label(choices, expected),
                )
        return code

    def identity(self, item: ServiceItem, origin: Origin, *, basic_code: Any, region: Any) -> None:
        """An import cannot move an existing item to another basic item or region."""
        for name, ok in (
            ("basic_code", basic_code is ABSENT or item.basic_item.code == basic_code),
            ("region_code", region is ABSENT or item.region_id == region.pk),
        ):
            if not ok:
                self.problems.new(
                    origin.at(name),
                    _("系统中已有实施编码相同的事项，但此项不同；导入不能更改已有事项的基本编码或行政区划。"),
                    "catalog.import_item_identity",
                )

    def material(self, record: Record) -> dict[str, Any] | None:
        data, origin = record.data, record.origin
        self.problems.require(data, origin, ("name", "necessity"))
        if "name" not in data or "necessity" not in data:
            return None
        base = {"name": data["name"], "necessity": data["necessity"]}
        ok = True
        for name in MATERIAL_FIELDS:
            if name in data and name not in base:
                ok &= self.problems.check(origin.at(name), validate_material, {**base, name: data[name]}) is not ABSENT
        ok &= self.problems.check(origin.at("name"), validate_material, base) is not ABSENT
        self.lengths(MaterialRequirement, data, origin)
        return validate_material(data) if ok else None

    def fee(self, record: Record) -> dict[str, Any] | None:
        data, origin = record.data, record.origin
        self.problems.require(data, origin, ("name", "amount", "legal_basis"))
        if not {"name", "amount", "legal_basis"} <= set(data):
            return None
        self.lengths(FeeItem, data, origin)
        clean = self.problems.check(origin.at("amount"), validate_fee, data)
        return None if clean is ABSENT else clean

    def whole(
        self,
        fields: Mapping[str, Any],
        materials: list[Any] | None,
        fees: list[Any] | None,
        *,
        current: ServiceItemVersion | None,
        origin: Origin,
        new: bool,
    ) -> None:
        """Rules over the item as it will be: the file's values over what is stored (or defaults)."""
        if new:
            required = ("name", "statutory_limit", "promised_limit", "handling_type", "service_object")
            self.problems.require(fields, origin, required)

        def value(name: str) -> Any:
            if name in fields:
                return fields[name]
            return getattr(current, name) if current is not None else model_default(ServiceItemVersion, name)

        self.limits(value("statutory_limit"), value("promised_limit"), origin.at("promised_limit"))
        fee_count = len(fees) if fees is not None else (current.fees.count() if current is not None else 0)
        self.problems.check(
            origin.at("is_free"), validate_fee_conflict, is_free=bool(value("is_free")), fee_count=fee_count
        )
        if not self.publish:
            return
        material_count = len(materials) if materials is not None else (current.materials.count() if current else 0)
        # validate_publishable stops at its first rule: ask about each rule on its own, so that
        # both are reported, each at the column the person has to change.
        self.problems.check(
            origin.at("online_application"),
            validate_publishable,
            online_application=bool(value("online_application")),
            material_count=material_count,
            handling_place="",
            visits_required=0,
        )
        self.problems.check(
            origin.at("handling_place"),
            validate_publishable,
            online_application=False,
            material_count=material_count,
            handling_place=value("handling_place") or "",
            visits_required=value("visits_required") or 0,
        )

    def version_action(self, plan: Plan, versions: list[ServiceItemVersion]) -> None:
        """Unchanged if the published version already says what the file says; else publish an
        identical draft, or make a new version — but never overwrite a different draft."""
        draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
        published = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
        latest = max(versions, key=lambda v: v.version)

        def changed(version: ServiceItemVersion) -> bool:
            return differs(version, values=plan.values, materials=plan.materials, fees=plan.fees, themes=plan.themes)

        if published is not None and not changed(published):
            plan.source, plan.number, plan.action = published, published.version, "unchanged"
        elif draft is not None and changed(draft):
            self.problems.new(
                plan.origin.at("code"),
                _("该事项已有未发布的草稿（第%(version)d版），导入不会覆盖它。请先在工作台发布或删除该草稿，再导入。"),
                "catalog.draft_exists",
                version=draft.version,
            )
        elif draft is not None:
            plan.source, plan.number = draft, draft.version
            plan.action = "published" if self.publish else "unchanged"
        else:
            plan.source, plan.number, plan.action = published or latest, latest.version + 1, "new_version"

    # bundles

    def bundles(self) -> list[Plan]:
        plans: list[Plan] = []
        seen: dict[str, Origin] = {}
        codes = [str(r.data.get("code", "")) for r in self.doc.bundles]
        existing = {
            b.code: b
            for b in Bundle.objects.filter(code__in=codes)
            .select_related("theme", "lead_department")
            .prefetch_related("bundle_items__service_item")
        }
        stored_items = set(
            ServiceItem.objects.filter(
                code__in={c.upper() for r in self.doc.bundles for c in r.data.get("items", ())}
            ).values_list("code", flat=True)
        )
        theme_slugs = set(Theme.objects.values_list("slug", flat=True)) | self.file_themes
        for record in self.doc.bundles:
            data, origin = record.data, record.origin
            if "code" not in data or self.duplicate(seen, data["code"], origin, "code", _("一件事编码")):
                continue
            failed = len(self.problems.items)
            self.lengths(Bundle, data, origin)
            lead = (
                self.department(data["lead_department_credit_code"], origin.at("lead_department_credit_code"))
                if "lead_department_credit_code" in data
                else ABSENT
            )
            if data.get("theme") and data["theme"] not in theme_slugs:
                self.problems.new(
                    origin.at("theme"),
                    _("主题“%(slug)s”不在“主题”工作表中，系统中也没有。"),
                    "catalog.import_theme_unknown",
                    slug=data["theme"],
                )
            items = [code.upper() for code in data.get("items", ())]
            for position, code in enumerate(items):
                if code in items[:position]:
                    self.problems.new(
                        origin.at("items"), _("事项%(code)s重复列出。"), "catalog.import_duplicate", code=code
                    )
                elif code not in self.file_items and code not in stored_items:
                    self.problems.new(
                        origin.at("items"),
                        _("实施编码%(code)s的事项不在“事项”工作表中，系统中也没有。"),
                        "catalog.import_item_unknown",
                        code=code,
                    )
            for name in ("statutory_limit", "promised_limit", "form_schema"):
                if name in data:
                    self.problems.check(origin.at(name), validate_version_fields, {name: data[name]})
            current = existing.get(data["code"])
            if current is None:
                self.problems.require(data, origin, ("name", "lead_department_credit_code"))
            values = bundle_values(current) if current else {"summary": "", "theme": "", "form_schema": {}, "items": []}
            values.pop("is_active", None)  # importing a bundle (re)activates it
            values.update({k: v for k, v in data.items() if k not in ("code", "lead_department_credit_code")})
            if "items" in data:
                values["items"] = items
            if lead is not ABSENT:
                values["lead_department"] = lead
            for name in ("statutory_limit", "promised_limit"):
                values.setdefault(name, model_default(Bundle, name))
            self.limits(values["statutory_limit"], values["promised_limit"], origin.at("promised_limit"))
            if len(self.problems.items) > failed:
                continue
            action = (
                "created"
                if current is None
                else ("unchanged" if same_text(values) == same_text(bundle_values(current)) else "updated")
            )
            # bundle_upsert's rule, checked before anything is written (duplicates were reported
            # above, so here it is the count).
            if (
                action != "unchanged"
                and self.problems.check(origin.at("items"), validate_bundle_items, values["items"]) is ABSENT
            ):
                continue
            plans.append(Plan("bundle", data["code"], action, origin, values))
        return plans
