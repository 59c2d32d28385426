"""Applying for a 一件事 (bundle) online: one combined form, the materials of every item, one submit.

Flow: the bundle page's "在线申请" opens ``/apply/bundle/<code>/``; the applicant chooses who
applies and ``case_bundle_draft_save`` creates the bundle draft with one child draft per item;
``/apply/bundle/draft/<id>/`` shows the combined form (一表申请: each field once, however many items
ask for it) and one materials section per item. Uploads go to the child case through the ordinary
upload view, which returns here. "提交申请" submits the bundle and all its children at once with
the page's idempotency key (``case_bundle_submit``); every problem of every item is listed at once.

After submission the bundle is one case in 我的办件 (``my_case_views.my_case`` shows its items).
Cases are loaded only through ``case_get_for_applicant``: another person's draft is "not found".
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govhall.accounts import facade as accounts
from govhall.accounts.facade import citizen_required
from govhall.cases import facade as cases
from govhall.cases.facade import CaseStatus
from govhall.catalog import facade as catalog
from govhall.core.facade import GovhallError, NotFound, ValidationFailed
from govhall.portal.application_form import MaterialRow, form_data_from_post, material_rows, prefill, schema_fields
from govhall.portal.apply_views import (
    IdentityOption,
    case_not_found,
    chosen_applicant_name,
    client_messages,
    idempotency_key_from_post,
    identity_options,
    pop_upload_errors,
)
from govhall.portal.forms import ApplicantChoiceForm


def _bundle_options(request: HttpRequest, versions: list[Any]) -> list[IdentityOption]:
    """Who may apply for every item of the bundle: the identities all its items accept (only the
    switched identity, when the user acts for an organisation or under a mandate)."""
    acting = accounts.current_identity(request)
    per_item = [identity_options(request.user, version, acting) for version in versions]
    if not per_item:
        return []
    shared = set.intersection(*({o.value for o in options} for options in per_item))
    return [option for option in per_item[0] if option.value in shared]


def _bundle_drafts(user: Any, bundle: Any) -> list[Any]:
    return [c for c in cases.cases_for_applicant(user=user).filter(status=CaseStatus.DRAFT) if c.bundle_id == bundle.pk]


def _draft_url(case_id: int) -> str:
    return reverse("portal:bundle_draft", args=[case_id])


@citizen_required
@require_http_methods(["GET", "POST"])
def bundle_apply_start(request: HttpRequest, code: str) -> HttpResponse:
    """Start a 一件事 application (choose who applies), or resume the draft already begun."""
    found = catalog.bundle_detail(code=code)
    if found is None:
        return render(
            request,
            "portal/cases/message.html",
            {
                "title": _("无法在线申请"),
                "message": _("该“一件事”不存在或已停止办理。请在办事指南中查找其他事项。"),
                "show_catalog": True,
            },
            status=404,
        )
    bundle, versions = found
    bundle_url = reverse("portal:bundle", args=[code])
    drafts = _bundle_drafts(request.user, bundle)
    if request.method == "GET" and drafts and "new" not in request.GET:
        return HttpResponseRedirect(_draft_url(drafts[0].pk))
    options = _bundle_options(request, versions)
    form = ApplicantChoiceForm(request.POST or None, initial={"applicant": options[0].value if options else ""})
    status = 200
    if request.method == "POST" and form.is_valid():
        kind, organization_id = form.kind_and_organization()
        name = chosen_applicant_name(request, options, form)
        try:
            case = cases.case_bundle_draft_save(
                user=request.user,
                bundle_code=code,
                form_data=prefill(cases.bundle_form_schema(versions), name),
                applicant_kind=kind,
                organization_id=organization_id,
            )
        except GovhallError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, _("已开始申请。一张表填写全部事项，可随时“保存草稿”，在其他设备登录后也能继续。"))
            return HttpResponseRedirect(_draft_url(case.pk))
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "portal/apply/bundle_start.html",
        {
            "bundle": bundle,
            "versions": versions,
            "options": options,
            "form": form,
            "drafts": drafts,
            "bundle_url": bundle_url,
        },
        status=status,
    )


@dataclass(frozen=True, slots=True)
class ItemSection:
    """One item of the bundle on the draft page: its child case and material rows."""

    child: Any
    rows: list[MaterialRow]

    @property
    def name(self) -> str:
        return str(self.child.item_version.name)


def _sections(children: list[Any], errors: Mapping[str, str]) -> list[ItemSection]:
    return [ItemSection(child, material_rows(child, errors)) for child in children]


def _draft_context(
    request: HttpRequest,
    case: Any,
    *,
    values: Mapping[str, Any] | None = None,
    errors: list[dict[str, Any]] | None = None,
    summary: str = "",
) -> dict[str, Any]:
    children = cases.bundle_children(case)
    schema = cases.bundle_form_schema([child.item_version for child in children])
    by_field = {str(e.get("field", "")): str(e.get("message", "")) for e in errors or [] if isinstance(e, Mapping)}
    upload_errors: dict[str, str] = {}
    for child in children:
        upload_errors.update(pop_upload_errors(request, child.pk))
    fields = schema_fields(schema, case.form_data if values is None else values, by_field)
    known = {f.name for f in fields}
    missing = {name: _("请上传此材料。") for name in by_field if name.startswith("material-")}
    sections = _sections(children, {**upload_errors, **missing})
    general = [message for name, message in by_field.items() if name not in known and not name.startswith("material-")]
    return {
        "case": case,
        "bundle": case.bundle,
        "fields": fields,
        "sections": sections,
        "summary": summary,
        "general_errors": general,
        "field_errors": [f for f in fields if f.error],
        "row_errors": [row for section in sections for row in section.rows if row.error],
        "idempotency_key": uuid.uuid4().hex,
        "bundle_url": reverse("portal:bundle", args=[case.bundle.code]),
        "new_url": reverse("portal:bundle_apply", args=[case.bundle.code]) + "?new=1",
        "js_messages": client_messages(),
    }


@citizen_required
@require_http_methods(["GET", "POST"])
def bundle_draft(request: HttpRequest, case_id: int) -> HttpResponse:
    """The combined application page of a 一件事 draft. POST ``action=save`` keeps the form;
    ``action=submit`` keeps it and submits the bundle with the page's idempotency key."""
    try:
        case = cases.case_get_for_applicant(user=request.user, case_id=case_id)
    except NotFound:
        return case_not_found(request)
    if case.parent_id is not None:  # a child's page is its bundle's page
        return HttpResponseRedirect(_draft_url(case.parent_id))
    if case.bundle_id is None:
        return HttpResponseRedirect(reverse("portal:apply_draft", args=[case.pk]))
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    key = idempotency_key_from_post(request.POST) if request.method == "POST" else None
    if case.status != CaseStatus.DRAFT:
        if action == "submit" and key is not None:
            return _submit(request, case, key)  # a repeated click: the first submission's case
        return HttpResponseRedirect(reverse("portal:my_case", args=[case.pk]))
    if request.method == "GET":
        return render(request, "portal/apply/bundle_draft.html", _draft_context(request, case))
    children = cases.bundle_children(case)
    schema = cases.bundle_form_schema([child.item_version for child in children])
    values = form_data_from_post(schema, request.POST)
    try:
        case = cases.case_bundle_draft_save(user=request.user, bundle_code="", form_data=values, case_id=case.pk)
    except GovhallError as error:
        if error.code == "case.invalid_transition" and action == "submit" and key is not None:
            return _submit(request, case, key)
        context = _draft_context(request, case, values=values, summary=error.message)
        return render(request, "portal/apply/bundle_draft.html", context, status=error.status)
    if action != "submit":
        messages.success(request, _("草稿已保存。您可以随时回来继续填写，在其他设备登录后也能继续。"))
        return HttpResponseRedirect(_draft_url(case.pk))
    return _submit(request, case, key)


def _submit(request: HttpRequest, case: Any, key: str | None) -> HttpResponse:
    try:
        submitted = cases.case_bundle_submit(user=request.user, case_id=case.pk, idempotency_key=key)
    except ValidationFailed as error:
        case.refresh_from_db()
        if case.status != CaseStatus.DRAFT:
            return HttpResponseRedirect(reverse("portal:my_case", args=[case.pk]))
        context = _draft_context(request, case, errors=error.errors, summary=error.message)
        return render(request, "portal/apply/bundle_draft.html", context, status=error.status)
    except GovhallError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(_draft_url(case.pk))
    return HttpResponseRedirect(reverse("portal:apply_submitted", args=[submitted.pk]))
