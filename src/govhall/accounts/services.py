"""Writes for accounts: people, organisations, departments, staff, roles, sign-in.

Every service is keyword-only, atomic and audited. ID numbers and phones are validated by
``govhall.core.identifiers``, stored SM4-encrypted, and never logged or put in audit details.
"""

from __future__ import annotations

import csv
import datetime as dt
import secrets
from collections.abc import Iterable
from pathlib import Path

import pyotp
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts.constants import (
    ID_NUMBER_CONTEXT,
    LOGIN_THROTTLE_CONTEXT,
    PHONE_CONTEXT,
    SEPARATED_ADMIN_ROLES,
    TOTP_CONTEXT,
    RegionLevel,
    Role,
    UserKind,
)
from govhall.accounts.models import (
    Department,
    LoginThrottle,
    Organization,
    Person,
    Region,
    RoleAssignment,
    User,
)
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    RESULT_DENIED,
    Conflict,
    GovhallError,
    NotFound,
    RateLimited,
    ValidationFailed,
    audit_record,
    blind_index,
    decrypt_text,
    encrypt_text,
    mask_id_number,
    mask_phone,
    parse_credit_code,
    parse_id_number,
    parse_mobile_phone,
    parse_region_code,
)


def _ref(obj: object) -> SubjectRef:
    return SubjectRef(kind=type(obj).__name__.lower(), id=str(obj.pk))  # type: ignore[attr-defined]


# --- regions --------------------------------------------------------------------------------


def region_import(*, rows: Iterable[tuple[str, str, str, str]]) -> int:
    """Insert or update regions from ``(code, name, level, parent_code)`` rows, parents first.

    Validates each code's structure; raises ``ValidationFailed`` naming the row on any error and
    writes nothing then. Returns the number of rows written. Idempotent.
    """
    rows = list(rows)
    valid_levels = set(RegionLevel.values)
    for line, (code, name, level, parent_code) in enumerate(rows, start=1):
        parse_region_code(code)
        if level not in valid_levels or not name:
            raise ValidationFailed(
                _("第%(line)d行的区划级别或名称无效。"), code="region.row_invalid", params={"line": line}
            )
        if parent_code and len(parent_code) not in (6, 12):
            raise ValidationFailed(
                _("第%(line)d行的上级区划代码无效。"), code="region.row_invalid", params={"line": line}
            )
    with transaction.atomic():
        existing = set(Region.objects.values_list("code", flat=True))
        new = [Region(code=c, name=n, level=lv, parent_id=p or None) for c, n, lv, p in rows if c not in existing]
        # Insert level by level so every parent exists before its children (FK checks on SQLite).
        order = {level: i for i, level in enumerate(RegionLevel.values)}
        new.sort(key=lambda r: (order[r.level], r.code))
        Region.objects.bulk_create(new, batch_size=1000)
        changed = [Region(code=c, name=n, level=lv, parent_id=p or None) for c, n, lv, p in rows if c in existing]
        Region.objects.bulk_update(changed, ["name", "level", "parent"], batch_size=1000)
    return len(rows)


def region_require(code: str) -> Region:
    """The region with ``code``, or ``ValidationFailed`` with ``region.unknown``."""
    parse_region_code(code)
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise ValidationFailed(
            _("行政区划代码不存在，请核对后重新输入。"), code="region.unknown", field="region"
        ) from None


# --- people ---------------------------------------------------------------------------------


def id_number_index(id_number: str) -> str:
    return blind_index(parse_id_number(id_number).value, context=ID_NUMBER_CONTEXT)


def phone_index(phone: str) -> str:
    return blind_index(parse_mobile_phone(phone), context=PHONE_CONTEXT)


