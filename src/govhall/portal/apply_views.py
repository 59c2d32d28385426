"""Applying online (网上申请); the applicant's space is in ``my_case_views``.

Flow: the guide's "在线申请" opens ``/apply/<code>/``; the applicant chooses who applies (oneself,
or an organisation they represent) and a draft is created; ``/apply/draft/<id>/`` shows the form
rendered from the item version's JSON Schema and one row per material requirement; "保存草稿"
keeps everything in the database (so it resumes on any device) and "提交申请" submits with the
idempotency key the page carried, so a double click or a retry gives the same case.

Every change is a POST with CSRF that calls one cases service and redirects (PRG). Cases are loaded
only through ``case_get_for_applicant``: another person's case is "not found" (404), exactly like a
missing one. Uploaded files are served only through ``material_download`` to their owner, as
attachments, never from a public URL.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.accounts import facade as accounts
from govhall.accounts.facade import citizen_required
from govhall.cases import facade as cases
from govhall.cases.facade import CaseStatus
from govhall.catalog import facade as catalog
from govhall.core import facade as core
from govhall.core.facade import Conflict, GovhallError, NotFound, ValidationFailed
from govhall.portal.application_form import (
    form_data_from_post,
    material_rows,
    prefill,
    schema_fields,
)
from govhall.portal.forms import ApplicantChoiceForm

UPLOAD_ERRORS_SESSION_KEY = "govhall_upload_errors"
_IDEMPOTENCY_KEY = re.compile(r"^[0-9a-f]{32}$")

# --- helpers ---------------------------------------------------------------------------------


def case_not_found(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/cases/message.html",
        {
            "title": _("办件不存在"),
            "message": _("没有找到这件申请。请从“我的办件”中选择要查看的申请。"),
        },
        status=404,
    )


def _case(request: HttpRequest, case_id: int) -> Any:
    """The signed-in applicant's own case; ``NotFound`` for missing and forbidden alike."""
    return cases.case_get_for_applicant(user=request.user, case_id=case_id)


def _item_name(case: Any) -> str:
    if case.item_version is not None:
        return str(case.item_version.name)
    bundle = getattr(case, "bundle", None)
    return str(bundle.name) if bundle is not None else ""


def _draft_url(case_id: int) -> str:
    return reverse("portal:apply_draft", args=[case_id])


def _case_url(case_id: int) -> str:
    return reverse("portal:my_case", args=[case_id])


def _back_url(case: Any, anchor: str = "") -> str:
    if case.parent_id is not None:  # an item of a 一件事: back to the bundle's page (it shares the status)
        draft = reverse("portal:bundle_draft", args=[case.parent_id])
        base = draft if case.status == CaseStatus.DRAFT else _case_url(case.parent_id)
        return base + (f"#{anchor}" if anchor else "")
    base = _draft_url(case.pk) if case.status == CaseStatus.DRAFT else _case_url(case.pk)
    return base + (f"#{anchor}" if anchor else "")


def idempotency_key_from_post(post: QueryDict) -> str | None:
    key = post.get("idempotency_key", "")
    return key if _IDEMPOTENCY_KEY.match(key) else None


def pop_upload_errors(request: HttpRequest, case_id: int) -> dict[str, str]:
    stored = request.session.get(UPLOAD_ERRORS_SESSION_KEY) or {}
    errors = stored.pop(str(case_id), {}) if isinstance(stored, dict) else {}
    if errors:
        request.session[UPLOAD_ERRORS_SESSION_KEY] = stored
    return dict(errors) if isinstance(errors, dict) else {}


def _keep_upload_error(request: HttpRequest, case_id: int, anchor: str, message: str) -> None:
    stored = request.session.get(UPLOAD_ERRORS_SESSION_KEY) or {}
    stored.setdefault(str(case_id), {})[anchor] = message
    request.session[UPLOAD_ERRORS_SESSION_KEY] = stored


def _current_version_id(case: Any) -> int | None:
    """The id of the item's published version now (``None`` once it is retired)."""
    if case.item_version is None:
        return None
    version = catalog.published_version(code=case.item_version.service_item.code)
    return version.pk if version is not None else None


def _remaining(due: dt.date | None) -> int | None:
    """Working days left until ``due`` (negative: overdue); ``None`` when it cannot be counted."""
    if due is None:
        return None
    try:
        return core.working_days_remaining(due, core.local_date(timezone.now()))
    except (GovhallError, ValueError):
        return None


