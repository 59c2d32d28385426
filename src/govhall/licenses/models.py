"""Electronic licences (电子证照): types, issued licences, revocations and reminders.

A ``License`` row is created (status ``pending``) in the transaction of the grant decision and
completed (PDF, signature, QR) by an idempotent background task. One licence per source case is a
unique constraint; a replacement is a new row with ``version + 1`` pointing at the licence it
replaces. Expiry is not stored: ``effective_status`` compares ``valid_until`` with today.
Personal data (holder name and identity number, the licence fields) is encrypted at rest; the
masked forms are stored next to them for display.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from govhall.licenses.constants import (
    EffectiveStatus,
    HolderKind,
    LicenseStatus,
    RevocationStatus,
    ValidityUnit,
)


class LicenseType(models.Model):
    """证照类型. ``code`` is the catalogue's symbolic code (``business_license``) that items and
    materials already reference; ``type_code`` the GB/T 36904 code (defining authority's credit
    code + 3 digits) that goes into every identifier."""

    code = models.CharField(_("目录代码"), max_length=40, unique=True)
    type_code = models.CharField(_("证照类型代码"), max_length=21, unique=True)
    name = models.CharField(_("证照名称"), max_length=100)
    holder_kind = models.CharField(_("持证主体类型"), max_length=16, choices=HolderKind.choices)
    data_schema = models.JSONField(_("照面信息（JSON Schema）"), default=dict, blank=True)
    validity_unit = models.CharField(
        _("有效期单位"), max_length=16, choices=ValidityUnit.choices, default=ValidityUnit.YEARS
    )
    validity_amount = models.PositiveSmallIntegerField(_("有效期"), default=5)
    layout_template = models.CharField(_("版式模板"), max_length=100, default="licenses/layouts/standard.html")
    issuing_departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="license_types", verbose_name=_("发证部门")
    )
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("证照类型")
        verbose_name_plural = _("证照类型")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class License(models.Model):
    identifier = models.CharField(_("证照标识"), max_length=160, unique=True)
    license_type = models.ForeignKey(LicenseType, on_delete=models.PROTECT, related_name="licenses")
    issuer = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="issued_licenses")
    serial = models.CharField(_("顺序号"), max_length=64)
    version = models.PositiveSmallIntegerField(_("版本号"), default=1)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by")
    # The case that produced it, as an opaque SubjectRef string ("case:42"); empty for a licence
    # made without a case (demo, migration from a legacy system, a replacement by staff).
    source = models.CharField(_("来源"), max_length=64, blank=True, default="")
    holder_kind = models.CharField(_("持证主体类型"), max_length=16, choices=HolderKind.choices)
    holder_person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="licenses"
    )
    holder_organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="licenses"
    )
    holder_name_encrypted = models.CharField(max_length=600)
    holder_name_masked = models.CharField(_("持证主体"), max_length=200)
    holder_id_encrypted = models.CharField(max_length=200)
    holder_id_masked = models.CharField(_("持证主体代码"), max_length=18)
    holder_id_index = models.CharField(max_length=64, db_index=True)
    data_encrypted = models.TextField(blank=True, default="")
    status = models.CharField(_("状态"), max_length=16, choices=LicenseStatus.choices, default=LicenseStatus.PENDING)
    issued_on = models.DateField(_("发证日期"))
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    pdf_key = models.CharField(max_length=300, blank=True, default="")
    pdf_sha256 = models.CharField(max_length=64, blank=True, default="")
    qr_payload = models.TextField(blank=True, default="")
    status_reason = models.CharField(_("状态变更原因"), max_length=500, blank=True, default="")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("电子证照")
        verbose_name_plural = _("电子证照")
        constraints = [
            models.UniqueConstraint(fields=["source"], condition=~Q(source=""), name="license_one_per_source"),
            models.UniqueConstraint(
                fields=["license_type", "issuer", "serial", "version"], name="license_serial_version"
            ),
            models.CheckConstraint(
                condition=(Q(holder_kind="person", holder_organization__isnull=True))
                | Q(holder_kind="organization", holder_person__isnull=True),
                name="license_holder_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="license_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["holder_person", "status"]),
            models.Index(fields=["holder_organization", "status"]),
            models.Index(fields=["status", "valid_until"]),
        ]

    def __str__(self) -> str:
        return self.identifier

    def effective_status(self, today: dt.date) -> str:
        if self.status == LicenseStatus.VALID and self.valid_until is not None and self.valid_until < today:
            return EffectiveStatus.EXPIRED
        return str(self.status)


class LicenseRevocation(models.Model):
    """吊销: requested by one staff member of the issuing department, confirmed by another."""

    license = models.ForeignKey(License, on_delete=models.PROTECT, related_name="revocations")
    reason = models.CharField(_("吊销理由"), max_length=500)
    legal_basis = models.CharField(_("法律依据"), max_length=500, blank=True, default="")
    status = models.CharField(
        _("状态"), max_length=16, choices=RevocationStatus.choices, default=RevocationStatus.REQUESTED
    )
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    confirmed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("吊销申请")
        verbose_name_plural = _("吊销申请")
        constraints = [
            models.UniqueConstraint(
                fields=["license"], condition=Q(status="requested"), name="license_one_open_revocation"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="license_revocation_two_people",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.license_id}: {self.status}"


class LicenseReminder(models.Model):  # noqa: DJ008 — never shown
    """A reminder sent once (renewal 30 days before expiry)."""

    license = models.ForeignKey(License, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=32)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["license", "kind"], name="license_reminder_once")]


class LicenseSerial(models.Model):  # noqa: DJ008 — never shown
    """Per type, issuer and year counter for serial numbers (F() increments, no gaps by race)."""

    license_type = models.ForeignKey(LicenseType, on_delete=models.CASCADE, related_name="+")
    issuer = models.ForeignKey("accounts.Department", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["license_type", "issuer", "year"], name="license_serial_counter")
        ]


# --- Licences in use: 用证授权 and the sharing API for other departments -----------------------
# (wallet / reuse / sharing work; services in authorizations.py and sharing.py)


class LicenseUseAuthorization(models.Model):
    """用证授权: the holder lets one application (a case, kept as the opaque ``subject``
    "case:42") use a licence for a stated purpose until ``expires_at``. Revocable; expiry is
    computed, never stored as a status."""

    license = models.ForeignKey(License, on_delete=models.PROTECT, related_name="use_authorizations")
    granted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("授权使用的申请"), max_length=64)
    subject_label = models.CharField(_("申请"), max_length=200)
    purpose = models.CharField(_("用途"), max_length=200)
    expires_at = models.DateTimeField(_("授权有效期至"))
    created_at = models.DateTimeField(_("授权时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用证授权")
        verbose_name_plural = _("用证授权")
        indexes = [
            models.Index(fields=["subject", "revoked_at"]),
            models.Index(fields=["license", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.license_id} → {self.subject}"

    def state(self, now: dt.datetime) -> str:
        """``revoked``, ``expired`` or ``active`` at ``now``."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= now else "active"


