from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from govhall.accounts.constants import SESSION_TOUCH_SECONDS

SESSION_LAST_ACTIVITY = "govhall_last_activity"


class IdleTimeoutMiddleware:
    """Signs out after inactivity: staff after ``GOVHALL_STAFF_IDLE_MINUTES`` (15), citizens after
    ``GOVHALL_CITIZEN_IDLE_MINUTES`` (30). Each request counts as activity (recorded once a minute)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            is_staff = getattr(user, "is_staff_member", False)
            limit = 60 * (settings.GOVHALL_STAFF_IDLE_MINUTES if is_staff else settings.GOVHALL_CITIZEN_IDLE_MINUTES)
            now = time.time()
            last = request.session.get(SESSION_LAST_ACTIVITY)
            if last is not None and now - float(last) > limit:
                logout(request)
                if request.path.startswith("/api/"):
                    return HttpResponse(status=401)
                messages.info(request, _("由于长时间未操作，您已安全退出，请重新登录。"))
                target = "workbench:login" if is_staff else "portal:login"
                return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.path})}")
            # Recorded at most once a minute: otherwise every request writes its session row (a
            # database write per page view; benchmarks/case_flow.py). The limit can only end up
            # stricter, by less than a minute.
            if last is None or now - float(last) >= SESSION_TOUCH_SECONDS:
                request.session[SESSION_LAST_ACTIVITY] = now
        return self.get_response(request)
