"""Mandates (帮办代办): a citizen lets an agent apply on their behalf.

An agent (a citizen account) asks for a mandate naming the principal by ID number + name, the
scope (some item codes, or all items) and an expiry; the principal confirms it by giving the agent
the 6-digit code the platform texts to the principal's registered phone (hashed at rest, single use,
valid ``MANDATE_CODE_MINUTES``, at most ``MANDATE_CODE_MAX_ATTEMPTS`` tries). Or the principal
confirms in person at a window, recorded by the clerk. The principal sees and revokes mandates in
their space; a revoked or expired mandate can no longer be used (checked under a row lock when a
case is created or submitted).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts.constants import (
    MANDATE_CODE_MAX_ATTEMPTS,
    MANDATE_CODE_MINUTES,
    MANDATE_MAX_DAYS,
    PHONE_CONTEXT,
    SMS_CODE_CONTEXT,
    MandateConfirmation,
    MandateStatus,
)
from govhall.accounts.models import Mandate, MandateChallenge, Person, User
from govhall.accounts.organizations import _person_by_identity
from govhall.accounts.sms.outbox import sms_enqueue
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    RESULT_DENIED,
    Conflict,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
    audit_record,
    blind_index,
    decrypt_text,
)

ITEM_CODE_MAX = 64
RESEND_SECONDS = 60


def mandate_ref(mandate: Mandate | int) -> SubjectRef:
    return SubjectRef("mandate", str(mandate if isinstance(mandate, int) else mandate.pk))


def _not_found() -> NotFound:
    return NotFound(_("代办委托不存在。"), code="mandate.not_found")


def _code_hash(challenge_id: int, code: str) -> str:
    return blind_index(f"{challenge_id}:{code}", context=SMS_CODE_CONTEXT)


def _clean_scope(*, all_items: bool, item_codes: Iterable[str]) -> list[str]:
    codes = sorted({c.strip() for c in item_codes if c and c.strip()})
    if all_items:
        return []
    if not codes:
        raise ValidationFailed(
            _("请填写委托办理的事项编码，或选择“全部事项”。"), code="mandate.scope", field="item_codes"
        )
    if len(codes) > 50 or any(len(c) > ITEM_CODE_MAX or not c.replace("-", "").isalnum() for c in codes):
        raise ValidationFailed(_("事项编码格式不正确（最多50项）。"), code="mandate.scope", field="item_codes")
    return codes


def _clean_expiry(expires_on: dt.date) -> dt.datetime:
    today = timezone.localdate()
    if expires_on <= today or expires_on > today + dt.timedelta(days=MANDATE_MAX_DAYS):
        raise ValidationFailed(_("有效期须晚于今天，且不超过一年。"), code="mandate.expiry", field="expires_on")
    # Valid through the whole last day (local time).
    end = dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(end)


def _code_text(code: str, agent_name: str) -> str:
    return str(
        _(
            "【政务服务】%(agent)s申请代您办理政务服务事项，授权验证码%(code)s，%(minutes)d分钟内有效。如非本人同意，请勿告知他人。"
        )
        % {"agent": agent_name, "code": code, "minutes": MANDATE_CODE_MINUTES}
    )


def _new_challenge(mandate: Mandate, principal: Person, agent: User) -> MandateChallenge:
    """Inside a transaction: replace any open code with a new one and queue its SMS."""
    now = timezone.now()
    MandateChallenge.objects.filter(mandate=mandate, used_at__isnull=True).update(used_at=now)
    challenge = MandateChallenge.objects.create(
        mandate=mandate, code_hash="-", expires_at=now + dt.timedelta(minutes=MANDATE_CODE_MINUTES)
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    challenge.code_hash = _code_hash(challenge.pk, code)
    challenge.save(update_fields=["code_hash"])
    sms_enqueue(
        phone=decrypt_text(principal.phone_encrypted, context=PHONE_CONTEXT),
        text=_code_text(code, agent.display_name or agent.username),
        purpose="mandate_code",
    )
    return challenge


def mandate_request(
    *, agent: User, id_number: str, real_name: str, all_items: bool, item_codes: Iterable[str], expires_on: dt.date
) -> Mandate:
    """The agent asks the principal (ID number + name) for a mandate; a code is texted to the
    principal's registered phone. Returns the pending mandate. Audited."""
    if not getattr(agent, "is_citizen", False):
        raise PermissionDenied(_("只有公众用户账户可以申请代办委托。"), code="mandate.agent_not_citizen")
    codes = _clean_scope(all_items=all_items, item_codes=item_codes)
    expires_at = _clean_expiry(expires_on)
    principal = _person_by_identity(id_number=id_number, real_name=real_name)
    if principal.user_id == agent.pk:
        raise ValidationFailed(_("不能委托本人代办。"), code="mandate.self", field="id_number")
    if not principal.phone_encrypted:
        raise ValidationFailed(
            _("委托人未登记手机号码，无法短信确认，请委托人到窗口当面确认。"),
            code="mandate.no_phone",
            field="id_number",
        )
    with transaction.atomic():
        mandate = Mandate.objects.create(
            agent=agent,
            principal=principal,
            all_items=all_items,
            item_codes=codes,
            expires_at=expires_at,
            confirmation=MandateConfirmation.SMS,
        )
        _new_challenge(mandate, principal, agent)
        audit_record(
            actor=Actor(user_id=agent.pk, role="agent"),
            action="mandate.request",
            subject=mandate_ref(mandate),
            detail={"principal": principal.pk, "all_items": all_items, "items": len(codes)},
        )
    return mandate