def person_create(*, actor: Actor, real_name: str, id_number: str, phone: str = "", user: User | None = None) -> Person:
    """Record a natural person. Raises ``IdentifierError`` for a malformed ID number or phone and
    ``Conflict`` (``person.exists`` / ``person.phone_taken``) if already known."""
    real_name = real_name.strip()
    if not real_name or len(real_name) > 64:
        raise ValidationFailed(_("请填写真实姓名（不超过64个字符）。"), code="person.real_name", field="real_name")
    parsed = parse_id_number(id_number)
    person = Person(
        user=user,
        real_name=real_name,
        id_number_encrypted=encrypt_text(parsed.value, context=ID_NUMBER_CONTEXT),
        id_number_index=blind_index(parsed.value, context=ID_NUMBER_CONTEXT),
        id_number_masked=mask_id_number(parsed.value),
    )
    if phone:
        normalized = parse_mobile_phone(phone)
        person.phone_encrypted = encrypt_text(normalized, context=PHONE_CONTEXT)
        person.phone_index = blind_index(normalized, context=PHONE_CONTEXT)
        person.phone_masked = mask_phone(normalized)
    with transaction.atomic():
        if Person.objects.filter(id_number_index=person.id_number_index).exists():
            raise Conflict(_("该身份证号码已登记。"), code="person.exists", field="id_number")
        if person.phone_index and Person.objects.filter(phone_index=person.phone_index).exists():
            raise Conflict(_("该手机号码已被其他用户使用。"), code="person.phone_taken", field="phone")
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            # Lost a race with an identical registration.
            raise Conflict(_("该身份证号码或手机号码已登记。"), code="person.exists") from None
        audit_record(actor=actor, action="person.create", subject=_ref(person), after={"id": person.pk})
    return person


def person_id_number(*, person: Person) -> str:
    """The clear ID number; callers must be an authorised, audited reveal (see issue on PII)."""
    return decrypt_text(person.id_number_encrypted, context=ID_NUMBER_CONTEXT)


def citizen_register(*, actor: Actor, real_name: str, id_number: str, phone: str, password: str) -> User:
    """Create a citizen account and its person record in one transaction. Raises
    ``user.password_weak`` for a password the configured validators refuse (every caller, not
    only the registration page)."""
    try:
        validate_password(password)
    except DjangoValidationError as error:
        raise ValidationFailed(
            _("密码不符合要求：%(reasons)s"),
            code="user.password_weak",
            field="password",
            params={"reasons": "；".join(str(message) for message in error.messages)},
        ) from None
    with transaction.atomic():
        user = User(username=f"c{secrets.token_hex(8)}", kind=UserKind.CITIZEN, display_name=real_name)
        user.set_password(password)
        user.save()
        person_create(actor=actor, real_name=real_name, id_number=id_number, phone=phone, user=user)
        audit_record(actor=actor, action="user.register", subject=_ref(user))
    return user


def staff_create(*, actor: Actor, username: str, display_name: str, password: str) -> User:
    username = username.strip().lower()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
        raise ValidationFailed(_("登录名只能包含字母、数字、下划线和点。"), code="staff.username", field="username")
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise Conflict(_("登录名已被使用。"), code="staff.username_taken", field="username")
        user = User(username=username, kind=UserKind.STAFF, display_name=display_name)
        user.set_password(password)
        user.save()
        audit_record(actor=actor, action="staff.create", subject=_ref(user))
    return user


# --- organisations and departments ---------------------------------------------------------


def organization_create(
    *,
    actor: Actor,
    name: str,
    credit_code: str,
    org_type: str,
    legal_representative: Person,
    region_code: str,
    address: str = "",
) -> Organization:
    parsed = parse_credit_code(credit_code)
    region = region_require(region_code)
    with transaction.atomic():
        if Organization.objects.filter(credit_code=parsed.value).exists():
            raise Conflict(_("该统一社会信用代码已登记。"), code="organization.exists", field="credit_code")
        org = Organization.objects.create(
            name=name,
            credit_code=parsed.value,
            org_type=org_type,
            legal_representative=legal_representative,
            region=region,
            address=address,
        )
        audit_record(
            actor=actor, action="organization.create", subject=_ref(org), after={"credit_code": org.credit_code}
        )
    return org


