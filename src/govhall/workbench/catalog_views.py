"""Catalogue administration (事项管理) in the staff workbench.

Who: a catalog admin (审改办/政务办) manages every item; a department admin manages the items of
the departments where they hold that role. Anyone else gets 403 from ``staff_required``; an item
outside a department admin's departments is "not found" (404), exactly like a missing one.

Every change is a POST with CSRF that calls one catalogue service and redirects (PRG). Services
compare-and-set on the version status, so a repeated publish or an edit of a published version
changes nothing and comes back as a conflict message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.accounts.facade import Role, department_list, staff_required
from govhall.catalog import facade as catalog
from govhall.core import facade as core
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import Conflict, GovhallError
from govhall.workbench.forms import (
    CatalogFilterForm,
    MaterialFormSet,
    MaterialRowForm,
    PublishForm,
    RetireForm,
    VersionEditForm,
)

ADMIN_ROLES = (Role.CATALOG_ADMIN, Role.DEPARTMENT_ADMIN)
PAGE_SIZE = 50
VERSION_SUBJECT = "service_item_version"


CatalogScope = catalog.CatalogScope
ItemNotFound = core.NotFound


def catalog_scope(user: Any) -> CatalogScope:
    return catalog.catalog_admin_scope(user=user)


def _item_for(scope: CatalogScope, code: str, user: Any = None) -> Any:
    return catalog.service_item_get_for_admin(user=user, code=code)


def _version_for(scope: CatalogScope, version_id: int, user: Any = None) -> Any:
    return catalog.version_get_for_admin(user=user, version_id=version_id)


def _actor(request: HttpRequest, scope: CatalogScope, department_id: int) -> Actor:
    return Actor(
        user_id=request.user.pk,
        role=str(scope.role),
        department_id=None if scope.department_ids is None else department_id,
    )


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workbench/catalog/message.html",
        {"title": _("事项不存在"), "message": _("事项不存在，或不属于您管理的部门。")},
        status=404,
    )


def _item_url(code: str) -> str:
    return reverse("workbench:catalog_item", args=[code])


def _fail(request: HttpRequest, error: GovhallError, code: str) -> HttpResponse:
    messages.error(request, error.message)
    return HttpResponseRedirect(_item_url(code))


# --- list and item page -------------------------------------------------------------------------


@staff_required(roles=ADMIN_ROLES)
@require_GET
def catalog_items(request: HttpRequest) -> HttpResponse:
    scope = catalog_scope(request.user)
    departments = [(department.pk, department.name) for department in department_list() if scope.allows(department.pk)]
    form = CatalogFilterForm(request.GET, departments=departments, statuses=_choices(catalog.VersionStatus))
    values = form.values()
    items = catalog.item_admin_list(
        department_ids=scope.department_ids,
        department_id=values["department"],
        status=values["status"],
        query=values["q"],
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    status_labels = dict(catalog.VersionStatus.choices)
    return render(
        request,
        "workbench/catalog/items.html",
        {
            "form": form,
            "page": page,
            "status_labels": status_labels,
            "scope_all": scope.department_ids is None,
        },
    )


ACTION_LABELS = {
    "service_item.create": gettext_lazy("创建事项"),
    "service_item_version.draft": gettext_lazy("新建草稿"),
    "service_item_version.update": gettext_lazy("修改草稿"),
    "service_item_version.publish": gettext_lazy("发布"),
    "service_item_version.retire": gettext_lazy("停用"),
}


def _detail(detail: dict[str, Any]) -> str:
    """An audit event's detail in words (known keys), else ``key: value``."""
    parts = []
    for key, value in sorted((detail or {}).items()):
        if key == "reason":
            parts.append(_("原因：%(reason)s") % {"reason": value})
        elif key == "from_version":
            parts.append(_("由第%(number)s版复制") % {"number": value})
        elif key == "retired_version":
            if value is not None:
                parts.append(_("同时停用第%(number)s版") % {"number": value})
        elif key != "version":
            parts.append(f"{key}: {value}")
    return "；".join(parts)


def _history(versions: Sequence[Any]) -> list[dict[str, Any]]:
    """Who changed what: the audit events of the item's versions, newest first."""
    number_of = {str(SubjectRef(VERSION_SUBJECT, str(v.pk))): v.version for v in versions}
    events = core.audit_events_for(subjects=list(number_of))
    actor_ids = {event.actor_id for event in events if event.actor_id}
    names: dict[int | None, str] = dict(
        get_user_model().objects.filter(pk__in=actor_ids).values_list("pk", "display_name")
    )
    return [
        {
            "occurred_at": event.occurred_at,
            "actor": names.get(event.actor_id) or (_("系统") if not event.actor_id else f"#{event.actor_id}"),
            "action": str(ACTION_LABELS.get(event.action, event.action)),
            "version": number_of.get(event.subject),
            "result": event.result,
            "detail": _detail(event.detail),
        }
        for event in events
    ]


