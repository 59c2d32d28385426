"""Unified identity (统一身份认证): govhall as an OpenID Connect provider under ``/o/``.

django-oauth-toolkit does the protocol (authorization code + PKCE, tokens, ID tokens signed
RS256, userinfo, discovery, JWKS, RP-initiated logout). This package adds what is govhall's:
the claims (real-name level, masked or full name by scope) in ``validators``, the routes with
their access rules and our sign-in pages in ``views``/``urls``, and client registration by
system administrators in ``services``/``selectors`` (docs/adr/0004-oidc-provider.md).
"""
