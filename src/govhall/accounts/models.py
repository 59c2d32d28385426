from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts.constants import (
    SEPARATED_ADMIN_ROLES,
    MandateConfirmation,
    MandateStatus,
    OidcAudience,
    OrganizationType,
    RealNameLevel,
    RealNameMethod,
    RegionLevel,
    Role,
    SessionEndReason,
    UserKind,
    VerificationOutcome,
)


class UserManager(BaseUserManager["User"]):
    def create_user(self, username: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(username=username, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("kind", UserKind.STAFF)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login account. Citizens sign in with their ID number or phone (see ``Person``), staff
    with ``username`` + password + TOTP. Holds no personal data in clear."""

    username = models.CharField(_("登录名"), max_length=64, unique=True)
    kind = models.CharField(_("用户类型"), max_length=16, choices=UserKind.choices)
    display_name = models.CharField(_("显示名称"), max_length=64, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    # Django admin access; granted only together with the system administrator role.
    is_staff = models.BooleanField(_("可进入系统管理后台"), default=False)
    date_joined = models.DateTimeField(_("注册时间"), default=timezone.now)
    totp_secret = models.CharField(max_length=200, blank=True, help_text="SM4-GCM encrypted")
    totp_confirmed_at = models.DateTimeField(null=True, blank=True)
    totp_last_step = models.BigIntegerField(default=0, help_text="last accepted TOTP time step (no replay)")

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=list(UserKind.values)), name="user_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_citizen(self) -> bool:
        return self.kind == UserKind.CITIZEN

    @property
    def is_staff_member(self) -> bool:
        return self.kind == UserKind.STAFF


class Region(models.Model):
    """GB/T 2260 administrative division; 6-digit codes to county, 12-digit below."""

    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("级别"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        indexes = [models.Index(fields=["parent", "code"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class Person(models.Model):
    """A natural person known to the platform (自然人). ID number and phone are encrypted with
    SM4-GCM and found through keyed blind indexes; only the masked forms are kept in clear."""

    user = models.OneToOneField(User, on_delete=models.PROTECT, null=True, blank=True, related_name="person")
    real_name = models.CharField(_("姓名"), max_length=64)
    id_number_encrypted = models.CharField(max_length=200)
    id_number_index = models.CharField(max_length=64, unique=True)
    id_number_masked = models.CharField(_("身份证号码"), max_length=18)
    phone_encrypted = models.CharField(max_length=200, blank=True)
    phone_index = models.CharField(max_length=64, null=True, blank=True, unique=True)
    phone_masked = models.CharField(_("手机号码"), max_length=11, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("自然人")
        verbose_name_plural = _("自然人")

    def __str__(self) -> str:
        return f"{self.real_name}（{self.id_number_masked}）"


class Organization(models.Model):
    """A legal person or other organisation identified by its unified social credit code."""

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    org_type = models.CharField(_("类型"), max_length=32, choices=OrganizationType.choices)
    legal_representative = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="represented_organizations")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organizations")
    address = models.CharField(_("住所"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("法人及其他组织")
        verbose_name_plural = _("法人及其他组织")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A government department or implementing body (实施主体)."""

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=32, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_name_unique_in_region")]

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """A staff member holds ``role`` in ``department``."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_assignments")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("岗位角色")
        verbose_name_plural = _("岗位角色")
        constraints = [
            models.UniqueConstraint(fields=["user", "department", "role"], name="role_assignment_unique"),
            # 三员分立: the database itself refuses a second separated admin role for one account.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role__in=sorted(SEPARATED_ADMIN_ROLES)),
                name="one_separated_admin_role_per_user",
            ),
            models.CheckConstraint(condition=Q(role__in=list(Role.values)), name="role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.department} · {self.get_role_display()}"


class LoginThrottle(models.Model):
    """Failed sign-in counter per identifier. The key is a keyed hash of the identifier typed
    in, so ID numbers and phone numbers are never stored here in clear."""

    key = models.CharField(max_length=64, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"throttle {self.key[:8]}…"


# --- real-name levels (issue 6: identity; services in govhall.accounts.realname) -------------


class RealNameStatus(models.Model):
    """The account's current real-name level (实名认证等级) and when/how it was reached.

    One row per citizen account, raised only by ``realname`` services (compare-and-set on the
    level: a level never goes down by accident). A citizen account without a row counts as L1
    when it has a ``Person`` (registered with ID number and name), else as no level."""

    user = models.OneToOneField(User, on_delete=models.PROTECT, primary_key=True, related_name="realname_status")
    level = models.PositiveSmallIntegerField(_("实名等级"), choices=RealNameLevel.choices)
    method = models.CharField(_("认证方式"), max_length=16, choices=RealNameMethod.choices)
    provider = models.CharField(_("核验服务"), max_length=32, blank=True)
    reached_at = models.DateTimeField(_("认证时间"))
    verified_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("实名认证状态")
        verbose_name_plural = _("实名认证状态")
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=0, level__lte=3), name="realname_level_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} L{self.level}"


class RealNameVerification(models.Model):
    """One verification attempt against a real-name provider or in person, whatever its outcome.

    Holds no personal data: the provider's reference and a stable error code only."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="realname_verifications")
    method = models.CharField(_("认证方式"), max_length=16, choices=RealNameMethod.choices)
    provider = models.CharField(_("核验服务"), max_length=32, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=VerificationOutcome.choices)
    level = models.PositiveSmallIntegerField(_("达到的等级"), choices=RealNameLevel.choices, default=0)
    error_code = models.CharField(_("错误代码"), max_length=64, blank=True)
    retryable = models.BooleanField(_("可重试"), default=False)
    reference = models.CharField(_("核验流水号"), max_length=64, blank=True)
    verified_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("实名核验记录")
        verbose_name_plural = _("实名核验记录")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.outcome}"


# === Organisation handlers, mandates (帮办代办), SMS outbox, tracked sessions ====================
# (issue 6 items 3–5; services in handlers.py, mandates.py, sessions.py, sms/)


class OrganizationHandler(models.Model):
    """A person the legal representative authorised to act for the organisation (经办人).

    Revoking sets ``revoked_at`` (rows are kept as the record); at most one live grant per pair."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="handlers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="handler_grants")
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("经办人授权")
        verbose_name_plural = _("经办人授权")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person"], condition=Q(revoked_at__isnull=True), name="one_live_handler_grant"
            ),
        ]

    def __str__(self) -> str:
        return f"handler {self.person_id}@{self.organization_id}"


class Mandate(models.Model):
    """A citizen (``principal``) lets ``agent`` apply on their behalf (帮办代办委托).

    Usable only while ``status`` is active and ``expires_at`` is in the future, for the items in
    ``item_codes`` (empty list with ``all_items``: every item)."""

    agent = models.ForeignKey(User, on_delete=models.PROTECT, related_name="mandates_held")
    principal = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mandates_given")
    all_items = models.BooleanField(_("全部事项"), default=False)
    item_codes = models.JSONField(_("委托事项编码"), default=list, blank=True)
    expires_at = models.DateTimeField(_("有效期至"))
    status = models.CharField(_("状态"), max_length=16, choices=MandateStatus.choices, default=MandateStatus.PENDING)
    confirmation = models.CharField(_("确认方式"), max_length=16, choices=MandateConfirmation.choices)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text=_("当面确认的窗口人员")
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("代办委托")
        verbose_name_plural = _("代办委托")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=list(MandateStatus.values)), name="mandate_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(confirmed_at__isnull=False), name="mandate_active_is_confirmed"
            ),
        ]
        indexes = [models.Index(fields=["agent", "status"]), models.Index(fields=["principal", "status"])]

    def __str__(self) -> str:
        return f"mandate {self.pk}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.status == MandateStatus.ACTIVE and not self.is_expired


class MandateChallenge(models.Model):
    """A one-time SMS code sent to the principal. Only a keyed hash of the code is stored."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="challenges")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"challenge {self.pk}"


class SmsMessage(models.Model):
    """Transactional outbox of text messages: written in the transaction that needs the message,
    sent afterwards by ``sms_dispatch`` through the configured provider (retried when retryable)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    phone_encrypted = models.CharField(max_length=200)
    phone_masked = models.CharField(max_length=11)
    body_encrypted = models.TextField()
    purpose = models.CharField(max_length=32)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    provider = models.CharField(max_length=32, blank=True)
    provider_reference = models.CharField(max_length=64, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"sms {self.pk} {self.status}"


class SandboxSmsDelivery(models.Model):
    """What the sandbox SMS provider "delivered" (a handset's inbox); read by tests and the demo."""

    reference = models.CharField(max_length=64, unique=True)
    phone_index = models.CharField(max_length=64, db_index=True)
    body = models.TextField()
    delivered_at = models.DateTimeField()

    class Meta:
        ordering = ["-delivered_at", "-pk"]

    def __str__(self) -> str:
        return self.reference


class UserSession(models.Model):
    """A signed-in session, keyed by a keyed hash of the session key (the key itself is never stored).

    Ending a session sets ``ended_at``; the next request carrying that session is signed out."""

    key_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tracked_sessions")
    user_agent = models.CharField(_("设备"), max_length=200, blank=True)
    ip_masked = models.CharField(_("IP地址"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("登录时间"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("最近活动"), default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=24, choices=SessionEndReason.choices, blank=True)
    ended_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-last_seen_at", "-pk"]
        indexes = [models.Index(fields=["user", "ended_at"])]

    def __str__(self) -> str:
        return f"session {self.pk} of {self.user_id}"


class OidcClient(models.Model):
    """A departmental system registered as an OIDC client (统一身份认证接入系统): which
    department runs it and who may sign in to it. The OAuth side (client id, hashed secret,
    redirect URIs) is django-oauth-toolkit's ``Application``; see ``govhall.accounts.oidc``."""

    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.CASCADE, primary_key=True, related_name="govhall_client"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="oidc_clients")
    audience = models.CharField(_("可登录用户"), max_length=16, choices=OidcAudience.choices)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    secret_rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("统一身份认证接入系统")
        verbose_name_plural = _("统一身份认证接入系统")
        constraints = [
            models.CheckConstraint(condition=Q(audience__in=list(OidcAudience.values)), name="oidc_audience_valid"),
        ]

    def __str__(self) -> str:
        return str(self.application_id)
