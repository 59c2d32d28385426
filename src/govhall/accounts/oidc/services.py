"""Registering departmental systems as OIDC clients (system administrators only).

The client secret is generated here, returned exactly once to be shown to the administrator,
and stored only as a hash (django-oauth-toolkit's ``hash_client_secret``). Every change is
atomic and audited; the audit detail names the client id, never the secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application, RefreshToken
from oauth2_provider.settings import oauth2_settings

from govhall.accounts.constants import OidcAudience, Role
from govhall.accounts.models import Department, OidcClient, RoleAssignment, User
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import NotFound, PermissionDenied, ValidationFailed, audit_record

MAX_URIS = 10
MAX_URI_LENGTH = 500


@dataclass(frozen=True, slots=True)
class IssuedClient:
    """A client as just created or re-keyed. ``client_secret`` is the only clear copy there
    will ever be (``""`` for a public client, which proves itself with PKCE only)."""

    client_id: str
    client_secret: str
    name: str


def _require_system_admin(actor: Actor) -> User:
    user = User.objects.filter(pk=actor.user_id, is_active=True).first() if actor.user_id else None
    if user is None or not RoleAssignment.objects.filter(user=user, role=Role.SYSTEM_ADMIN).exists():
        raise PermissionDenied(_("只有系统管理员可以管理统一身份认证接入系统。"), code="oidc_client.forbidden")
    return user


def _ref(client_id: str) -> SubjectRef:
    return SubjectRef("oidc_client", client_id)


def _clean_uris(raw: str, *, field: str, required: bool) -> list[str]:
    uris = [line.strip() for line in raw.replace(",", "\n").split() if line.strip()]
    if required and not uris:
        raise ValidationFailed(_("请至少填写一个登录回调地址。"), code="oidc_client.redirect_required", field=field)
    if len(uris) > MAX_URIS:
        raise ValidationFailed(
            _("回调地址最多%(count)d个。"), code="oidc_client.too_many_uris", field=field, params={"count": MAX_URIS}
        )
    schemes = set(oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES)
    for uri in uris:
        parts = urlsplit(uri)
        if len(uri) > MAX_URI_LENGTH or parts.scheme not in schemes or not parts.netloc or parts.fragment or "*" in uri:
            raise ValidationFailed(
                _("回调地址“%(uri)s”无效：须为完整地址（%(schemes)s），不能含通配符或“#”片段。"),
                code="oidc_client.redirect_invalid",
                field=field,
                params={"uri": uri[:100], "schemes": " / ".join(sorted(schemes))},
            )
    return uris


def oidc_client_create(
    *,
    actor: Actor,
    name: str,
    department_id: int,
    audience: str,
    redirect_uris: str,
    post_logout_redirect_uris: str = "",
    confidential: bool = True,
) -> IssuedClient:
    """Register a departmental system: authorization code + PKCE, ID tokens signed RS256, no
    consent screen (the system is run by a department of this government).

    Raises ``PermissionDenied`` unless ``actor`` is a system administrator and
    ``ValidationFailed`` for a missing name, unknown department or audience, or a redirect URI
    that is not an absolute http(s) address (https only in production)."""
    admin = _require_system_admin(actor)
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationFailed(_("请填写系统名称（不超过100个字符）。"), code="oidc_client.name", field="name")
    if audience not in OidcAudience.values:
        raise ValidationFailed(_("请选择可登录的用户类型。"), code="oidc_client.audience", field="audience")
    department = Department.objects.filter(pk=department_id, is_active=True).first()
    if department is None:
        raise ValidationFailed(_("请选择运行该系统的部门。"), code="oidc_client.department", field="department")
    redirects = _clean_uris(redirect_uris, field="redirect_uris", required=True)
    logouts = _clean_uris(post_logout_redirect_uris, field="post_logout_redirect_uris", required=False)
    secret = generate_client_secret() if confidential else ""
    app = Application(
        name=name,
        user=admin,
        client_type=Application.CLIENT_CONFIDENTIAL if confidential else Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(redirects),
        post_logout_redirect_uris=" ".join(logouts),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
        hash_client_secret=True,
        client_secret=secret,
    )
    try:
        app.clean()
    except DjangoValidationError:
        raise ValidationFailed(
            _("接入系统的配置无效，请检查回调地址。"), code="oidc_client.invalid", field="redirect_uris"
        ) from None
    with transaction.atomic():
        app.save()  # the secret field hashes itself on save
        OidcClient.objects.create(application=app, department=department, audience=audience, created_by=admin)
        audit_record(
            actor=actor,
            action="oidc_client.create",
            subject=_ref(app.client_id),
            after={"name": name, "department": department.pk, "audience": audience, "redirect_uris": redirects},
            detail={"department": department.pk, "confidential": confidential},
        )
    return IssuedClient(client_id=app.client_id, client_secret=secret, name=name)


def _locked_client(client_id: str) -> Application:
    app = Application.objects.select_for_update().filter(client_id=client_id, govhall_client__isnull=False).first()
    if app is None:
        raise NotFound(_("接入系统不存在或已删除。"), code="oidc_client.not_found")
    return app


def oidc_client_rotate_secret(*, actor: Actor, client_id: str) -> IssuedClient:
    """Issue a new secret (the old one stops working at once) and revoke the client's tokens.
    Returns the new secret, once. Raises ``NotFound``, ``PermissionDenied``, and
    ``ValidationFailed`` for a public client (it has no secret)."""
    _require_system_admin(actor)
    with transaction.atomic():
        app = _locked_client(client_id)
        if app.client_type != Application.CLIENT_CONFIDENTIAL:
            raise ValidationFailed(_("公开客户端没有密钥。"), code="oidc_client.public_has_no_secret")
        secret = generate_client_secret()
        app.client_secret = secret
        app.save(update_fields=["client_secret", "updated"])
        RefreshToken.objects.filter(application=app).delete()
        AccessToken.objects.filter(application=app).delete()
        OidcClient.objects.filter(application=app).update(secret_rotated_at=timezone.now())
        audit_record(actor=actor, action="oidc_client.rotate_secret", subject=_ref(client_id))
    return IssuedClient(client_id=client_id, client_secret=secret, name=app.name)


def oidc_client_delete(*, actor: Actor, client_id: str) -> None:
    """Remove a client and every token issued to it: the system can no longer sign anyone in."""
    _require_system_admin(actor)
    with transaction.atomic():
        app = _locked_client(client_id)
        before = {"name": app.name, "redirect_uris": app.redirect_uris}
        app.delete()
        audit_record(actor=actor, action="oidc_client.delete", subject=_ref(client_id), before=before)