def department_create(
    *,
    actor: Actor,
    name: str,
    credit_code: str,
    region_code: str,
    short_name: str = "",
    parent: Department | None = None,
) -> Department:
    parsed = parse_credit_code(credit_code)
    region = region_require(region_code)
    with transaction.atomic():
        if Department.objects.filter(credit_code=parsed.value).exists():
            raise Conflict(_("该统一社会信用代码已登记。"), code="department.exists", field="credit_code")
        dept = Department.objects.create(
            name=name, short_name=short_name, credit_code=parsed.value, region=region, parent=parent
        )
        audit_record(
            actor=actor, action="department.create", subject=_ref(dept), after={"credit_code": dept.credit_code}
        )
    return dept


# --- roles ----------------------------------------------------------------------------------


def role_grant(*, actor: Actor, user: User, department: Department, role: str) -> RoleAssignment:
    """Give a staff member a role in a department.

    Raises ``ValidationFailed`` for a citizen account or unknown role, and ``Conflict`` if the
    account already holds another of the three separated admin roles (三员分立) or this role.
    The database enforces both rules too, so concurrent grants cannot slip through.
    """
    if role not in Role.values:
        raise ValidationFailed(_("未知的岗位角色。"), code="role.unknown", field="role")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.kind != UserKind.STAFF:
            raise ValidationFailed(_("只有工作人员账户可以分配岗位角色。"), code="role.not_staff")
        if role in SEPARATED_ADMIN_ROLES:
            held = RoleAssignment.objects.filter(user=locked, role__in=SEPARATED_ADMIN_ROLES).exclude(role=role)
            if held.exists():
                raise Conflict(
                    _("系统管理员、安全保密管理员和安全审计员须由不同人员担任（三员分立），该账户已担任其中一个角色。"),
                    code="role.separation_of_duties",
                    field="role",
                )
        try:
            with transaction.atomic():
                assignment = RoleAssignment.objects.create(
                    user=locked, department=department, role=role, granted_by_id=actor.user_id
                )
        except IntegrityError:
            raise Conflict(
                _("该账户已拥有此角色，或与已有的三员角色冲突。"), code="role.exists", field="role"
            ) from None
        if role == Role.SYSTEM_ADMIN and not locked.is_staff:
            User.objects.filter(pk=locked.pk).update(is_staff=True)
        audit_record(
            actor=actor,
            action="role.grant",
            subject=_ref(locked),
            after={"department": department.pk, "role": role},
            detail={"role": role, "department": department.pk},
        )
    return assignment


def role_revoke(*, actor: Actor, assignment: RoleAssignment) -> None:
    with transaction.atomic():
        deleted, _rows = RoleAssignment.objects.filter(pk=assignment.pk).delete()
        if not deleted:
            raise NotFound(_("该岗位角色不存在或已被撤销。"), code="role.not_found")
        if assignment.role == Role.SYSTEM_ADMIN:
            User.objects.filter(pk=assignment.user_id).update(is_staff=False)
        audit_record(
            actor=actor,
            action="role.revoke",
            subject=SubjectRef("user", str(assignment.user_id)),
            before={"department": assignment.department_id, "role": assignment.role},
            detail={"role": assignment.role, "department": assignment.department_id},
        )


# --- sign-in: throttling --------------------------------------------------------------------


def _throttle_key(kind: str, identifier: str) -> str:
    return blind_index(f"{kind}:{identifier.strip().upper()}", context=LOGIN_THROTTLE_CONTEXT)


def _locked_error(until: dt.datetime) -> RateLimited:
    minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
    return RateLimited(
        _("登录失败次数过多，该账户已暂时锁定，请%(minutes)d分钟后再试，或联系管理员解锁。"),
        code="login.locked",
        params={"minutes": minutes},
    )


def login_throttle_check(*, kind: str, identifier: str) -> None:
    """Raise ``RateLimited`` (``login.locked``) while the identifier is locked out."""
    row = LoginThrottle.objects.filter(key=_throttle_key(kind, identifier)).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        raise _locked_error(row.locked_until)


