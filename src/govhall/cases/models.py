"""The case aggregate (办件): one application from submission to completion.

A case keeps a foreign key to the catalogue *version* it was filed under, so later versions never
change what it was judged against. Every status change is a service with compare-and-set on
``status`` and a ``CaseEvent`` (timeline) and audit row in the same transaction.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govhall.cases.constants import (
    ApplicantKind,
    CaseKind,
    CaseStatus,
    Channel,
    Decision,
    MaterialSource,
    SuspensionReason,
)
from govhall.core.facade import EncryptedJSONField


class Case(models.Model):
    number = models.CharField(_("办件编号"), max_length=64, unique=True, null=True, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=CaseKind.choices, default=CaseKind.SINGLE)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    item_version = models.ForeignKey(
        "catalog.ServiceItemVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bundle = models.ForeignKey("catalog.Bundle", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # No index of its own: the worklist indexes below start with the department (a single-column
    # index here misleads SQLite's planner into scanning a whole department; benchmarks/case_flow.py).
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    status = models.CharField(_("状态"), max_length=24, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)

    applicant_kind = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantKind.choices)
    # The account that applied online; empty for a walk-in applicant without an account.
    applicant_user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    applicant_person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    applicant_organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    applicant_name = models.CharField(_("申请人"), max_length=200)
    submitted_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("代办人或窗口人员；为空表示申请人本人提交"),
    )
    # [mandates] set when an agent applied for the applicant under a recorded mandate (由代办人提交)
    mandate = models.ForeignKey(
        "accounts.Mandate", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    # typed by applicants: phone numbers, addresses … — encrypted at rest (SM4-GCM)
    form_data = EncryptedJSONField(_("申请表"), default=dict, blank=True, context="case.form_data")

    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    acceptance_due = models.DateField(_("受理期限"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    deemed_accepted = models.BooleanField(_("逾期视为受理"), default=False)
    statutory_due = models.DateField(_("法定办结期限"), null=True, blank=True)
    promised_due = models.DateField(_("承诺办结期限"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期工作日"), default=0)
    extension_reason = models.CharField(_("延期理由"), max_length=500, blank=True)
    overdue = models.BooleanField(_("已超期"), default=False)

    decision = models.CharField(_("决定"), max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    decision_legal_basis = models.TextField(_("决定依据"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    refusal_legal_basis = models.TextField(_("不予受理依据"), blank=True)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    rule_trace = models.JSONField(_("自动审批规则记录"), default=dict, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        indexes = [
            models.Index(fields=["applicant_user", "-created_at"]),
            models.Index(fields=["status", "acceptance_due"]),
            models.Index(fields=["status", "statutory_due"]),
            # The staff worklist (workbench, 100k+ cases; see benchmarks/case_flow.py): a tab is a
            # department's cases in some statuses, in due-date order; counts per tab; the overdue
            # and due-soon tabs test the acceptance and statutory limits; the closed tab is the
            # newest first.
            models.Index(fields=["department", "status", "acceptance_due", "statutory_due"], name="case_worklist_idx"),
            models.Index(fields=["department", "status", "statutory_due"], name="case_worklist_statutory_idx"),
            models.Index(
                fields=["department", "-updated_at", "-id"],
                condition=Q(status__in=["completed", "refused", "withdrawn"]),
                name="case_worklist_closed_idx",
            ),
            models.Index(fields=["department", "status"], condition=Q(overdue=True), name="case_worklist_overdue_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=list(CaseStatus.values)), name="case_status_valid"),
            # A decision is recorded exactly when the case has been decided.
            models.CheckConstraint(
                condition=Q(decision="") | Q(status__in=["decided", "completed"]), name="case_decision_needs_status"
            ),
            models.CheckConstraint(condition=~Q(kind="child") | Q(parent__isnull=False), name="case_child_has_parent"),
        ]

    def __str__(self) -> str:
        return self.number or f"draft #{self.pk}"


class CaseMaterial(models.Model):
    """What was supplied for one material requirement: an upload or a reference."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    requirement = models.ForeignKey("catalog.MaterialRequirement", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("来源"), max_length=16, choices=MaterialSource.choices)
    file_key = models.CharField(max_length=200, blank=True)
    display_name = models.CharField(_("文件名"), max_length=120, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sm3 = models.CharField(max_length=64, blank=True)
    reference = models.CharField(_("证照或数据引用"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case_id", "requirement__sort_order", "id"]
        verbose_name = _("办件材料")
        verbose_name_plural = _("办件材料")

    def __str__(self) -> str:
        return self.display_name or self.reference


class CaseEvent(models.Model):
    """The case timeline shown to applicant and staff (the audit log is the tamper-proof twin)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=48)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["case_id", "at", "id"]
        verbose_name = _("办件过程")
        verbose_name_plural = _("办件过程")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class SupplementRequest(models.Model):
    """一次性告知: everything missing, listed once. At most one open request per case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supplement_requests")
    items = models.JSONField(_("补正内容"), default=list)
    note = models.TextField(_("说明"), blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(responded_at__isnull=True), name="one_open_supplement_request"
            )
        ]

    def __str__(self) -> str:
        return f"supplement {self.pk} for case {self.case_id}"


class Suspension(models.Model):
    """特别程序: hearing, inspection, testing, expert review … the clock stops meanwhile."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("事由"), max_length=24, choices=SuspensionReason.choices)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    started_on = models.DateField(_("开始日期"))
    expected_end = models.DateField(_("预计结束日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case_id", "started_on"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(ended_on__isnull=True), name="one_open_suspension"),
            models.CheckConstraint(condition=Q(expected_end__gte=models.F("started_on")), name="suspension_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.reason} {self.started_on}"


class IdempotencyKey(models.Model):
    """A client's ``Idempotency-Key`` for a create/submit: replays return the first result."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    scope = models.CharField(max_length=40)
    request_digest = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "scope", "key"], name="idempotency_key_unique")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


class CaseNumberCounter(models.Model):
    """Serial numbers per prefix and day; incremented under a row lock (unique under concurrency)."""

    prefix = models.CharField(max_length=64, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}={self.value}"


class WorklistGeneration(models.Model):
    """A counter per department that moves whenever anything a staff worklist shows of that
    department changes: a case of the department (not a draft), a 一件事 one of whose items the
    department handles, or a process step (work item) of the department.

    Database triggers keep it (migration ``0006_worklist_generation``), in the same transaction
    as the change, whatever code path made it — services, the sweep, bulk loads, the admin. The
    worklist's page cache (``workbench.page_cache``) is keyed by these counters, so a cached
    page is served only while its departments are exactly as when it was rendered."""

    department_id = models.BigIntegerField(primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.department_id}:{self.value}"
