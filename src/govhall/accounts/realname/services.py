"""Writes for real-name levels: registration at L1, provider verification to L2, in-person to L3.

Every change is atomic and audited. A level is raised with compare-and-set (``level < new``) so
two concurrent verifications cannot lower it or write it twice. The outbound provider call runs
outside any transaction: no row lock is held while a remote service is slow.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts.constants import RealNameLevel, RealNameMethod, Role, UserKind, VerificationOutcome
from govhall.accounts.models import Person, RealNameStatus, RealNameVerification, RoleAssignment, User
from govhall.accounts.realname.base import ProviderError
from govhall.accounts.realname.registry import provider_get
from govhall.accounts.realname.selectors import realname_level
from govhall.accounts.services import citizen_register, person_id_number
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    RESULT_DENIED,
    RESULT_FAILED,
    RESULT_OK,
    ConfigurationError,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
    audit_record,
)

# Mismatches per account per day before verification is refused until the next day: the
# comparison service is a paid, audited lookup and must not become an ID-number oracle.
MAX_MISMATCHES_PER_DAY = 5
# Staff roles allowed to record an in-person (window) verification.
IN_PERSON_ROLES = (Role.WINDOW_CLERK, Role.DEPARTMENT_ADMIN)


def _user_ref(user: User) -> SubjectRef:
    return SubjectRef("user", str(user.pk))


def _raise_level(*, user: User, level: int, method: str, provider: str = "", verified_by: User | None = None) -> bool:
    """Set the account's level to ``level`` if it is lower now. Returns whether it changed.
    Must run inside a transaction."""
    now = timezone.now()
    changed = RealNameStatus.objects.filter(user=user, level__lt=level).update(
        level=level, method=method, provider=provider, reached_at=now, verified_by=verified_by
    )
    if changed:
        return True
    if RealNameStatus.objects.filter(user=user).exists():
        return False
    try:
        with transaction.atomic():
            RealNameStatus.objects.create(
                user=user, level=level, method=method, provider=provider, reached_at=now, verified_by=verified_by
            )
    except IntegrityError:  # a concurrent first write won; retry as an update
        return bool(
            RealNameStatus.objects.filter(user=user, level__lt=level).update(
                level=level, method=method, provider=provider, reached_at=now, verified_by=verified_by
            )
        )
    return True


def realname_register(*, actor: Actor, real_name: str, id_number: str, phone: str, password: str) -> User:
    """Register a citizen with ID number, name and phone (GB 11643 checked): account, person and
    real-name level L1 in one transaction.

    Raises ``IdentifierError`` for a malformed ID number or phone, ``ValidationFailed`` for a
    missing name and ``Conflict`` (``person.exists`` / ``person.phone_taken``) if already known.
    """
    with transaction.atomic():
        user = citizen_register(actor=actor, real_name=real_name, id_number=id_number, phone=phone, password=password)
        _raise_level(user=user, level=RealNameLevel.REGISTERED, method=RealNameMethod.REGISTRATION)
        audit_record(actor=actor, action="realname.level", subject=_user_ref(user), detail={"level": 1})
    return user


def _citizen_person(user: User) -> Person:
    if user.kind != UserKind.CITIZEN:
        raise PermissionDenied(_("只有公众用户需要实名认证。"), code="realname.not_citizen")
    person = Person.objects.filter(user=user).first()
    if person is None:
        raise ValidationFailed(_("请先登记身份证号码和姓名，再进行实名核验。"), code="realname.no_person")
    return person


_AUDIT_RESULT: dict[str, str] = {VerificationOutcome.VERIFIED: RESULT_OK, VerificationOutcome.MISMATCH: RESULT_DENIED}


def _record_attempt(
    *,
    user: User,
    outcome: str,
    provider: str,
    level: int = 0,
    error_code: str = "",
    retryable: bool = False,
    reference: str = "",
) -> None:
    with transaction.atomic():
        RealNameVerification.objects.create(
            user=user,
            method=RealNameMethod.PROVIDER,
            provider=provider,
            outcome=outcome,
            level=level,
            error_code=error_code,
            retryable=retryable,
            reference=reference,
        )
        changed = False
        if outcome == VerificationOutcome.VERIFIED:
            changed = _raise_level(
                user=user, level=RealNameLevel.VERIFIED, method=RealNameMethod.PROVIDER, provider=provider
            )
        audit_record(
            actor=Actor(user_id=user.pk, role="citizen"),
            action="realname.verify",
            subject=_user_ref(user),
            result=_AUDIT_RESULT.get(outcome, RESULT_FAILED),
            detail={"provider": provider, "outcome": outcome, "code": error_code, "level_changed": changed},
        )


def realname_verify(*, user: User, provider_name: str | None = None) -> int:
    """Compare the account's registered ID number and name with the real-name provider and raise
    the account to L2 on a match. Returns the account's level afterwards.

    Idempotent: an account already at L2 or above is not sent to the provider again. Every
    attempt is recorded (``RealNameVerification``) and audited. Raises
    ``ValidationFailed`` ``realname.mismatch`` (terminal: the registered data is wrong),
    ``ConfigurationError`` ``realname.unavailable`` (503, retryable: try later),
    ``ValidationFailed`` ``realname.refused`` (terminal provider answer: go to a window),
    ``RateLimited`` ``realname.too_many_attempts`` after repeated mismatches today.
    """
    person = _citizen_person(user)
    current = realname_level(user=user)
    if current >= RealNameLevel.VERIFIED:
        return current
    since = timezone.now() - dt.timedelta(days=1)
    mismatches = RealNameVerification.objects.filter(
        user=user, outcome=VerificationOutcome.MISMATCH, created_at__gte=since
    ).count()
    if mismatches >= MAX_MISMATCHES_PER_DAY:
        raise RateLimited(
            _("今天的实名核验次数已用完，请明天再试，或携带身份证到政务服务中心窗口办理。"),
            code="realname.too_many_attempts",
        )
    provider = provider_get(provider_name)
    try:
        result = provider.verify_identity(id_number=person_id_number(person=person), real_name=person.real_name)
    except ProviderError as error:
        _record_attempt(
            user=user,
            outcome=VerificationOutcome.FAILED,
            provider=provider.name,
            error_code=error.code,
            retryable=error.retryable,
        )
        if error.retryable:
            raise ConfigurationError(
                _("实名核验服务暂时无法响应，请稍后再试。"), code="realname.unavailable", status=503
            ) from None
        raise ValidationFailed(
            _("实名核验未通过（%(reason)s），请携带身份证到政务服务中心窗口办理实名认证。"),
            code="realname.refused",
            params={"reason": error.code},
        ) from None
    if not result.matched:
        _record_attempt(
            user=user,
            outcome=VerificationOutcome.MISMATCH,
            provider=provider.name,
            reference=result.reference,
        )
        raise ValidationFailed(
            _("身份证号码与姓名不一致，实名核验未通过。请核对注册信息，或携带身份证到政务服务中心窗口办理。"),
            code="realname.mismatch",
        )
    _record_attempt(
        user=user,
        outcome=VerificationOutcome.VERIFIED,
        provider=provider.name,
        level=RealNameLevel.VERIFIED,
        reference=result.reference,
    )
    return realname_level(user=user)


def realname_record_in_person(*, actor: Actor, user: User, method: str = RealNameMethod.IN_PERSON) -> int:
    """A window clerk (or department admin) checked the citizen's ID card in person (or a face
    check passed): raise the account to L3. Returns the level afterwards.

    Raises ``PermissionDenied`` unless ``actor`` holds one of ``IN_PERSON_ROLES``, ``NotFound``
    for an unknown account and ``ValidationFailed`` for a method other than in person / face."""
    if method not in (RealNameMethod.IN_PERSON, RealNameMethod.FACE):
        raise ValidationFailed(_("未知的核验方式。"), code="realname.method", field="method")
    if (
        actor.user_id is None
        or not RoleAssignment.objects.filter(user_id=actor.user_id, role__in=IN_PERSON_ROLES).exists()
    ):
        raise PermissionDenied(_("只有窗口人员可以登记当面核验。"), code="realname.in_person_forbidden")
    if not User.objects.filter(pk=user.pk).exists():
        raise NotFound(_("账户不存在。"), code="realname.user_not_found")
    _citizen_person(user)
    staff = User.objects.get(pk=actor.user_id)
    with transaction.atomic():
        RealNameVerification.objects.create(
            user=user,
            method=method,
            outcome=VerificationOutcome.VERIFIED,
            level=RealNameLevel.IN_PERSON,
            verified_by=staff,
        )
        changed = _raise_level(user=user, level=RealNameLevel.IN_PERSON, method=method, verified_by=staff)
        audit_record(
            actor=actor,
            action="realname.in_person",
            subject=_user_ref(user),
            detail={"method": method, "level_changed": changed},
        )
    return realname_level(user=user)


def realname_demo_level(*, user: User, level: int) -> None:
    """Give a demo citizen ``level`` without a provider call: demo data only (refused in
    production)."""
    if settings.PRODUCTION:
        raise ValidationFailed(_("生产环境不允许直接设置实名等级。"), code="realname.demo_only")
    method = {
        RealNameLevel.REGISTERED: RealNameMethod.REGISTRATION,
        RealNameLevel.VERIFIED: RealNameMethod.PROVIDER,
    }.get(RealNameLevel(level), RealNameMethod.IN_PERSON)
    with transaction.atomic():
        _raise_level(user=user, level=level, method=method, provider="sandbox" if level == 2 else "")
        audit_record(
            actor=Actor.system("demo"), action="realname.level", subject=_user_ref(user), detail={"level": level}
        )
