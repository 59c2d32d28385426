"""Statuses, BPMN conventions and limits of the workflow app (see docs/workflow.md)."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from govhall.accounts.facade import Role


class ProcessStatus(models.TextChoices):
    RUNNING = "running", _("办理中")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已撤销")
    # The last engine step failed (see ``ProcessInstance.last_error``); the open work items stay
    # open and completing one retries the step.
    ERROR = "error", _("流程异常")


class WorkItemStatus(models.TextChoices):
    OPEN = "open", _("待办")
    COMPLETED = "completed", _("已办")
    CANCELLED = "cancelled", _("已取消")


# Roles a BPMN lane (or a task's ``role`` property) may name: the staff roles that work cases.
WORK_ROLES: frozenset[str] = frozenset(
    {Role.WINDOW_CLERK.value, Role.REVIEWER.value, Role.DECIDER.value, Role.DEPARTMENT_ADMIN.value}
)

# A lane is named with the role code or its Chinese name, so diagrams read naturally in bpmn-js.
LANE_NAMES: dict[str, str] = {
    "窗口人员": Role.WINDOW_CLERK.value,
    "审核人员": Role.REVIEWER.value,
    "审批人员": Role.DECIDER.value,
    "部门管理员": Role.DEPARTMENT_ADMIN.value,
    **{role: role for role in WORK_ROLES},
}

# Staff with this role may install (upload) process definitions; the bundled templates are
# installed by the system actor. BPMN/DMN files carry expressions, so uploads are restricted.
PROCESS_ADMIN_ROLES: frozenset[str] = frozenset({Role.CATALOG_ADMIN.value})

# ``spiffworkflow:property`` names a user task may carry, with their defaults.
PROP_ROLE = "role"  # overrides the lane
PROP_DEPARTMENT_VARIABLE = "department_variable"  # data variable holding the department id
PROP_OUTCOME_VARIABLE = "outcome_variable"  # store the outcome under this variable (else merge)
PROP_REQUIRES_DECISION = "requires_decision"  # "true": outcome must carry decision grant/deny
PROP_SEPARATE_FROM = "separate_from"  # comma-separated task ids whose completer may not do this one
PROP_DUE_VARIABLE = "due_variable"  # data variable holding the due date (ISO yyyy-mm-dd)
TASK_PROPERTIES = frozenset(
    {
        PROP_ROLE,
        PROP_DEPARTMENT_VARIABLE,
        PROP_OUTCOME_VARIABLE,
        PROP_REQUIRES_DECISION,
        PROP_SEPARATE_FROM,
        PROP_DUE_VARIABLE,
    }
)
DEFAULT_DEPARTMENT_VARIABLE = "department_id"
DEFAULT_DUE_VARIABLE = "due_date"

# The decision a ``requires_decision`` task records, read by the case when the process ends.
DECISION_GRANT = "grant"
DECISION_DENY = "deny"
DECISIONS = (DECISION_GRANT, DECISION_DENY)

PROCESS_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
VARIABLE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")

MAX_PROCESS_FILE_BYTES = 1024 * 1024
MAX_DMN_FILES = 20
MAX_DATA_BYTES = 64 * 1024  # start data and a work item's outcome, as JSON
MAX_NAME_LENGTH = 200

BUNDLED_DIR = Path(__file__).resolve().parent / "processes"
# key → (name, DMN files) for the templates shipped in ``processes/``.
BUNDLED_PROCESSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "single_department": ("单部门审批", ()),
    "two_level_review": ("两级审核", ()),
    "parallel_review": ("多部门并联审批", ()),
    "instant_approval": ("秒批（智能审批）", ("instant_approval.dmn",)),
}