class SharingCredential(models.Model):
    """An API credential of one department's system for the licence sharing API (bearer token
    ``<key_id>.<secret>``). The secret is shown once when issued; only its keyed hash is kept."""

    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("接入系统名称"), max_length=100)
    key_id = models.CharField(max_length=32, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("权限范围"), default=list)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    revoked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("证照共享接入凭证")
        verbose_name_plural = _("证照共享接入凭证")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_id})"


class SharingCallLog(models.Model):
    """One call of the sharing API, allowed or not: who (credential, department), why (purpose),
    about whom (a keyed hash of the ID number or credit code — never the number) and what."""

    credential = models.ForeignKey(
        SharingCredential, on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    operation = models.CharField(_("操作"), max_length=16)
    purpose = models.CharField(_("用途"), max_length=200, blank=True)
    holder_index = models.CharField(max_length=64, blank=True)
    license_identifier = models.CharField(max_length=160, blank=True)
    result_count = models.PositiveIntegerField(default=0)
    outcome = models.CharField(_("结果"), max_length=24)
    status_code = models.PositiveSmallIntegerField()
    request_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("证照共享调用记录")
        verbose_name_plural = _("证照共享调用记录")
        indexes = [models.Index(fields=["department", "-at"]), models.Index(fields=["holder_index", "-at"])]

    def __str__(self) -> str:
        return f"{self.operation} {self.outcome} {self.at:%Y-%m-%d %H:%M}"
