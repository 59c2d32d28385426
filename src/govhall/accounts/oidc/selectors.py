"""Reads for registered OIDC clients (departmental systems)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oauth2_provider.models import AccessToken

from govhall.accounts.models import OidcClient


@dataclass(frozen=True, slots=True)
class ClientInfo:
    client_id: str
    name: str
    department_name: str
    audience: str
    audience_label: str
    confidential: bool
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    created_at: Any
    secret_rotated_at: Any
    active_tokens: int


def _info(client: OidcClient, *, with_tokens: bool = False) -> ClientInfo:
    app = client.application
    return ClientInfo(
        client_id=app.client_id,
        name=app.name,
        department_name=client.department.name,
        audience=client.audience,
        audience_label=str(client.get_audience_display()),
        confidential=app.client_type == app.CLIENT_CONFIDENTIAL,
        redirect_uris=app.redirect_uris.split(),
        post_logout_redirect_uris=app.post_logout_redirect_uris.split(),
        created_at=client.created_at,
        secret_rotated_at=client.secret_rotated_at,
        active_tokens=AccessToken.objects.filter(application=app).count() if with_tokens else 0,
    )


def oidc_client_list() -> list[ClientInfo]:
    clients = OidcClient.objects.select_related("application", "department").order_by("department__name", "pk")
    return [_info(client) for client in clients]


def oidc_client_get(*, client_id: str) -> ClientInfo | None:
    client = (
        OidcClient.objects.select_related("application", "department").filter(application__client_id=client_id).first()
    )
    return _info(client, with_tokens=True) if client else None