# --- 1. start or resume ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IdentityOption:
    value: str
    label: str
    detail: str = ""


def identity_options(user: Any, version: Any, acting: Any = None) -> list[IdentityOption]:
    """Who may apply for ``version``: oneself and/or each organisation the user represents, as
    far as the item's service object (自然人 / 法人) allows. After an identity switch (``acting``)
    only that identity: the organisation handled, or the principal of the mandate."""
    options = []
    service_object = version.service_object
    if acting is not None and not acting.is_self:  # [handlers, mandates] the switched identity only
        if acting.kind == "organization" and service_object != catalog.ServiceObject.PERSON:
            org = accounts.organization_get(organization_id=acting.organization_id)
            detail = _("统一社会信用代码：%(code)s") % {"code": org.credit_code if org else ""}
            return [IdentityOption(f"org-{acting.organization_id}", acting.label, detail)]
        if acting.kind == "mandate" and service_object != catalog.ServiceObject.ENTERPRISE:
            return [IdentityOption("person", _("%(name)s（委托人）") % {"name": acting.label}, _("由代办人提交"))]
        return []
    if service_object in (catalog.ServiceObject.PERSON, catalog.ServiceObject.BOTH):
        person = accounts.person_for_user(user=user)
        name = person.real_name if person is not None else user.display_name
        options.append(IdentityOption("person", _("%(name)s（本人）") % {"name": name}, _("以个人身份申请")))
    if service_object in (catalog.ServiceObject.ENTERPRISE, catalog.ServiceObject.BOTH):
        for org in accounts.organizations_represented(user=user):
            options.append(
                IdentityOption(f"org-{org.pk}", org.name, _("统一社会信用代码：%(code)s") % {"code": org.credit_code})
            )
    return options


def chosen_applicant_name(request: HttpRequest, options: list[IdentityOption], form: ApplicantChoiceForm) -> str:
    """The name a new draft's form is prefilled with: the chosen organisation's, the mandate
    principal's when acting under a mandate, else the applicant's own real name."""
    kind, _organization_id = form.kind_and_organization()
    acting = accounts.current_identity(request)
    if acting is not None and acting.kind == "mandate":  # [mandates] the form is the principal's
        return str(acting.label)
    chosen = next((o for o in options if o.value == form.cleaned_data["applicant"]), None)
    if chosen is not None and kind == "organization":
        return chosen.label
    user: Any = request.user
    return str(getattr(accounts.person_for_user(user=user), "real_name", ""))


def _drafts_for(user: Any, version: Any) -> list[Any]:
    return list(
        cases.cases_for_applicant(user=user).filter(status=CaseStatus.DRAFT, item_version=version).order_by("-pk")
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def apply_start(request: HttpRequest, code: str) -> HttpResponse:
    """Start an application for a published online item, or resume the draft already begun."""
    version = catalog.published_version(code=code)
    if version is None:
        return render(
            request,
            "portal/cases/message.html",
            {
                "title": _("无法在线申请"),
                "message": _("该事项不存在、尚未发布或已停止办理，无法在线申请。请在办事指南中查找其他事项。"),
                "show_catalog": True,
            },
            status=404,
        )
    guide_url = reverse("portal:service_guide", args=[code])
    if not version.online_application:
        return render(
            request,
            "portal/cases/message.html",
            {
                "title": _("该事项暂不支持网上申请"),
                "message": _("“%(name)s”暂不支持网上申请，请按办事指南携带材料到 %(place)s 办理。")
                % {"name": version.name, "place": version.handling_place or _("办理窗口")},
                "guide_url": guide_url,
            },
        )
    drafts = _drafts_for(request.user, version)
    if request.method == "GET" and drafts and "new" not in request.GET:
        return HttpResponseRedirect(_draft_url(drafts[0].pk))
    options = identity_options(request.user, version, accounts.current_identity(request))
    form = ApplicantChoiceForm(request.POST or None, initial={"applicant": options[0].value if options else ""})
    status = 200
    if request.method == "POST" and form.is_valid():
        kind, organization_id = form.kind_and_organization()
        name = chosen_applicant_name(request, options, form)
        try:
            case = cases.case_draft_save(
                user=request.user,
                item_code=code,
                form_data=prefill(version.form_schema or {}, name),
                applicant_kind=kind,
                organization_id=organization_id,
            )
        except GovhallError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, _("已开始申请。填写的内容可随时“保存草稿”，在其他设备登录后也能继续。"))
            return HttpResponseRedirect(_draft_url(case.pk))
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "portal/apply/start.html",
        {
            "version": version,
            "item": version.service_item,
            "options": options,
            "form": form,
            "drafts": drafts,
            "guide_url": guide_url,
            "materials": list(version.materials.all()),
        },
        status=status,
    )


