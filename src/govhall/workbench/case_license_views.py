"""Licences an application refers to, for the staff handling it: the 免提交 references (trust
level A) and the licences the holder authorised for this application (用证授权).

The case is loaded through the cases gatekeeper (other departments' cases are "not found"), and
the licence must be one the case refers to — a material reference or an authorisation still in
force — so a case page is never a window onto arbitrary licences. Each view is audited.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from govhall.accounts.facade import staff_required
from govhall.cases import facade as cases
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import NotFound
from govhall.licenses import facade as licenses
from govhall.workbench.case_views import READER_ROLES


def referenced_license_ids(case: Any) -> set[int]:
    """Licences a case refers to: its licence materials and the authorisations in force."""
    identifiers = [
        m.reference for m in case.materials.all() if m.source == cases.MaterialSource.LICENSE and m.reference
    ]
    ids = set()
    for identifier in identifiers:
        info = licenses.license_get_by_identifier(identifier=identifier)
        if info is not None:
            ids.add(info.id)
    for item in licenses.licenses_authorized_for(subject=SubjectRef("case", str(case.pk))):
        ids.add(item.license.id)
    return ids


def _message(request: HttpRequest, title: str, message: str, *, status: int) -> HttpResponse:
    return render(
        request,
        "workbench/cases/message.html",
        {"title": title, "message": message, "back_url": reverse("workbench:cases")},
        status=status,
    )


@staff_required(roles=READER_ROLES)
@require_GET
@xframe_options_sameorigin  # previewed in a frame on the case page
def case_license_pdf(request: HttpRequest, case_id: int, license_id: int) -> HttpResponse:
    """The signed PDF of a licence the case refers to, shown inline (audited)."""
    try:
        case = cases.case_get_for_staff(user=request.user, case_id=case_id)
    except NotFound:
        return _message(request, _("办件不存在"), _("办件不存在，或不属于您所在部门。"), status=404)
    if license_id not in referenced_license_ids(case):
        return _message(request, _("证照不存在"), _("该办件没有引用这个证照，或授权已过期、已撤销。"), status=404)
    try:
        pdf, filename = licenses.license_pdf_for_staff(
            actor=Actor(user_id=request.user.pk, role="staff", department_id=case.department_id),
            license_id=license_id,
            subject=SubjectRef("case", str(case.pk)),
        )
    except NotFound:
        return _message(request, _("证照不存在"), _("证照文件尚未生成，请稍后再试。"), status=404)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
