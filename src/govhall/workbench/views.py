"""Staff sign-in (password, then TOTP — mandatory) and the workbench home.

Between the two factors the session holds only ``pending_staff``: the user is not logged in, so
no page or API treats them as authenticated until the second factor succeeds.
"""

from __future__ import annotations

import time
from typing import Any

import segno
from django.contrib.auth import get_user_model, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from govhall.accounts.facade import (
    SESSION_BACKEND,
    login_record,
    public,
    staff_authenticate,
    staff_required,
    totp_enrollment_begin,
    totp_provisioning_uri,
    totp_verify,
    user_roles,
)
from govhall.core.facade import GovhallError, rate_limit
from govhall.core.facade import safe_next_url as safe_next
from govhall.workbench.forms import StaffLoginForm, TotpForm

PENDING_KEY = "pending_staff"
PENDING_SECONDS = 300


def _pending_user(request: HttpRequest) -> Any:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()


@public
@require_http_methods(["GET", "POST"])
@rate_limit("login")
def login_view(request: HttpRequest) -> HttpResponse:
    form = StaffLoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_authenticate(username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        except GovhallError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            request.session.cycle_key()
            request.session[PENDING_KEY] = {"user_id": user.pk, "at": time.time()}
            request.session["pending_next"] = safe_next(request, "")
            step = "workbench:totp" if user.totp_confirmed_at else "workbench:totp_setup"
            return HttpResponseRedirect(reverse(step))
    return render(request, "workbench/login.html", {"form": form, "next": safe_next(request, "")}, status=status)


def _second_factor(request: HttpRequest, *, setup: bool) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return HttpResponseRedirect(reverse("workbench:login"))
    if setup and user.totp_confirmed_at:
        return HttpResponseRedirect(reverse("workbench:totp"))
    if not setup and not user.totp_confirmed_at:
        return HttpResponseRedirect(reverse("workbench:totp_setup"))
    form = TotpForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            totp_verify(user=user, code=form.cleaned_data["code"])
        except GovhallError as error:
            form.add_error("code", error.message)
            status = error.status
        else:
            next_url = request.session.get("pending_next") or reverse("workbench:home")
            request.session.pop(PENDING_KEY, None)
            login(request, user, backend=SESSION_BACKEND)
            login_record(user=user)
            return HttpResponseRedirect(next_url)
    context: dict[str, object] = {"form": form, "setup": setup}
    if setup:
        secret = totp_enrollment_begin(user=user)
        uri = totp_provisioning_uri(user=user, secret=secret)
        context.update(
            secret=secret,
            secret_grouped=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            qr_svg=segno.make(uri, error="m").svg_inline(scale=4),
        )
    return render(request, "workbench/totp.html", context, status=status)


@public
@require_http_methods(["GET", "POST"])
@rate_limit("login")
def totp_view(request: HttpRequest) -> HttpResponse:
    return _second_factor(request, setup=False)


@public
@require_http_methods(["GET", "POST"])
def totp_setup_view(request: HttpRequest) -> HttpResponse:
    return _second_factor(request, setup=True)


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("workbench:login"))


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "workbench/home.html", {"roles": user_roles(user=request.user)})  # type: ignore[arg-type]
