"""The ``/o/`` routes: django-oauth-toolkit's views, each labelled with its access rule
(``tests/test_routes.py``), plus govhall's sign-in chooser.

- authorize: ``signed_in`` — a signed-in citizen or staff member (staff only after TOTP); anyone
  else is sent to the sign-in chooser and comes back; the client's audience decides who may enter.
- token, revoke_token: ``oidc_client`` — a registered client authenticating itself (its secret,
  or PKCE alone for a public client).
- userinfo: ``oidc_bearer`` — a valid access token with the ``openid`` scope.
- discovery, JWKS, logout, sign-in chooser: ``public`` — anyone (logout ends only the caller's
  own session).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from oauth2_provider import views as dot

from govhall.accounts.constants import OidcAudience, RealNameLevel, UserKind
from govhall.accounts.models import OidcClient
from govhall.accounts.oidc.validators import ACR_PREFIX, acr_for_level
from govhall.accounts.permissions import public
from govhall.accounts.realname.selectors import realname_level, realname_level_label
from govhall.core.facade import safe_next_url

RULE_SIGNED_IN = "signed_in"
RULE_OIDC_CLIENT = "oidc_client"
RULE_OIDC_BEARER = "oidc_bearer"


def _with_rule(view: Callable[..., Any], rule: str) -> Callable[..., Any]:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def requested_level(acr_values: str) -> int:
    """The lowest real-name level among the ``acr_values`` a client asked for (0 when none is
    ours): a client listing ``urn:govhall:loa:2`` will not get an ID token for an L1 account."""
    levels = [
        int(value.removeprefix(ACR_PREFIX))
        for value in acr_values.split()
        if value.startswith(ACR_PREFIX) and value.removeprefix(ACR_PREFIX) in {"1", "2", "3"}
    ]
    return min(levels) if levels else 0


class GovhallDiscoveryView(dot.ConnectDiscoveryInfoView):
    """DOT's discovery document plus the ``acr`` values govhall understands."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        data = json.loads(response.content)
        data["acr_values_supported"] = [acr_for_level(level) for level in (1, 2, 3)]
        patched = JsonResponse(data)
        patched["Access-Control-Allow-Origin"] = "*"
        return patched


def _audience_allows(client_id: str, user: Any) -> bool:
    audience = OidcClient.objects.filter(application__client_id=client_id).values_list("audience", flat=True).first()
    if audience is None or audience == OidcAudience.ALL:
        return True  # unknown clients are refused by the protocol layer with a proper error
    wanted = UserKind.CITIZEN if audience == OidcAudience.CITIZENS else UserKind.STAFF
    return bool(user.kind == wanted)


AFTER_SIGN_IN = "oidc_after_sign_in"


class GovhallAuthorizationView(dot.AuthorizationView):
    """DOT's authorize endpoint, signing in through govhall's own pages (citizen password or
    staff password + TOTP) and refusing accounts the client's audience does not admit.

    Right after a sign-in the way back to the departmental system is a small page that moves on
    by itself (meta refresh) instead of a redirect: the sign-in was a form submission, and the
    Content-Security-Policy ``form-action 'self'`` makes browsers refuse a form's redirect chain
    that ends at another origin. Later authorisations (already signed in) redirect as usual."""

    login_url = reverse_lazy("oauth2_provider:login")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            client_id = request.GET.get("client_id") or request.POST.get("client_id") or ""
            if not _audience_allows(client_id, request.user):
                return render(request, "accounts/oidc/wrong_audience.html", status=403)
            required = requested_level(request.GET.get("acr_values", ""))
            current = realname_level(user=request.user)
            if required > current:
                context = {
                    "required": realname_level_label(required),
                    "current": realname_level_label(current),
                    "can_verify": getattr(request.user, "is_citizen", False) and required <= RealNameLevel.VERIFIED,
                    "next": request.get_full_path(),
                }
                return render(request, "accounts/oidc/level_required.html", context, status=403)
        elif request.method == "GET":
            request.session[AFTER_SIGN_IN] = True
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def redirect(self, redirect_to: str, application: Any) -> HttpResponse:
        response: HttpResponse = super().redirect(redirect_to, application)
        if self.request.session.pop(AFTER_SIGN_IN, False):
            page = render(
                self.request,
                "accounts/oidc/continue.html",
                {"target": response["Location"], "application": application},
            )
            add_never_cache_headers(page)
            return page
        return response


@public
@require_GET
def sign_in_choice(request: HttpRequest) -> HttpResponse:
    """Where the authorize endpoint sends someone not signed in: citizen or staff sign-in, and
    back to the departmental system afterwards (``next`` must point into this site)."""
    next_url = safe_next_url(request, "")
    return render(request, "accounts/oidc/sign_in.html", {"next": next_url, "title": _("统一身份认证")})


authorize = _with_rule(GovhallAuthorizationView.as_view(), RULE_SIGNED_IN)
token = _with_rule(dot.TokenView.as_view(), RULE_OIDC_CLIENT)
revoke_token = _with_rule(dot.RevokeTokenView.as_view(), RULE_OIDC_CLIENT)
userinfo = _with_rule(dot.UserInfoView.as_view(), RULE_OIDC_BEARER)
discovery = public(GovhallDiscoveryView.as_view())
jwks = public(dot.JwksInfoView.as_view())
logout = public(dot.RPInitiatedLogoutView.as_view())
