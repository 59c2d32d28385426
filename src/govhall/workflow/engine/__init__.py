"""The only package that talks to SpiffWorkflow 3 (``uploads``, ``runtime``, ``expressions``).

- ``parse_process`` checks an uploaded BPMN file (and the DMN files it calls) against our safety
  rules and conventions, parses it and serializes the spec once.
- ``load_specs`` restores a stored spec (cached per process version, shared read-only by every
  instance in this process).
- ``new_workflow`` / ``restore_workflow`` / ``dump_workflow`` create, load and store one instance;
  the stored state holds no spec.
- ``run_engine`` runs the automatic steps (gateways, DMN business-rule tasks) and returns a rule
  trace for each decision table evaluated; ``ready_user_tasks`` lists the tasks people must do;
  ``complete_user_task`` records a person's outcome.

Safety: process files come from staff, but BPMN conditions and DMN cells are Python expressions
to SpiffWorkflow. We accept no script, service or call-activity element and no pre/post script;
every expression must pass an allow-list of syntax (comparisons, boolean logic, arithmetic,
literals, subscripts and a few pure functions — no attribute access, no names starting with
``_``) at upload, and is checked again and evaluated without builtins at run time.
"""

from __future__ import annotations

from govhall.workflow.engine.expressions import SCRIPT_ENGINE, UnsafeExpression, check_expression
from govhall.workflow.engine.runtime import (
    EngineError,
    ProtectedVariable,
    ReadyTask,
    Specs,
    cancel,
    clear_spec_cache,
    complete_user_task,
    describe_task,
    dump_workflow,
    is_completed,
    is_spec_cached,
    load_specs,
    new_workflow,
    parse_due_date,
    ready_user_tasks,
    restore_workflow,
    run_engine,
    workflow_data,
)
from govhall.workflow.engine.uploads import ParsedProcess, parse_process

__all__ = [
    "SCRIPT_ENGINE",
    "EngineError",
    "ParsedProcess",
    "ProtectedVariable",
    "ReadyTask",
    "Specs",
    "UnsafeExpression",
    "cancel",
    "check_expression",
    "clear_spec_cache",
    "complete_user_task",
    "describe_task",
    "dump_workflow",
    "is_completed",
    "is_spec_cached",
    "load_specs",
    "new_workflow",
    "parse_due_date",
    "parse_process",
    "ready_user_tasks",
    "restore_workflow",
    "run_engine",
    "workflow_data",
]
