"""Process definitions (one row per version), running instances (one per case) and worklist rows.

A definition stores the parsed SpiffWorkflow spec once (``spec_json``); an instance stores only its
own state (the serialized workflow without the spec), so loading an instance never re-parses XML
and the state stays small. Rows change only through ``services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.workflow.constants import ProcessStatus, WorkItemStatus


class ProcessDefinition(models.Model):
    """One immutable version of a BPMN process (plus the DMN decisions it calls).

    ``key`` is the BPMN process id. New instances use the newest version of a key; running
    instances keep the version they started with.
    """

    key = models.CharField(_("流程标识"), max_length=64)
    version = models.PositiveIntegerField(_("版本"))
    name = models.CharField(_("名称"), max_length=200)
    bpmn_xml = models.TextField(_("BPMN 文件"))
    # A JSON list of DMN documents (strings); "[]" when the process calls no decision.
    dmn_xml = models.TextField(_("DMN 文件"), default="[]")
    # {"serializer_version", "spec", "subprocess_specs"}: the parsed spec, serialized once.
    spec_json = models.TextField(_("流程规格"))
    spec_digest = models.CharField(_("规格摘要"), max_length=64)
    # [{"id", "name", "role"}] for each user task, and {decision id: name}: shown by the UI.
    user_tasks = models.JSONField(_("人工环节"), default=list)
    decisions = models.JSONField(_("决策表"), default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("安装时间"), default=timezone.now)

    class Meta:
        verbose_name = _("流程定义")
        verbose_name_plural = _("流程定义")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="workflow_definition_key_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="workflow_definition_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key} v{self.version})"


class ProcessInstance(models.Model):
    """The running process of one subject (a case), with its serialized engine state."""

    subject = models.CharField(_("办理对象"), max_length=100, unique=True)
    definition = models.ForeignKey(ProcessDefinition, on_delete=models.PROTECT, related_name="instances")
    status = models.CharField(_("状态"), max_length=16, choices=ProcessStatus.choices, default=ProcessStatus.RUNNING)
    # The serialized BpmnWorkflow without its spec (JSON text, opaque outside engine.py).
    state = models.TextField(_("流程状态"))
    # The process variables after the last step (the end data once completed).
    data = models.JSONField(_("流程数据"), default=dict)
    # One entry per business-rule task run: inputs, matched rules, outputs (see engine.RuleTrace).
    rule_traces = models.JSONField(_("规则判定记录"), default=list)
    last_error = models.TextField(_("最近错误"), blank=True, default="")
    revision = models.PositiveIntegerField(_("修订号"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("启动时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    completed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("流程实例")
        verbose_name_plural = _("流程实例")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ProcessStatus]), name="workflow_instance_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "definition"], name="workflow_instance_status_idx")]

    def __str__(self) -> str:
        return f"{self.subject} · {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ProcessStatus.COMPLETED, ProcessStatus.CANCELLED)


class WorkItem(models.Model):
    """A worklist row: one READY user task, to be done by staff with ``role`` in ``department``."""

    # The composite indexes below lead with these columns, so the FKs need no index of their own.
    instance = models.ForeignKey(ProcessInstance, on_delete=models.PROTECT, related_name="work_items", db_index=False)
    subject = models.CharField(_("办理对象"), max_length=100)
    process_key = models.CharField(_("流程标识"), max_length=64)
    task_id = models.CharField(_("引擎任务标识"), max_length=36)
    task_name = models.CharField(_("环节标识"), max_length=100)
    title = models.CharField(_("环节名称"), max_length=200)
    role = models.CharField(_("岗位角色"), max_length=32)
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("办理部门"), db_index=False
    )
    status = models.CharField(_("状态"), max_length=16, choices=WorkItemStatus.choices, default=WorkItemStatus.OPEN)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    due_date = models.DateField(_("办理期限"), null=True, blank=True)
    created_at = models.DateTimeField(_("到达时间"), default=timezone.now)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.JSONField(_("办理结果"), default=dict)

    class Meta:
        verbose_name = _("待办事项")
        verbose_name_plural = _("待办事项")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "task_id"], name="workflow_work_item_task_unique"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in WorkItemStatus]), name="workflow_work_item_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=WorkItemStatus.COMPLETED, completed_at__isnull=False)
                | ~Q(status=WorkItemStatus.COMPLETED),
                name="workflow_work_item_completed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "role", "status", "due_date"], name="workflow_worklist_idx"),
            models.Index(fields=["claimed_by", "status"], name="workflow_item_claimed_idx"),
            models.Index(fields=["subject"], name="workflow_item_subject_idx"),
            models.Index(fields=["instance", "status"], name="workflow_item_instance_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.title}"
