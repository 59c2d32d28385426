"""Process definitions (审批流程) in the staff workbench: list, upload, and view with bpmn-js.

Who: only a catalog admin lists and uploads process files (they carry expressions; the workflow
service checks the role again). Reviewers, deciders and department admins may open one version's
page to see the route their work items follow. Everybody else gets 403 from ``staff_required``.

An upload is a POST with CSRF that calls ``process_definition_install`` and redirects to the
installed version's page (PRG). Installing content identical to the newest version is a no-op
and leads to that version. A refused file re-renders the form with the service's message.
The diagram page embeds the BPMN XML with ``json_script`` and draws it from a static script
(no inline script, CSP-friendly); the bpmn.io watermark stays visible (bpmn-js licence).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govhall.accounts.facade import Role, staff_required, user_has_role
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError
from govhall.workflow import facade as workflow

UPLOAD_ROLES = (Role.CATALOG_ADMIN,)
VIEW_ROLES = (Role.CATALOG_ADMIN, Role.REVIEWER, Role.DECIDER, Role.DEPARTMENT_ADMIN)
MAX_FILE_BYTES = 1024 * 1024  # 1 MB per BPMN/DMN file
MAX_DMN_FILES = 20
MAX_KEY_LENGTH = 100


def _role_label(code: str) -> str:
    return str(Role(code).label) if code in Role.values else code


def _tasks(info: Any) -> list[dict[str, str]]:
    """The user tasks of one version with their role in words."""
    return [
        {
            "id": str(task.get("id", "")),
            "name": str(task.get("name", "")),
            "role": str(task.get("role", "")),
            "role_label": _role_label(str(task.get("role", ""))),
        }
        for task in info.user_tasks
    ]


def _read(upload: UploadedFile, label: str) -> str:
    """The text of an uploaded file, or a ``ValueError`` with what is wrong (in Chinese)."""
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise ValueError(_("%(file)s超过 1 MB，请精简后重新上传。") % {"file": label})
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(_("%(file)s超过 1 MB，请精简后重新上传。") % {"file": label})
    if not data.strip():
        raise ValueError(_("%(file)s是空文件。") % {"file": label})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(_("%(file)s不是 UTF-8 编码的文本文件。") % {"file": label}) from None


def _upload_errors(request: HttpRequest) -> tuple[list[str], dict[str, Any]]:
    """Check the form fields and read the files; returns (errors, install arguments)."""
    errors: list[str] = []
    key = request.POST.get("key", "").strip()
    name = request.POST.get("name", "").strip()
    if not key:
        errors.append(_("请填写流程标识（BPMN 文件中 process 元素的 id）。"))
    elif len(key) > MAX_KEY_LENGTH:
        errors.append(_("流程标识不能超过 100 个字符。"))
    bpmn_xml = ""
    bpmn_file = request.FILES.get("bpmn")
    if bpmn_file is None:
        errors.append(_("请选择 BPMN 流程文件。"))
    else:
        try:
            bpmn_xml = _read(bpmn_file, _("BPMN 文件"))
        except ValueError as error:
            errors.append(str(error))
    dmn_files = request.FILES.getlist("dmn")
    dmn_xmls: list[str] = []
    if len(dmn_files) > MAX_DMN_FILES:
        errors.append(_("一次最多上传 20 个 DMN 文件。"))
    else:
        for upload in dmn_files:
            try:
                dmn_xmls.append(_read(upload, _("DMN 文件 %(name)s") % {"name": upload.name}))
            except ValueError as error:
                errors.append(str(error))
    return errors, {"key": key, "name": name, "bpmn_xml": bpmn_xml, "dmn_xmls": dmn_xmls}


@staff_required(roles=UPLOAD_ROLES)
@require_http_methods(["GET", "POST"])
def process_list(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    values = {"key": "", "name": ""}
    status = 200
    if request.method == "POST":
        errors, arguments = _upload_errors(request)
        values = {"key": arguments["key"], "name": arguments["name"]}
        if not errors:
            try:
                definition = workflow.process_definition_install(
                    actor=Actor(user_id=request.user.pk, role=str(Role.CATALOG_ADMIN)), **arguments
                )
            except GovhallError as error:
                errors.append(error.message)
            else:
                messages.success(
                    request,
                    _("流程“%(key)s”当前版本为第%(version)s版。")
                    % {"key": definition.key, "version": definition.version},
                )
                return HttpResponseRedirect(reverse("workbench:process", args=[definition.key, definition.version]))
        status = 400
    definitions = [{"info": info, "tasks": _tasks(info)} for info in workflow.process_definitions(latest_only=False)]
    return render(
        request,
        "workbench/processes/list.html",
        {
            "definitions": definitions,
            "errors": errors,
            "values": values,
            "max_file_mb": MAX_FILE_BYTES // (1024 * 1024),
        },
        status=status,
    )


@staff_required(roles=VIEW_ROLES)
@require_GET
def process_detail(request: HttpRequest, key: str, version: int) -> HttpResponse:
    definition = workflow.process_definition_get(key=key, version=version)
    if definition is None:
        raise Http404(_("流程不存在。"))
    info = workflow.definition_info(definition)
    user: Any = request.user  # a staff member: staff_required let the request through
    return render(
        request,
        "workbench/processes/detail.html",
        {
            "info": info,
            "tasks": _tasks(info),
            "decisions": sorted(info.decisions.items()),
            "xml": definition.bpmn_xml,
            "can_upload": user_has_role(user=user, role=Role.CATALOG_ADMIN),
        },
    )
