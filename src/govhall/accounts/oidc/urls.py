"""``/o/``: the OIDC provider (mounted in config/urls.py). The namespace stays
``oauth2_provider`` because django-oauth-toolkit reverses its own route names."""

from __future__ import annotations

from django.urls import path, re_path

from govhall.accounts.oidc import views

app_name = "oauth2_provider"

urlpatterns = [
    path("authorize/", views.authorize, name="authorize"),
    path("token/", views.token, name="token"),
    path("revoke_token/", views.revoke_token, name="revoke-token"),
    path("userinfo/", views.userinfo, name="user-info"),
    re_path(r"^\.well-known/openid-configuration$", views.discovery, name="oidc-connect-discovery-info"),
    path(".well-known/jwks.json", views.jwks, name="jwks-info"),
    path("logout/", views.logout, name="rp-initiated-logout"),
    path("login/", views.sign_in_choice, name="login"),
]
