"""The public face of workflow for other apps: import from here (and ``contracts``) only.

See docs/workflow.md for the BPMN conventions (lanes → roles, department variables, outcomes).
"""

from __future__ import annotations

from govhall.workflow.access import can_work_on, work_item_get_for_staff
from govhall.workflow.constants import (
    BUNDLED_PROCESSES,
    DECISION_DENY,
    DECISION_GRANT,
    WORK_ROLES,
    ProcessStatus,
    WorkItemStatus,
)
from govhall.workflow.hooks import (
    on_process_completed,
    on_rules_evaluated,
    on_work_item_completed,
    on_work_item_created,
)
from govhall.workflow.selectors import (
    definition_info,
    instance_for,
    process_definition_get,
    process_definition_latest,
    process_definitions,
    rule_traces_for,
    running_instances,
    work_item_info,
    work_items_for,
    worklist,
    worklist_for_staff,
)
from govhall.workflow.services import (
    install_default_processes,
    process_cancel,
    process_definition_install,
    process_start,
    work_item_claim,
    work_item_complete,
    work_item_release,
)

__all__ = [
    "BUNDLED_PROCESSES",
    "DECISION_DENY",
    "DECISION_GRANT",
    "WORK_ROLES",
    "ProcessStatus",
    "WorkItemStatus",
    "can_work_on",
    "definition_info",
    "install_default_processes",
    "instance_for",
    "on_process_completed",
    "on_rules_evaluated",
    "on_work_item_completed",
    "on_work_item_created",
    "process_cancel",
    "process_definition_get",
    "process_definition_install",
    "process_definition_latest",
    "process_definitions",
    "process_start",
    "rule_traces_for",
    "running_instances",
    "work_item_claim",
    "work_item_complete",
    "work_item_get_for_staff",
    "work_item_info",
    "work_item_release",
    "work_items_for",
    "worklist",
    "worklist_for_staff",
]
