"""Acting identity (身份切换): whom a signed-in citizen acts for in this session.

By default a citizen acts as themselves. After an explicit switch they act for an organisation
(as its legal representative or a handler) or for a citizen under a mandate (as the agent). The
choice is kept in the session (``SESSION_ACTING``), checked again on every request by
``ActingIdentityMiddleware`` — a revoked handler grant or mandate is refused on the very next
request and the session is switched back — shown in the header of every page
(``request.acting_identity``), and put into ``core.context.acting_for_var`` so every audit event of
the request records both the person and whom they acted for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govhall.accounts import mandates, organizations
from govhall.accounts.models import Organization
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import PermissionDenied, acting_for_var, audit_record

SESSION_ACTING = "govhall_acting"
KIND_PERSON = "person"
KIND_ORGANIZATION = "organization"
KIND_MANDATE = "mandate"


@dataclass(frozen=True, slots=True)
class ActingIdentity:
    """One identity a citizen may act as. ``value`` is what the switch form posts."""

    kind: str  # person | organization | mandate
    label: str
    detail: str = ""
    organization_id: int | None = None
    mandate_id: int | None = None
    is_representative: bool = False

    @property
    def value(self) -> str:
        if self.kind == KIND_ORGANIZATION:
            return f"org-{self.organization_id}"
        if self.kind == KIND_MANDATE:
            return f"mandate-{self.mandate_id}"
        return KIND_PERSON

    @property
    def on_behalf_of(self) -> str:
        if self.kind == KIND_ORGANIZATION:
            return str(SubjectRef("organization", str(self.organization_id)))
        if self.kind == KIND_MANDATE:
            return str(SubjectRef("mandate", str(self.mandate_id)))
        return ""

    @property
    def is_self(self) -> bool:
        return self.kind == KIND_PERSON


def _person_name(user: Any) -> str:
    person = getattr(user, "person", None)
    return person.real_name if person is not None else (user.display_name or "")


# The name is read when a page shows it: an API call or a redirect acting as oneself reads no
# person row (every signed-in citizen request passes through ActingIdentityMiddleware).
_lazy_person_name = lazy(_person_name, str)


def _self_identity(user: Any) -> ActingIdentity:
    return ActingIdentity(KIND_PERSON, _lazy_person_name(user), str(gettext_lazy("个人身份")))


def _org_identity(org: Organization, *, representative: bool) -> ActingIdentity:
    role = gettext_lazy("法定代表人") if representative else gettext_lazy("经办人")
    return ActingIdentity(
        KIND_ORGANIZATION, org.name, str(role), organization_id=org.pk, is_representative=representative
    )


def _mandate_identity(mandate: Any) -> ActingIdentity:
    return ActingIdentity(
        KIND_MANDATE,
        mandate.principal.real_name,
        str(gettext_lazy("代办（委托有效期至 %(date)s）") % {"date": f"{mandate.expires_at:%Y-%m-%d}"}),
        mandate_id=mandate.pk,
    )


def acting_options(*, user: Any) -> list[ActingIdentity]:
    """Every identity the citizen may switch to: themselves, organisations they lead or handle,
    citizens whose live mandate they hold."""
    options = [_self_identity(user)]
    led = list(organizations.organizations_led(user=user))
    options += [_org_identity(org, representative=True) for org in led]
    led_ids = {org.pk for org in led}
    options += [
        _org_identity(org, representative=False)
        for org in organizations.organizations_handled(user=user)
        if org.pk not in led_ids
    ]
    options += [_mandate_identity(m) for m in mandates.mandates_usable_for_agent(user=user)]
    return options


def acting_resolve(*, user: Any, value: str) -> ActingIdentity | None:
    """The identity ``value`` stands for if ``user`` may act as it now, else ``None``."""
    if value == KIND_PERSON:
        return _self_identity(user)
    kind, _sep, raw_id = value.partition("-")
    if not raw_id.isdigit() or len(raw_id) > 12:
        return None
    target = int(raw_id)
    if kind == "org":
        org = Organization.objects.filter(pk=target).select_related("legal_representative").first()
        if org is None:
            return None
        if org.legal_representative.user_id == user.pk:
            return _org_identity(org, representative=True)
        if organizations.handler_is_live(user_id=user.pk, organization_id=org.pk):
            return _org_identity(org, representative=False)
        return None
    if kind == KIND_MANDATE:
        mandate = mandates.mandate_usable(agent_id=user.pk, mandate_id=target)
        return _mandate_identity(mandate) if mandate is not None else None
    return None


def identity_switch(*, request: HttpRequest, value: str) -> ActingIdentity:
    """Switch the session's acting identity (audited). Raises ``PermissionDenied``
    (``identity.not_allowed``) for an identity the user may not take."""
    user: Any = request.user
    identity = acting_resolve(user=user, value=value)
    if identity is None:
        raise PermissionDenied(
            _("您无权以该身份办理，经办人授权或代办委托可能已被撤销或过期。"), code="identity.not_allowed"
        )
    with transaction.atomic():
        audit_record(
            actor=Actor(user_id=user.pk, role="applicant", on_behalf_of=identity.on_behalf_of),
            action="identity.switch",
            subject=SubjectRef("user", str(user.pk)),
            detail={"to": identity.kind},
        )
    if identity.is_self:
        request.session.pop(SESSION_ACTING, None)
    else:
        request.session[SESSION_ACTING] = identity.value
    return identity


def current_identity(request: HttpRequest) -> ActingIdentity | None:
    return getattr(request, "acting_identity", None)


@contextlib.contextmanager
def acting_as(identity: ActingIdentity | None) -> Iterator[None]:
    """Run code as if the request had switched to ``identity`` (services, tests, commands)."""
    token = acting_for_var.set(identity.on_behalf_of if identity is not None else "")
    try:
        yield
    finally:
        acting_for_var.reset(token)


def acting_mandate_id() -> int | None:
    kind, _sep, ident = acting_for_var.get().partition(":")
    return int(ident) if kind == KIND_MANDATE and ident.isdigit() else None


def acting_authorize(*, user: Any, organization_id: int | None, mandate_id: int | None, item_code: str = "") -> None:
    """For case services, inside their transaction: may ``user`` (still) apply for this
    organisation / under this mandate? Locks the grant or mandate row so a concurrent revocation
    is ordered before or after, never in between. Raises ``PermissionDenied``."""
    if organization_id is not None:
        led = Organization.objects.filter(pk=organization_id, legal_representative__user_id=user.pk).exists()
        if not led and not organizations.handler_is_live(user_id=user.pk, organization_id=organization_id, lock=True):
            raise PermissionDenied(
                _("您的经办人授权已被撤销，不能再以该单位名义办理。"), code="case.not_authorized_for_org"
            )
    if (
        mandate_id is not None
        and mandates.mandate_usable(agent_id=user.pk, mandate_id=mandate_id, item_code=item_code, lock=True) is None
    ):
        raise PermissionDenied(
            _("代办委托已撤销、已过期或不包含该事项，不能再代为办理。"), code="case.mandate_not_usable"
        )


def mandate_for_acting(*, user: Any, item_code: str = "") -> Any:
    """The mandate the current request acts under (after a switch), checked usable for the item.

    ``None`` when not acting under a mandate; ``PermissionDenied`` when it is no longer usable."""
    mandate_id = acting_mandate_id()
    if mandate_id is None:
        return None
    mandate = mandates.mandate_usable(agent_id=user.pk, mandate_id=mandate_id, item_code=item_code, lock=True)
    if mandate is None:
        raise PermissionDenied(
            _("代办委托已撤销、已过期或不包含该事项，不能再代为办理。"), code="case.mandate_not_usable"
        )
    return mandate


class ActingIdentityMiddleware:
    """Re-checks the session's acting identity on every request of a signed-in citizen."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        if not (user.is_authenticated and getattr(user, "is_citizen", False)):
            return self.get_response(request)
        stored = request.session.get(SESSION_ACTING)
        identity = acting_resolve(user=user, value=stored) if stored else _self_identity(user)
        if identity is None:
            return self._refuse(request)
        request.acting_identity = identity  # type: ignore[attr-defined]
        token = acting_for_var.set(identity.on_behalf_of)
        try:
            return self.get_response(request)
        finally:
            acting_for_var.reset(token)

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        request.session.pop(SESSION_ACTING, None)
        with transaction.atomic():
            audit_record(
                actor=Actor(user_id=user.pk, role="applicant"),
                action="identity.revoked",
                subject=SubjectRef("user", str(user.pk)),
                result="denied",
            )
        error = PermissionDenied(
            _("您的经办人授权或代办委托已被撤销或已过期，本次操作未执行，已切换回个人身份。"),
            code="identity.revoked",
        )
        if request.path.startswith("/api/"):
            return JsonResponse(error.as_problem(), status=403, content_type="application/problem+json")
        request.acting_identity = _self_identity(user)  # type: ignore[attr-defined]
        return render(request, "accounts/identity_revoked.html", {"message": error.message}, status=403)