# --- 2. the draft: form, materials, save, submit ---------------------------------------------


def _draft_context(
    request: HttpRequest,
    case: Any,
    *,
    values: Mapping[str, Any] | None = None,
    errors: list[dict[str, Any]] | None = None,
    summary: str = "",
) -> dict[str, Any]:
    version = case.item_version
    schema = version.form_schema or {}
    by_field = {str(e.get("field", "")): str(e.get("message", "")) for e in errors or [] if isinstance(e, Mapping)}
    upload_errors = pop_upload_errors(request, case.pk)
    fields = schema_fields(schema, case.form_data if values is None else values, by_field)
    known = {f.name for f in fields}
    rows = material_rows(case, {**upload_errors, **_material_messages(by_field)})
    general = [message for name, message in by_field.items() if name not in known and not name.startswith("material-")]
    current = _current_version_id(case)
    return {
        "case": case,
        "version": version,
        "item": version.service_item,
        "fields": fields,
        "rows": rows,
        "summary": summary,
        "general_errors": general,
        "field_errors": [f for f in fields if f.error],
        "row_errors": [r for r in rows if r.error],
        "idempotency_key": uuid.uuid4().hex,
        "outdated": current != version.pk,
        "guide_url": reverse("portal:service_guide", args=[version.service_item.code]),
        "new_url": reverse("portal:apply", args=[version.service_item.code]) + "?new=1",
        "js_messages": client_messages(),
    }


def client_messages() -> dict[str, str]:
    """The browser-side checks' messages (apply.js), translated here so both languages work.
    ``{title}``, ``{n}`` and ``{types}`` are filled in by the script."""
    return {
        "required": _("请填写“{title}”。"),
        "choose": _("请选择“{title}”。"),
        "tooLong": _("“{title}”不能超过{n}个字。"),
        "number": _("“{title}”请填写数字。"),
        "integer": _("“{title}”请填写整数。"),
        "date": _("“{title}”请填写正确的日期（年-月-日）。"),
        "min": _("“{title}”不能小于{n}。"),
        "max": _("“{title}”不能大于{n}。"),
        "pattern": _("“{title}”的格式不正确。"),
        "fileMissing": _("请先选择要上传的文件。"),
        "fileEmpty": _("文件是空的，请选择正确的文件。"),
        "fileTooLarge": _("文件超过该材料的大小上限（{n} MB），请压缩后重新上传。"),
        "fileType": _("文件类型不符合要求（可上传：{types}）。"),
        "saving": _("正在保存已填写的内容……"),
    }


def _material_messages(by_field: Mapping[str, str]) -> dict[str, str]:
    """``case_submit`` names each missing material as ``material-<id>``; tell the person what to do."""
    return {name: _("请上传此材料。") for name in by_field if name.startswith("material-") and name[9:].isdigit()}


@citizen_required
@require_http_methods(["GET", "POST"])
def apply_draft(request: HttpRequest, case_id: int) -> HttpResponse:
    """The application page of a draft. POST ``action=save`` keeps the form; ``action=submit``
    keeps it and submits with the page's idempotency key."""
    try:
        case = _case(request, case_id)
    except NotFound:
        return case_not_found(request)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    key = idempotency_key_from_post(request.POST) if request.method == "POST" else None
    if case.status != CaseStatus.DRAFT or case.item_version is None:
        if action == "submit" and key is not None:
            return _submit(request, case, key)  # a repeated click: the first submission's case
        return HttpResponseRedirect(_case_url(case.pk))
    if request.method == "GET":
        return render(request, "portal/apply/draft.html", _draft_context(request, case))

    values = form_data_from_post(case.item_version.form_schema or {}, request.POST)
    try:
        case = cases.case_draft_save(
            user=request.user, item_code=case.item_version.service_item.code, form_data=values, case_id=case.pk
        )
    except Conflict:
        # Submitted meanwhile (another tab, a double click that won the race).
        if action == "submit" and key is not None:
            return _submit(request, case, key)
        return HttpResponseRedirect(_case_url(case.pk))
    except GovhallError as error:
        context = _draft_context(request, case, values=values, summary=error.message)
        return render(request, "portal/apply/draft.html", context, status=error.status)
    if action != "submit":
        messages.success(request, _("草稿已保存。您可以随时回来继续填写，在其他设备登录后也能继续。"))
        return HttpResponseRedirect(_draft_url(case.pk))
    if _current_version_id(case) != case.item_version_id:
        messages.error(request, _("该事项的办事指南已更新或停止办理，本草稿不能再提交。请按最新的办事指南重新申请。"))
        return HttpResponseRedirect(_draft_url(case.pk))
    return _submit(request, case, key)


