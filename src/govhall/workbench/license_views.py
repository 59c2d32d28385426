"""Licence management in the staff workbench (证照管理): the licences a department issued, their
status, and the lifecycle actions — 吊销 (requested by one member of staff, confirmed by a
different one), 注销 and 换发/延续.

Who: staff holding ``decider`` or ``department_admin`` (``licenses.facade.LICENSE_MANAGER_ROLES``)
in the issuing department. Anyone else with a staff account gets 403 at the door; a licence of
another department is "not found" (404) exactly like a missing one. Every change is a POST with
CSRF calling one licence service, then a redirect (PRG); a refused action shows the service's
message and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from govhall.accounts.facade import staff_required
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError, NotFound
from govhall.licenses import facade as licenses

ROLES = licenses.LICENSE_MANAGER_ROLES
STATUS_FILTERS = ("", "valid", "expired", "revoked", "cancelled", "replaced", "pending")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class RevokeForm(ReasonForm):
    legal_basis = forms.CharField(label=gettext_lazy("法律依据"), max_length=500, required=False)


def _actor(request: HttpRequest, info: Any = None) -> Actor:
    return Actor(
        user_id=request.user.pk,
        role="staff",
        department_id=info.issuer_department_id if info is not None else None,
        request_id=getattr(request, "request_id", ""),
    )


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workbench/cases/message.html",
        {
            "title": _("证照不存在"),
            "message": _("证照不存在，或不属于您所在部门。"),
            "back_url": reverse("workbench:licenses"),
        },
        status=404,
    )


def _load(request: HttpRequest, license_id: int) -> Any:
    return licenses.license_get_for_staff(user=request.user, license_id=license_id)


@staff_required(roles=ROLES)
@require_GET
def license_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in STATUS_FILTERS else ""
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "workbench/licenses/list.html",
        {
            "licenses": licenses.licenses_for_staff(user=request.user, status=status, query=query),
            "pending": licenses.pending_revocations_for_staff(user=request.user),
            "status": status,
            "query": query,
            "status_choices": [(value, licenses.EffectiveStatus(value).label) for value in STATUS_FILTERS if value],
        },
    )


@staff_required(roles=ROLES)
@require_GET
def license_detail(request: HttpRequest, license_id: int) -> HttpResponse:
    try:
        info = _load(request, license_id)
    except NotFound:
        return _not_found(request)
    return _detail(request, info)


def _detail(
    request: HttpRequest, info: Any, *, revoke_form: Any = None, cancel_form: Any = None, status: int = 200
) -> HttpResponse:
    revocations = licenses.license_revocations(license_id=info.id)
    pending = next((r for r in revocations if r.status == "requested"), None)
    return render(
        request,
        "workbench/licenses/detail.html",
        {
            "license": info,
            "revocations": revocations,
            "pending": pending,
            "own_request": pending is not None and pending.requested_by_id == request.user.pk,
            "revoke_form": revoke_form or RevokeForm(),
            "cancel_form": cancel_form or ReasonForm(prefix="cancel"),
            "can_change": info.stored_status == "valid",
        },
        status=status,
    )


def _after(request: HttpRequest, license_id: int, message: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(reverse("workbench:license", args=[license_id]))


def _refused(request: HttpRequest, license_id: int, error: GovhallError) -> HttpResponse:
    messages.error(request, error.message)
    return HttpResponseRedirect(reverse("workbench:license", args=[license_id]))


@staff_required(roles=ROLES)
@require_POST
def license_revoke(request: HttpRequest, license_id: int) -> HttpResponse:
    try:
        info = _load(request, license_id)
    except NotFound:
        return _not_found(request)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _detail(request, info, revoke_form=form, status=400)
    try:
        licenses.license_revoke_request(
            actor=_actor(request, info),
            license_id=info.id,
            reason=form.cleaned_data["reason"],
            legal_basis=form.cleaned_data["legal_basis"],
        )
    except GovhallError as error:
        return _refused(request, info.id, error)
    return _after(request, info.id, _("吊销申请已提交，须由本部门另一名工作人员复核确认后生效。"))


@staff_required(roles=ROLES)
@require_POST
def revocation_confirm(request: HttpRequest, license_id: int, revocation_id: int) -> HttpResponse:
    try:
        info = _load(request, license_id)
    except NotFound:
        return _not_found(request)
    if revocation_id not in {r.id for r in licenses.license_revocations(license_id=info.id)}:
        return _not_found(request)
    try:
        licenses.license_revoke_confirm(actor=_actor(request, info), revocation_id=revocation_id)
    except GovhallError as error:
        return _refused(request, info.id, error)
    return _after(request, info.id, _("已确认吊销，核验页面即时显示“已吊销”。"))


@staff_required(roles=ROLES)
@require_POST
def revocation_withdraw(request: HttpRequest, license_id: int, revocation_id: int) -> HttpResponse:
    try:
        info = _load(request, license_id)
    except NotFound:
        return _not_found(request)
    if revocation_id not in {r.id for r in licenses.license_revocations(license_id=info.id)}:
        return _not_found(request)
    try:
        licenses.license_revoke_withdraw(actor=_actor(request, info), revocation_id=revocation_id)
    except GovhallError as error:
        return _refused(request, info.id, error)
    return _after(request, info.id, _("吊销申请已撤回。"))


@staff_required(roles=ROLES)
@require_POST
def license_cancel(request: HttpRequest, license_id: int) -> HttpResponse:
    try:
        info = _load(request, license_id)
    except NotFound:
        return _not_found(request)
    form = ReasonForm(request.POST, prefix="cancel")
    if not form.is_valid():
        return _detail(request, info, cancel_form=form, status=400)
    try:
        licenses.license_cancel(actor=_actor(request, info), license_id=info.id, reason=form.cleaned_data["reason"])
    except GovhallError as error:
        return _refused(request, info.id, error)
    return _after(request, info.id, _("证照已注销。"))


@staff_required(roles=ROLES)
@require_POST
def license_renew(request: HttpRequest, license_id: int) -> HttpResponse:
    """换发/延续: a new version with a new validity period; the old one becomes "replaced" once the
    new one is signed (in the background)."""
    try:
        info = _load(request, license_id)
    except NotFound:
        return _not_found(request)
    try:
        new = licenses.license_replace(actor=_actor(request, info), license_id=info.id, renew=True)
    except GovhallError as error:
        return _refused(request, info.id, error)
    messages.success(request, _("已换发新版本，签章完成后原证照将标记为“已换发”。"))
    return HttpResponseRedirect(reverse("workbench:license", args=[new.id]))


@staff_required(roles=ROLES)
@require_GET
@xframe_options_sameorigin
def license_pdf(request: HttpRequest, license_id: int) -> HttpResponse:
    try:
        info = _load(request, license_id)
        pdf = licenses.license_pdf(license_id=info.id)
    except NotFound:
        return _not_found(request)
    licenses.license_view_record(actor=_actor(request, info), license_id=info.id, what="staff_view")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="license-{info.id}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