@staff_required(roles=ADMIN_ROLES)
@require_GET
def catalog_item(request: HttpRequest, code: str) -> HttpResponse:
    scope = catalog_scope(request.user)
    try:
        item = _item_for(scope, code, request.user)
    except ItemNotFound:
        return _not_found(request)
    versions = list(catalog.item_versions(service_item_id=item.pk).select_related("created_by", "published_by"))
    draft = next((v for v in versions if v.status == catalog.VersionStatus.DRAFT), None)
    published = next((v for v in versions if v.status == catalog.VersionStatus.PUBLISHED), None)
    return render(
        request,
        "workbench/catalog/item.html",
        {
            "item": item,
            "versions": versions,
            "current": draft or published or (versions[0] if versions else None),
            "draft": draft,
            "published": published,
            "history": _history(versions),
            "diff_default": (
                (published or (versions[1] if len(versions) > 1 else None)),
                draft or (versions[0] if versions else None),
            ),
        },
    )


# --- changes ------------------------------------------------------------------------------------


@staff_required(roles=ADMIN_ROLES)
@require_POST
def catalog_draft_create(request: HttpRequest, code: str) -> HttpResponse:
    """新建草稿: copy the published version (or, if none, the newest one) into a new draft."""
    scope = catalog_scope(request.user)
    try:
        item = _item_for(scope, code, request.user)
    except ItemNotFound:
        return _not_found(request)
    versions = list(catalog.item_versions(service_item_id=item.pk))
    source = next((v for v in versions if v.status == catalog.VersionStatus.PUBLISHED), None) or (
        versions[0] if versions else None
    )
    if source is None:
        messages.error(request, _("该事项还没有任何版本。"))
        return HttpResponseRedirect(_item_url(code))
    try:
        draft = catalog.version_draft_from(actor=_actor(request, scope, item.department_id), version=source)
    except GovhallError as error:
        return _fail(request, error, code)
    messages.success(
        request, _("已根据第%(source)d版新建第%(draft)d版草稿。") % {"source": source.version, "draft": draft.version}
    )
    return HttpResponseRedirect(reverse("workbench:catalog_version_edit", args=[draft.pk]))


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in enum.choices]


def _edit_forms(version: Any, data: Any = None) -> tuple[VersionEditForm, Any]:
    form_kwargs = {
        "limit_units": _choices(catalog.LimitUnit),
        "handling_types": _choices(catalog.HandlingType),
        "service_objects": _choices(catalog.ServiceObject),
        "themes": [(theme.slug, f"{theme.name}（{theme.get_kind_display()}）") for theme in catalog.themes()],
    }
    initial = {name: getattr(version, name) for name in VersionEditForm.base_fields if name != "themes"}
    initial["themes"] = [theme.slug for theme in version.themes.all()]
    form = VersionEditForm(data, initial=initial, **form_kwargs)
    materials = MaterialFormSet(
        data,
        initial=[MaterialRowForm.initial_from(m) for m in version.materials.all()],
        prefix="materials",
        form_kwargs={"necessities": _choices(catalog.MaterialNecessity), "forms_": _choices(catalog.MaterialForm)},
    )
    return form, materials


def _conflict_page(request: HttpRequest, version: Any, message: str) -> HttpResponse:
    return render(
        request,
        "workbench/catalog/message.html",
        {
            "title": _("不能修改"),
            "message": message,
            "back_url": _item_url(version.service_item.code),
        },
        status=409,
    )


