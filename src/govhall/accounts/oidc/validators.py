"""Claims govhall puts in ID tokens and userinfo.

| claim | scope | value |
| --- | --- | --- |
| ``sub`` | openid | the account id (stable, not personal data) |
| ``acr`` | openid | ``urn:govhall:loa:<n>``: the account's real-name level 0–3 |
| ``govhall_realname_level`` | openid | the same level as a number |
| ``govhall_user_kind`` | openid | ``citizen`` or ``staff`` |
| ``name`` | profile | masked (``张*``) — the full name only when ``realname`` is granted too |
| ``govhall_realname_method`` | realname | how the level was reached |
| ``govhall_realname_verified_at`` | realname | when (epoch seconds) |
| ``govhall_id_number_masked`` | realname | the masked ID number (``3506**********0314``) |

The clear ID number is never a claim: a department that needs it asks through data sharing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

from govhall.accounts.constants import UserKind
from govhall.accounts.models import Person
from govhall.accounts.realname.selectors import realname_info, realname_level

ACR_PREFIX = "urn:govhall:loa:"
REALNAME_SCOPE = "realname"


def acr_for_level(level: int) -> str:
    return f"{ACR_PREFIX}{level}"


def mask_name(name: str) -> str:
    """``张三`` → ``张*``, ``欧阳娜娜`` → ``欧***``: the first character only."""
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def _person(user: Any) -> Person | None:
    return Person.objects.filter(user_id=user.pk).first()


def _name(request: Any) -> str:
    user = request.user
    if user.kind != UserKind.CITIZEN:
        return str(user.display_name or user.username)
    person = _person(user)
    if person is None:
        return mask_name(str(user.display_name))
    return person.real_name if REALNAME_SCOPE in (request.scopes or []) else mask_name(person.real_name)


def _verified_at(request: Any) -> int | None:
    reached = realname_info(user=request.user).reached_at
    return int(reached.timestamp()) if reached is not None else None  # type: ignore[attr-defined]


def _id_number_masked(request: Any) -> str:
    person = _person(request.user)
    return person.id_number_masked if person else ""


class GovhallOAuth2Validator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "acr": "openid",
        "govhall_realname_level": "openid",
        "govhall_user_kind": "openid",
        "govhall_realname_method": REALNAME_SCOPE,
        "govhall_realname_verified_at": REALNAME_SCOPE,
        "govhall_id_number_masked": REALNAME_SCOPE,
    }

    # Request-agnostic form (no ``request`` parameter): discovery then lists every claim, and
    # each value is computed only if its scope was granted.
    def get_additional_claims(self) -> dict[str, Callable[[Any], Any]]:
        return {
            "acr": lambda request: acr_for_level(realname_level(user=request.user)),
            "govhall_realname_level": lambda request: realname_level(user=request.user),
            "govhall_user_kind": lambda request: str(request.user.kind),
            "name": _name,
            "govhall_realname_method": lambda request: realname_info(user=request.user).method,
            "govhall_realname_verified_at": _verified_at,
            "govhall_id_number_masked": _id_number_masked,
        }
