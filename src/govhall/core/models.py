from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One row of the tamper-evident audit log.

    Rows are append-only (enforced by database triggers, see the migration) and chained:
    ``hash = SM3(prev_hash ‖ canonical(row))``. ``govhall verify-audit`` recomputes the chain.
    """

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    occurred_at = models.DateTimeField(_("时间"))
    actor_id = models.BigIntegerField(_("操作人"), null=True, blank=True)
    actor_role = models.CharField(_("角色"), max_length=64, blank=True)
    department_id = models.BigIntegerField(_("部门"), null=True, blank=True)
    action = models.CharField(_("操作"), max_length=64)
    subject = models.CharField(_("对象"), max_length=128)
    result = models.CharField(_("结果"), max_length=16)
    request_id = models.CharField(_("请求号"), max_length=64, blank=True)
    client_ip = models.CharField(_("客户端地址"), max_length=64, blank=True)
    before_digest = models.CharField(_("变更前摘要"), max_length=64, blank=True)
    after_digest = models.CharField(_("变更后摘要"), max_length=64, blank=True)
    detail = models.JSONField(_("说明"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        indexes = [models.Index(fields=["subject", "seq"]), models.Index(fields=["actor_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject}"


class AuditChainHead(models.Model):
    """Singleton row holding the last sequence number and hash; locked to append."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton")]

    def __str__(self) -> str:
        return f"audit head #{self.seq}"


class CalendarYear(models.Model):
    """A year whose official holiday arrangement an admin has loaded into ``CalendarDay``.

    Years covered by the bundled chinese-calendar data need no row; any other year must have one,
    or the working-day clock refuses to compute (it never guesses holidays).
    """

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    source = models.CharField(
        _("来源"), max_length=200, help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知")
    )
    loaded_at = models.DateTimeField(_("载入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已载入日历年度")
        verbose_name_plural = _("已载入日历年度")

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """Admin override of one day: a holiday (非工作日) or a make-up working day (调休上班)."""

    date = models.DateField(_("日期"), primary_key=True)
    is_workday = models.BooleanField(_("是否工作日"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("工作日调整")
        verbose_name_plural = _("工作日调整")

    def __str__(self) -> str:
        return f"{self.date} {'工作日' if self.is_workday else '休息日'}"


class PeriodicRun(models.Model):
    """When a periodic job (deadline sweep, audit check, …) is next due. Workers claim a run by
    compare-and-set on ``next_run_at``, so with many workers each run is enqueued once."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")

    def __str__(self) -> str:
        return self.name