def mandate_get_for_agent(*, user: Any, mandate_id: int) -> Mandate:
    """Gatekeeper: a mandate held by ``user`` as agent; else ``NotFound``."""
    if not getattr(user, "is_authenticated", False):
        raise _not_found()
    mandate = Mandate.objects.select_related("principal").filter(pk=mandate_id, agent_id=user.pk).first()
    if mandate is None:
        raise _not_found()
    return mandate


def mandate_get_for_principal(*, user: Any, mandate_id: int) -> Mandate:
    """Gatekeeper: a mandate given by ``user`` as principal; else ``NotFound``."""
    if not getattr(user, "is_authenticated", False):
        raise _not_found()
    mandate = (
        Mandate.objects.select_related("agent", "principal").filter(pk=mandate_id, principal__user_id=user.pk).first()
    )
    if mandate is None:
        raise _not_found()
    return mandate


def mandate_code_resend(*, agent: User, mandate_id: int) -> MandateChallenge:
    """A new code for a pending mandate (the old one stops working); at most one a minute."""
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().filter(pk=mandate_id, agent=agent).first()
        if mandate is None:
            raise _not_found()
        if mandate.status != MandateStatus.PENDING:
            raise Conflict(_("该委托已确认或已撤销，无需验证码。"), code="mandate.not_pending")
        last = mandate.challenges.order_by("-created_at").first()
        if last is not None and (timezone.now() - last.created_at).total_seconds() < RESEND_SECONDS:
            raise RateLimited(_("验证码发送过于频繁，请1分钟后再试。"), code="mandate.code_too_frequent")
        challenge = _new_challenge(mandate, mandate.principal, agent)
        audit_record(
            actor=Actor(user_id=agent.pk, role="agent"), action="mandate.code_resend", subject=mandate_ref(mandate)
        )
    return challenge


def mandate_confirm_sms(*, agent: User, mandate_id: int, code: str) -> Mandate:
    """Activate a pending mandate with the code the principal received.

    Raises ``mandate.code_invalid`` (wrong code; counts an attempt), ``mandate.code_expired``
    (older than the limit, already used, or replaced), ``mandate.code_attempts`` (too many wrong
    tries: ask for a new code). A code works once only, even with concurrent submissions."""
    code = (code or "").strip()
    failure: ValidationFailed | None = None
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().filter(pk=mandate_id, agent=agent).first()
        if mandate is None:
            raise _not_found()
        if mandate.status != MandateStatus.PENDING:
            raise Conflict(_("该委托已确认或已撤销。"), code="mandate.not_pending")
        now = timezone.now()
        challenge = mandate.challenges.filter(used_at__isnull=True).order_by("-created_at").first()
        if challenge is None or challenge.expires_at <= now:
            raise ValidationFailed(_("验证码已失效，请重新获取验证码。"), code="mandate.code_expired", field="code")
        if challenge.attempts >= MANDATE_CODE_MAX_ATTEMPTS:
            raise ValidationFailed(
                _("验证码错误次数过多，请重新获取验证码。"), code="mandate.code_attempts", field="code"
            )
        if not (
            len(code) == 6
            and code.isdigit()
            and secrets.compare_digest(_code_hash(challenge.pk, code), challenge.code_hash)
        ):
            # Count the attempt and commit it, then refuse (the error must not roll the count back).
            MandateChallenge.objects.filter(pk=challenge.pk).update(attempts=F("attempts") + 1)
            audit_record(
                actor=Actor(user_id=agent.pk, role="agent"),
                action="mandate.code_failure",
                subject=mandate_ref(mandate),
                result=RESULT_DENIED,
            )
            failure = ValidationFailed(
                _("验证码不正确，请核对委托人收到的短信。"), code="mandate.code_invalid", field="code"
            )
        else:
            used = MandateChallenge.objects.filter(pk=challenge.pk, used_at__isnull=True).update(used_at=now)
            activated = Mandate.objects.filter(pk=mandate.pk, status=MandateStatus.PENDING).update(
                status=MandateStatus.ACTIVE, confirmed_at=now
            )
            if not (used and activated):
                raise ValidationFailed(_("验证码已失效，请重新获取验证码。"), code="mandate.code_expired", field="code")
            audit_record(
                actor=Actor(user_id=agent.pk, role="agent"),
                action="mandate.confirm",
                subject=mandate_ref(mandate),
                detail={"method": MandateConfirmation.SMS, "principal": mandate.principal_id},
            )
    if failure is not None:
        raise failure
    mandate.refresh_from_db()
    return mandate


