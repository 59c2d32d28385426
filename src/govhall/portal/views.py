from __future__ import annotations

from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from govhall.accounts.facade import SESSION_BACKEND, citizen_authenticate, citizen_required, login_record, public
from govhall.core.facade import GovhallError, rate_limit
from govhall.core.facade import safe_next_url as safe_next
from govhall.portal.forms import CitizenLoginForm

BACKEND = SESSION_BACKEND


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@public
@require_http_methods(["GET", "POST"])
@rate_limit("login")
def login_view(request: HttpRequest) -> HttpResponse:
    form = CitizenLoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = citizen_authenticate(
                identifier=form.cleaned_data["identifier"], password=form.cleaned_data["password"]
            )
        except GovhallError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            login(request, user, backend=BACKEND)
            login_record(user=user)
            return HttpResponseRedirect(safe_next(request, reverse("portal:me")))
    return render(request, "portal/login.html", {"form": form, "next": safe_next(request, "")}, status=status)


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("portal:home"))


@citizen_required
def me(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    return render(request, "portal/me.html", {"person": person})