def _submit(request: HttpRequest, case: Any, key: str | None) -> HttpResponse:
    try:
        submitted = cases.case_submit(user=request.user, case_id=case.pk, idempotency_key=key)
    except ValidationFailed as error:
        case.refresh_from_db()
        if case.status != CaseStatus.DRAFT:
            return HttpResponseRedirect(_case_url(case.pk))
        context = _draft_context(request, case, errors=error.errors, summary=error.message)
        return render(request, "portal/apply/draft.html", context, status=error.status)
    except GovhallError as error:
        messages.error(request, error.message)
        case.refresh_from_db()
        return HttpResponseRedirect(_back_url(case))
    return HttpResponseRedirect(reverse("portal:apply_submitted", args=[submitted.pk]))


@citizen_required
@require_GET
def apply_submitted(request: HttpRequest, case_id: int) -> HttpResponse:
    """提交成功: the case number, the acceptance deadline and what happens next."""
    try:
        case = _case(request, case_id)
    except NotFound:
        return case_not_found(request)
    if case.status == CaseStatus.DRAFT:
        return HttpResponseRedirect(_draft_url(case.pk))
    return render(
        request,
        "portal/apply/submitted.html",
        {
            "case": case,
            "item_name": _item_name(case),
            "uses_pre_review": bool(getattr(case.item_version, "uses_pre_review", False)),
            "acceptance_remaining": _remaining(case.acceptance_due),
        },
    )


@citizen_required
@require_POST
def material_upload(request: HttpRequest, case_id: int, requirement_id: int) -> HttpResponse:
    """Attach one file (multipart field ``file``) to a requirement of a draft or of a case awaiting
    supplement. Any error is shown next to the requirement's row."""
    try:
        case = _case(request, case_id)
    except NotFound:
        return case_not_found(request)
    anchor = f"material-{requirement_id}"
    upload = request.FILES.get("file")
    if upload is None:
        _keep_upload_error(request, case.pk, anchor, _("请先选择要上传的文件。"))
        return HttpResponseRedirect(_back_url(case, anchor))
    try:
        material = cases.case_material_upload(
            user=request.user,
            case_id=case.pk,
            requirement_id=requirement_id,
            stream=upload,
            filename=upload.name or "",
        )
    except GovhallError as error:
        known = case.item_version is not None and any(m.pk == requirement_id for m in case.item_version.materials.all())
        if known and error.code != "case.invalid_transition":
            _keep_upload_error(request, case.pk, anchor, error.message)
        else:
            messages.error(request, error.message)
    else:
        messages.success(request, _("已上传“%(name)s”。") % {"name": material.display_name})
    finally:
        upload.close()
    return HttpResponseRedirect(_back_url(case, anchor))


@citizen_required
@require_POST
def material_remove(request: HttpRequest, case_id: int, material_id: int) -> HttpResponse:
    try:
        case = _case(request, case_id)
    except NotFound:
        return case_not_found(request)
    material = case.materials.filter(pk=material_id).first()
    anchor = f"material-{material.requirement_id}" if material is not None else ""
    try:
        cases.case_material_remove(user=request.user, case_id=case.pk, material_id=material_id)
    except NotFound:
        return case_not_found(request)
    except GovhallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已删除“%(name)s”。") % {"name": material.display_name if material else ""})
    return HttpResponseRedirect(_back_url(case, anchor))


@citizen_required
@require_GET
def material_download(request: HttpRequest, case_id: int, material_id: int) -> HttpResponseBase:
    """An uploaded file, streamed from private storage as an attachment to its owner only."""
    try:
        material = cases.case_material_get_for_applicant(user=request.user, case_id=case_id, material_id=material_id)
        handle = core.file_open(key=material.file_key)
    except NotFound:
        return case_not_found(request)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=material.display_name or "material",
        content_type=material.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