@staff_required(roles=ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def catalog_version_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    scope = catalog_scope(request.user)
    try:
        version = _version_for(scope, version_id, request.user)
    except ItemNotFound:
        return _not_found(request)
    if not version.is_editable:
        return _conflict_page(request, version, _("已发布或已停用的版本不能修改，请新建草稿版本。"))
    form, materials = _edit_forms(version, request.POST if request.method == "POST" else None)
    materials_error = ""
    status = 200
    if request.method == "POST":
        form_ok = form.is_valid()  # validate both, so every problem shows at once
        materials_ok = materials.is_valid()
        if form_ok and materials_ok:
            # Unchanged blank rows have no cleaned data; rows ticked "删除" are dropped.
            kept = [
                row.material() for row in materials.forms if row.cleaned_data and not row.cleaned_data.get("DELETE")
            ]
            try:
                catalog.version_update_draft(
                    actor=_actor(request, scope, version.service_item.department_id),
                    version=version,
                    fields=form.version_fields(),
                    materials=kept,
                    # Passed unchanged so the service checks them against "不收费".
                    fees=[
                        {"name": fee.name, "amount": fee.amount, "legal_basis": fee.legal_basis, "note": fee.note}
                        for fee in version.fees.all()
                    ],
                    theme_slugs=form.cleaned_data["themes"],
                )
            except Conflict as error:
                if error.code == "catalog.not_draft":
                    return _conflict_page(request, version, error.message)
                form.add_error(None, error.message)
                status = error.status
            except GovhallError as error:
                status = error.status
                if error.field in form.fields:
                    form.add_error(error.field, error.message)
                elif error.field and error.field.startswith("materials"):
                    materials_error = error.message
                else:
                    form.add_error(None, error.message)
            else:
                messages.success(request, _("草稿已保存。"))
                if request.POST.get("then") == "continue":
                    return HttpResponseRedirect(reverse("workbench:catalog_version_edit", args=[version.pk]))
                return HttpResponseRedirect(_item_url(version.service_item.code))
        else:
            status = 422
    return render(
        request,
        "workbench/catalog/edit.html",
        {
            "version": version,
            "item": version.service_item,
            "form": form,
            "materials": materials,
            "materials_error": materials_error,
        },
        status=status,
    )


@staff_required(roles=ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def catalog_version_publish(request: HttpRequest, version_id: int) -> HttpResponse:
    """GET: what will change (diff against the published version) and a confirm button; POST: publish."""
    scope = catalog_scope(request.user)
    try:
        version = _version_for(scope, version_id, request.user)
    except ItemNotFound:
        return _not_found(request)
    code = version.service_item.code
    form = PublishForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                published = catalog.version_publish(
                    actor=_actor(request, scope, version.service_item.department_id),
                    version=version,
                    effective_from=form.cleaned_data["effective_from"],
                )
            except GovhallError as error:
                return _fail(request, error, code)
            messages.success(request, _("第%(number)d版已发布。") % {"number": published.version})
            return HttpResponseRedirect(_item_url(code))
    elif not version.is_editable:
        messages.error(request, _("该版本已发布或已停用，不能再发布。"))
        return HttpResponseRedirect(_item_url(code))
    published_now = catalog.published_version(code=code)
    # A draft has no effective date until it is published: not a change worth confirming.
    changes = _diff_rows(published_now, version, skip=frozenset({"effective_from"})) if published_now else None
    return render(
        request,
        "workbench/catalog/publish.html",
        {"version": version, "item": version.service_item, "form": form, "previous": published_now, "changes": changes},
        status=status,
    )


@staff_required(roles=ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def catalog_version_retire(request: HttpRequest, version_id: int) -> HttpResponse:
    scope = catalog_scope(request.user)
    try:
        version = _version_for(scope, version_id, request.user)
    except ItemNotFound:
        return _not_found(request)
    code = version.service_item.code
    if version.status != catalog.VersionStatus.PUBLISHED and request.method == "GET":
        messages.error(request, _("只有已发布的版本可以停用。"))
        return HttpResponseRedirect(_item_url(code))
    form = RetireForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            catalog.version_retire(
                actor=_actor(request, scope, version.service_item.department_id),
                version=version,
                reason=form.cleaned_data["reason"],
            )
        except Conflict as error:
            return _fail(request, error, code)
        except GovhallError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
            status = error.status
        else:
            messages.success(
                request, _("第%(number)d版已停用，公众将看不到该事项的办事指南。") % {"number": version.version}
            )
            return HttpResponseRedirect(_item_url(code))
    return render(
        request,
        "workbench/catalog/retire.html",
        {"version": version, "item": version.service_item, "form": form},
        status=status,
    )


# --- diff ---------------------------------------------------------------------------------------

EXTRA_LABELS = {
    "materials": gettext_lazy("申请材料"),
    "fees": gettext_lazy("收费项目"),
    "themes": gettext_lazy("主题"),
    "faq": gettext_lazy("常见问题"),
    "form_schema": gettext_lazy("申请表单"),
    "form_ui": gettext_lazy("表单界面提示"),
    "process_key": gettext_lazy("审批流程"),
    "effective_from": gettext_lazy("生效日期"),
}
CHOICE_ENUMS = {"limit_unit": "LimitUnit", "handling_type": "HandlingType", "service_object": "ServiceObject"}


@dataclass
class DiffRow:
    label: str
    before: list[tuple[str, bool]] = field(default_factory=list)  # (line, changed)
    after: list[tuple[str, bool]] = field(default_factory=list)
    is_list: bool = False


def _field_label(name: str) -> str:
    if name in VersionEditForm.base_fields:
        return str(VersionEditForm.base_fields[name].label)
    return str(EXTRA_LABELS.get(name, name))


def _material_line(data: dict[str, Any]) -> str:
    parts = [
        str(catalog.MaterialNecessity(data["necessity"]).label) if data.get("necessity") else "",
        str(catalog.MaterialForm(data["form"]).label) if data.get("form") else "",
        _("%(copies)s份") % {"copies": data.get("copies", 1)},
        "/".join(data.get("file_types") or []),
        _("不超过%(size)sMB") % {"size": data.get("max_size_mb", "")},
    ]
    if data.get("satisfied_by_license_type"):
        parts.append(_("可由证照%(code)s替代") % {"code": data["satisfied_by_license_type"]})
    if data.get("satisfied_by_data_resource"):
        parts.append(_("可由共享数据%(code)s替代") % {"code": data["satisfied_by_data_resource"]})
    if data.get("note"):
        parts.append(str(data["note"]))
    return f"{data.get('name', '')}（{'，'.join(p for p in parts if p)}）"


def _lines(name: str, value: Any, theme_names: dict[str, str]) -> list[str]:
    if value is None or value == "":
        return ["—"]
    if isinstance(value, bool):
        return [_("是") if value else _("否")]
    if name in CHOICE_ENUMS:
        enum = getattr(catalog, CHOICE_ENUMS[name])
        return [str(enum(value).label) if value in enum.values else str(value)]
    if name == "materials":
        return [_material_line(m) for m in value] or ["—"]
    if name == "fees":
        return [
            _("%(name)s：%(amount)s元（依据：%(basis)s）")
            % {"name": f.get("name"), "amount": f.get("amount"), "basis": f.get("legal_basis")}
            for f in value
        ] or ["—"]
    if name == "themes":
        return [theme_names.get(slug, slug) for slug in value] or ["—"]
    if name == "faq" and isinstance(value, list):
        return [f"{_('问')}：{e.get('q', '')} / {_('答')}：{e.get('a', '')}" for e in value if isinstance(e, dict)] or [
            "—"
        ]
    if isinstance(value, dict | list):
        return [json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)]
    return [str(value)]


def _diff_rows(old: Any, new: Any, *, skip: frozenset[str] = frozenset()) -> list[DiffRow]:
    theme_names = {theme.slug: theme.name for theme in catalog.themes()}
    rows = []
    for change in catalog.version_diff(old=old, new=new):
        if change.field in skip:
            continue
        before = _lines(change.field, change.before, theme_names)
        after = _lines(change.field, change.after, theme_names)
        is_list = change.field in {"materials", "fees", "themes", "faq"}
        rows.append(
            DiffRow(
                label=_field_label(change.field),
                before=[(line, is_list and line not in after) for line in before],
                after=[(line, is_list and line not in before) for line in after],
                is_list=is_list,
            )
        )
    return rows


def _version_number(value: str | None, versions: Iterable[Any]) -> Any:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return next((v for v in versions if v.version == number), None)


@staff_required(roles=ADMIN_ROLES)
@require_GET
def catalog_item_diff(request: HttpRequest, code: str) -> HttpResponse:
    """Compare two versions of an item: ``?a=<old version number>&b=<new version number>``."""
    scope = catalog_scope(request.user)
    try:
        item = _item_for(scope, code, request.user)
    except ItemNotFound:
        return _not_found(request)
    versions = list(catalog.item_versions(service_item_id=item.pk))
    old = _version_number(request.GET.get("a"), versions) or (versions[1] if len(versions) > 1 else None)
    new = _version_number(request.GET.get("b"), versions) or (versions[0] if versions else None)
    rows = None
    if old is not None and new is not None:
        old_full = catalog.version_with_children(version_id=old.pk)
        new_full = catalog.version_with_children(version_id=new.pk)
        rows = _diff_rows(old_full, new_full)
    return render(
        request,
        "workbench/catalog/diff.html",
        {"item": item, "versions": versions, "old": old, "new": new, "rows": rows},
    )