def login_failure_record(*, kind: str, identifier: str, user: User | None) -> None:
    """Count one failed attempt; lock after ``GOVHALL_LOGIN_MAX_FAILURES`` within the window."""
    key = _throttle_key(kind, identifier)
    now = timezone.now()
    with transaction.atomic():
        LoginThrottle.objects.get_or_create(key=key)
        LoginThrottle.objects.filter(key=key).update(failures=F("failures") + 1)
        row = LoginThrottle.objects.select_for_update().get(key=key)
        locked = row.failures >= settings.GOVHALL_LOGIN_MAX_FAILURES
        if locked:
            row.failures = 0
            row.locked_until = now + dt.timedelta(minutes=settings.GOVHALL_LOGIN_LOCKOUT_MINUTES)
            row.save(update_fields=["failures", "locked_until", "updated_at"])
        if user is not None:
            audit_record(
                actor=Actor(user_id=None, role="anonymous"),
                action="login.lockout" if locked else "login.failure",
                subject=_ref(user),
                result=RESULT_DENIED,
            )


def login_throttle_reset(*, kind: str, identifier: str) -> None:
    LoginThrottle.objects.filter(key=_throttle_key(kind, identifier)).delete()


def _bad_credentials() -> GovhallError:
    return ValidationFailed(_("账号或密码错误。连续输错多次后账户将被暂时锁定。"), code="login.invalid", status=401)


def citizen_authenticate(*, identifier: str, password: str) -> User:
    """Check a citizen's ID number or mobile number and password.

    Raises ``RateLimited`` while locked out and ``login.invalid`` for anything wrong (the message
    never says which part was wrong). Records the failure or resets the counter.
    """
    login_throttle_check(kind=UserKind.CITIZEN, identifier=identifier)
    user = _citizen_lookup(identifier)
    if user is None:
        User().set_password(password)  # same cost as a real check: no account enumeration by timing
        login_failure_record(kind=UserKind.CITIZEN, identifier=identifier, user=None)
        raise _bad_credentials()
    if not (user.check_password(password) and user.is_active):
        login_failure_record(kind=UserKind.CITIZEN, identifier=identifier, user=user)
        raise _bad_credentials()
    login_throttle_reset(kind=UserKind.CITIZEN, identifier=identifier)
    return user


def _citizen_lookup(identifier: str) -> User | None:
    identifier = identifier.strip()
    index_filter: dict[str, str]
    try:
        if len(identifier) in (15, 18) and not identifier.startswith(("+", "86")):
            index_filter = {"id_number_index": id_number_index(identifier)}
        else:
            index_filter = {"phone_index": phone_index(identifier)}
    except GovhallError:
        return None
    person = Person.objects.select_related("user").filter(**index_filter, user__isnull=False).first()
    if person is None or person.user is None or person.user.kind != UserKind.CITIZEN:
        return None
    return person.user


def staff_authenticate(*, username: str, password: str) -> User:
    """First factor for staff. The session is not logged in until ``totp_verify`` succeeds."""
    username = username.strip().lower()
    login_throttle_check(kind=UserKind.STAFF, identifier=username)
    user = User.objects.filter(username=username, kind=UserKind.STAFF).first()
    if user is None:
        User().set_password(password)
        login_failure_record(kind=UserKind.STAFF, identifier=username, user=None)
        raise _bad_credentials()
    if not (user.check_password(password) and user.is_active):
        login_failure_record(kind=UserKind.STAFF, identifier=username, user=user)
        raise _bad_credentials()
    return user


# --- sign-in: TOTP --------------------------------------------------------------------------


def totp_enrollment_begin(*, user: User) -> str:
    """Create (or return the pending) TOTP secret for a staff member not yet enrolled."""
    if user.totp_confirmed_at is not None:
        raise Conflict(_("该账户已绑定动态口令。"), code="totp.already_enrolled")
    if user.totp_secret:
        return decrypt_text(user.totp_secret, context=TOTP_CONTEXT)
    secret = pyotp.random_base32()
    User.objects.filter(pk=user.pk, totp_confirmed_at__isnull=True).update(
        totp_secret=encrypt_text(secret, context=TOTP_CONTEXT)
    )
    user.refresh_from_db(fields=["totp_secret"])
    return decrypt_text(user.totp_secret, context=TOTP_CONTEXT)


