"""Organisation handlers (经办人): the legal representative authorises persons to act for the
organisation, and revokes them. A handler acts for the organisation only after an explicit identity
switch (see ``identity``); revoking takes effect on the handler's next request.

Persons are named by ID number + name, found through the keyed blind index; a wrong pair gives the
same answer as an unknown person, so the form cannot be used to probe who is registered.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts.constants import UserKind
from govhall.accounts.models import Organization, OrganizationHandler, Person, User
from govhall.accounts.services import id_number_index
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import Conflict, GovhallError, NotFound, ValidationFailed, audit_record


def _org_ref(organization_id: int) -> SubjectRef:
    return SubjectRef("organization", str(organization_id))


def _not_found() -> NotFound:
    return NotFound(_("单位不存在。"), code="organization.not_found")


def organization_get_for_representative(*, user: Any, organization_id: int) -> Organization:
    """Gatekeeper: an organisation whose legal representative is ``user``; else ``NotFound``."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_citizen", False):
        raise _not_found()
    org = (
        Organization.objects.select_related("legal_representative")
        .filter(pk=organization_id, legal_representative__user_id=user.pk)
        .first()
    )
    if org is None:
        raise _not_found()
    return org


def organizations_led(*, user: Any) -> QuerySet[Organization]:
    """Organisations whose legal representative is the user."""
    return Organization.objects.filter(legal_representative__user_id=user.pk).order_by("name")


def organizations_handled(*, user: Any) -> QuerySet[Organization]:
    """Organisations for which the user holds a live handler grant."""
    return Organization.objects.filter(handlers__person__user_id=user.pk, handlers__revoked_at__isnull=True).order_by(
        "name"
    )


def handlers_for_organization(*, organization: Organization) -> QuerySet[OrganizationHandler]:
    return OrganizationHandler.objects.filter(organization=organization).select_related("person")


def handler_is_live(*, user_id: int, organization_id: int, lock: bool = False) -> bool:
    """Whether ``user_id`` holds a live grant for the organisation. With ``lock`` the grant row is
    locked for the rest of the transaction, so a concurrent revocation waits for (or precedes) it."""
    qs = OrganizationHandler.objects.filter(
        organization_id=organization_id, person__user_id=user_id, revoked_at__isnull=True
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    return qs.first() is not None


def _person_by_identity(*, id_number: str, real_name: str) -> Person:
    """The registered person with this ID number *and* name, else one indistinct error."""
    unknown = ValidationFailed(
        _("未找到该身份证号码与姓名对应的已注册用户。请核对后重试，对方须先在本平台注册实名账户。"),
        code="handler.person_unknown",
        field="id_number",
    )
    try:
        index = id_number_index(id_number)
    except GovhallError:
        raise ValidationFailed(
            _("身份证号码格式不正确，请核对后重新输入。"), code="handler.id_number_invalid", field="id_number"
        ) from None
    person = Person.objects.select_related("user").filter(id_number_index=index).first()
    if (
        person is None
        or person.real_name != real_name.strip()
        or person.user is None
        or person.user.kind != UserKind.CITIZEN
        or not person.user.is_active
    ):
        raise unknown
    return person


def handler_grant(*, user: User, organization_id: int, id_number: str, real_name: str) -> OrganizationHandler:
    """The legal representative ``user`` authorises the person (ID number + name) as a handler.

    Raises ``NotFound`` unless ``user`` represents the organisation, ``ValidationFailed``
    (``handler.person_unknown``) for an unknown person or a wrong name, ``handler.self`` for the
    representative themselves, ``Conflict`` (``handler.exists``) for a live grant. Audited."""
    org = organization_get_for_representative(user=user, organization_id=organization_id)
    person = _person_by_identity(id_number=id_number, real_name=real_name)
    if person.pk == org.legal_representative_id:
        raise ValidationFailed(
            _("法定代表人本人无需授权，可直接切换为单位身份办理。"), code="handler.self", field="id_number"
        )
    exists = Conflict(_("该人员已是本单位的经办人。"), code="handler.exists", field="id_number")
    with transaction.atomic():
        if OrganizationHandler.objects.filter(organization=org, person=person, revoked_at__isnull=True).exists():
            raise exists
        try:
            with transaction.atomic():
                grant = OrganizationHandler.objects.create(organization=org, person=person, granted_by=user)
        except IntegrityError:  # a concurrent identical grant won
            raise exists from None
        audit_record(
            actor=Actor(user_id=user.pk, role="legal_representative", on_behalf_of=str(_org_ref(org.pk))),
            action="organization.handler_grant",
            subject=_org_ref(org.pk),
            detail={"handler": grant.pk, "person": person.pk},
        )
    return grant


def handler_revoke(*, user: User, organization_id: int, handler_id: int) -> OrganizationHandler:
    """Revoke a live grant; effective on the handler's next request. ``NotFound`` when the grant
    is not a live grant of an organisation ``user`` represents. Audited."""
    org = organization_get_for_representative(user=user, organization_id=organization_id)
    with transaction.atomic():
        now = timezone.now()
        # Compare-and-set: a second revocation (double click, concurrent request) changes nothing.
        updated = OrganizationHandler.objects.filter(pk=handler_id, organization=org, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=user
        )
        if not updated:
            raise NotFound(_("该经办人授权不存在或已撤销。"), code="handler.not_found")
        grant = OrganizationHandler.objects.get(pk=handler_id)
        audit_record(
            actor=Actor(user_id=user.pk, role="legal_representative", on_behalf_of=str(_org_ref(org.pk))),
            action="organization.handler_revoke",
            subject=_org_ref(org.pk),
            detail={"handler": grant.pk, "person": grant.person_id},
        )
    return grant