def mandate_record_in_person(
    *,
    actor: Actor,
    principal_id_number: str,
    principal_name: str,
    agent_id_number: str,
    agent_name: str,
    all_items: bool,
    item_codes: Iterable[str],
    expires_on: dt.date,
) -> Mandate:
    """A window clerk records a mandate the principal confirmed in person (originals checked at
    the window). The agent is a registered citizen account. Active at once. Audited."""
    if actor.user_id is None:
        raise PermissionDenied(_("须由窗口人员登记。"), code="mandate.clerk_required")
    codes = _clean_scope(all_items=all_items, item_codes=item_codes)
    expires_at = _clean_expiry(expires_on)
    principal = _person_by_identity(id_number=principal_id_number, real_name=principal_name)
    try:
        agent_person = _person_by_identity(id_number=agent_id_number, real_name=agent_name)
    except ValidationFailed as error:
        error.field = "agent_id_number"
        raise
    if agent_person.pk == principal.pk:
        raise ValidationFailed(_("委托人与代办人不能是同一人。"), code="mandate.self", field="agent_id_number")
    agent = agent_person.user
    assert agent is not None  # _person_by_identity only returns persons with an active citizen account
    now = timezone.now()
    with transaction.atomic():
        mandate = Mandate.objects.create(
            agent=agent,
            principal=principal,
            all_items=all_items,
            item_codes=codes,
            expires_at=expires_at,
            status=MandateStatus.ACTIVE,
            confirmation=MandateConfirmation.IN_PERSON,
            confirmed_at=now,
            confirmed_by_id=actor.user_id,
        )
        audit_record(
            actor=actor,
            action="mandate.confirm",
            subject=mandate_ref(mandate),
            detail={"method": MandateConfirmation.IN_PERSON, "principal": principal.pk, "agent": mandate.agent_id},
        )
    return mandate


def mandate_revoke(*, user: User, mandate_id: int) -> Mandate:
    """The principal revokes a pending or active mandate; refused for the agent's next use at once."""
    with transaction.atomic():
        mandate = mandate_get_for_principal(user=user, mandate_id=mandate_id)
        now = timezone.now()
        updated = Mandate.objects.filter(
            pk=mandate.pk, status__in=[MandateStatus.PENDING, MandateStatus.ACTIVE]
        ).update(status=MandateStatus.REVOKED, revoked_at=now, revoked_by=user)
        if not updated:
            raise Conflict(_("该委托已撤销。"), code="mandate.already_revoked")
        MandateChallenge.objects.filter(mandate=mandate, used_at__isnull=True).update(used_at=now)
        audit_record(
            actor=Actor(user_id=user.pk, role="principal"), action="mandate.revoke", subject=mandate_ref(mandate)
        )
    mandate.refresh_from_db()
    return mandate


def mandates_for_principal(*, user: Any) -> QuerySet[Mandate]:
    return Mandate.objects.filter(principal__user_id=user.pk).select_related("agent")


def mandates_for_agent(*, user: Any) -> QuerySet[Mandate]:
    return Mandate.objects.filter(agent_id=user.pk).select_related("principal")


def mandates_usable_for_agent(*, user: Any) -> QuerySet[Mandate]:
    return mandates_for_agent(user=user).filter(status=MandateStatus.ACTIVE, expires_at__gt=timezone.now())


def mandate_covers(mandate: Mandate, item_code: str) -> bool:
    return mandate.all_items or item_code in (mandate.item_codes or [])


def mandate_usable(*, agent_id: int, mandate_id: int, item_code: str = "", lock: bool = False) -> Mandate | None:
    """The mandate if ``agent_id`` may use it now (active, unexpired, covering ``item_code`` when
    given). With ``lock`` the row stays locked for the transaction: a concurrent revocation either
    commits first (and this returns ``None``) or waits until the caller's transaction ends."""
    qs = Mandate.objects.filter(
        Q(pk=mandate_id, agent_id=agent_id, status=MandateStatus.ACTIVE, expires_at__gt=timezone.now())
    ).select_related("principal")
    if lock:
        qs = qs.select_for_update(of=("self",))
    mandate = qs.first()
    if mandate is None or (item_code and not mandate_covers(mandate, item_code)):
        return None
    return mandate