def totp_provisioning_uri(*, user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=settings.GOVHALL_TOTP_ISSUER)


def totp_verify(*, user: User, code: str, kind: str = UserKind.STAFF) -> None:
    """Second factor: accept a 6-digit code for the current or previous 30 s step, once only.

    Confirms a pending enrollment on first success. Raises ``login.totp_invalid`` otherwise;
    failures count towards the same lockout as passwords.
    """
    code = code.strip().replace(" ", "")
    login_throttle_check(kind=kind, identifier=user.username)
    if not user.totp_secret:
        raise ValidationFailed(_("尚未绑定动态口令，请先完成绑定。"), code="totp.not_enrolled")
    totp = pyotp.TOTP(decrypt_text(user.totp_secret, context=TOTP_CONTEXT))
    now = timezone.now()
    step = int(now.timestamp()) // 30
    matched_step = None
    if len(code) == 6 and code.isdigit():
        for candidate in (step, step - 1):
            if secrets.compare_digest(totp.at(candidate * 30), code):
                matched_step = candidate
                break
    with transaction.atomic():
        # Compare-and-set on the last step: a code, once used, can never be used again.
        accepted = (
            matched_step is not None
            and User.objects.filter(pk=user.pk, totp_last_step__lt=matched_step).update(totp_last_step=matched_step)
            == 1
        )
        if accepted and user.totp_confirmed_at is None:
            User.objects.filter(pk=user.pk).update(totp_confirmed_at=now)
            audit_record(actor=Actor(user_id=user.pk, role="staff"), action="totp.enroll", subject=_ref(user))
    if not accepted:
        login_failure_record(kind=kind, identifier=user.username, user=user)
        raise ValidationFailed(
            _("动态口令错误或已使用，请输入认证器中当前显示的6位数字。"), code="login.totp_invalid", status=401
        )
    login_throttle_reset(kind=kind, identifier=user.username)
    user.refresh_from_db(fields=["totp_last_step", "totp_confirmed_at"])


def login_record(*, user: User) -> None:
    with transaction.atomic():
        audit_record(actor=Actor(user_id=user.pk, role=user.kind), action="login.success", subject=_ref(user))


# --- bundled reference data -----------------------------------------------------------------

DATA_DIR = Path(__file__).resolve().parent / "data"


def region_load_bundled() -> int:
    """Load the vendored GB/T 2260 tree (docs/data-sources.md) and the demo townships/villages.

    Idempotent: existing codes are updated in place. Returns the number of rows read.
    """
    total = 0
    for path in sorted(DATA_DIR.glob("regions*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [(r["code"], r["name"], r["level"], r["parent_code"]) for r in csv.DictReader(handle)]
        total += region_import(rows=rows)
    return total


def totp_demo_confirm(*, user: User) -> None:
    """Mark a pending TOTP enrollment as confirmed without a code: demo data only.

    Refused outside the embedded default (``GOVHALL_ENV=production``)."""
    if settings.PRODUCTION:
        raise ValidationFailed(_("生产环境不允许跳过动态口令绑定。"), code="totp.demo_only")
    User.objects.filter(pk=user.pk, totp_confirmed_at__isnull=True).exclude(totp_secret="").update(
        totp_confirmed_at=timezone.now()
    )


def totp_demo_code(*, user: User) -> str:
    """The current TOTP code of a demo account, for newcomers without an authenticator app.

    Refused in production: there a code exists only on the staff member's own device."""
    if settings.PRODUCTION:
        raise ValidationFailed(_("生产环境不提供动态口令查询。"), code="totp.demo_only")
    if not user.totp_secret:
        raise ValidationFailed(_("该账户尚未绑定动态口令。"), code="totp.not_enrolled")
    return str(pyotp.TOTP(decrypt_text(user.totp_secret, context=TOTP_CONTEXT)).now())
