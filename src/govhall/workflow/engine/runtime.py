"""Running instances: spec cache, (de)serialization without the spec, engine steps, user tasks."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.utils import timezone
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SERIALIZER_VERSION
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask, MultiInstanceTask
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask as UserTaskMixin
from SpiffWorkflow.dmn.specs.business_rule_task_mixin import BusinessRuleTaskMixin
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from govhall.workflow.constants import (
    DEFAULT_DEPARTMENT_VARIABLE,
    DEFAULT_DUE_VARIABLE,
    LANE_NAMES,
    PROP_DEPARTMENT_VARIABLE,
    PROP_DUE_VARIABLE,
    PROP_OUTCOME_VARIABLE,
    PROP_REQUIRES_DECISION,
    PROP_ROLE,
    PROP_SEPARATE_FROM,
)
from govhall.workflow.engine.expressions import SCRIPT_ENGINE

# SpiffWorkflow logs every task state change at INFO; keep it quiet unless LOGGING names it.
_spiff_logger = logging.getLogger("spiff")
if _spiff_logger.level == logging.NOTSET:
    _spiff_logger.setLevel(logging.WARNING)


# -- errors --------------------------------------------------------------------------------------


class EngineError(Exception):
    """An engine step failed on this instance's data (a bad condition, a missing variable...).

    ``detail`` is the engine's (English) explanation for the operator; ``message`` an optional
    translated text for the person whose action failed.
    """

    def __init__(self, detail: str, *, message: Any = None) -> None:
        super().__init__(detail)
        self.detail = detail[:1000]
        self.message = message


class ProtectedVariable(ValueError):
    """An outcome tried to overwrite a start-data variable (the case's data, e.g. department ids)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


# -- serialization -------------------------------------------------------------------------------


class _SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Serializes a workflow without its spec; restoring takes the (cached) spec as arguments.

    A dictionary that still carries ``spec`` (an old state being migrated) is restored from it.
    """

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        dct: dict[str, Any] = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct: dict[str, Any], spec: Any = None, subprocess_specs: Any = None) -> BpmnWorkflow:
        if "spec" in dct:
            spec = self.registry.restore(dct.pop("spec"))
            subprocess_specs = self.mapping_from_dict(dct.pop("subprocess_specs", {}))
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_local = threading.local()


def thread_serializer() -> BpmnWorkflowSerializer:
    # The serializer's registry toggles a flag while encoding: one per thread.
    serializer = getattr(_local, "serializer", None)
    if serializer is None:
        config = dict(SPIFF_CONFIG)
        config[BpmnWorkflow] = _SpeclessWorkflowConverter
        serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(config))
        _local.serializer = serializer
    return serializer


@dataclass(frozen=True)
class Specs:
    """A restored process spec and its sub-process specs; shared read-only by instances."""

    spec: Any
    subprocess_specs: dict[str, Any]


_spec_cache: dict[str, Specs] = {}
_spec_cache_lock = threading.Lock()
SPEC_CACHE_SIZE = 256


def _restore_specs(spec_json: str) -> Specs:
    payload = json.loads(spec_json)
    registry = thread_serializer().registry
    specs = Specs(
        spec=registry.restore(payload["spec"]),
        subprocess_specs={name: registry.restore(value) for name, value in payload["subprocess_specs"].items()},
    )
    # Multi-instance tasks connect a merge handler to their child spec on first use; do it now,
    # once, so a spec shared between threads is never modified while instances run.
    for process_spec in [specs.spec, *specs.subprocess_specs.values()]:
        for task_spec in process_spec.task_specs.values():
            if isinstance(task_spec, LoopTask):
                child = process_spec.task_specs[task_spec.task_spec]
                if not child.completed_event.is_connected(task_spec.merge_child):
                    child.completed_event.connect(task_spec.merge_child)
    return specs


def load_specs(digest: str, spec_json: str | Callable[[], str]) -> Specs:
    """The restored spec whose ``spec_digest`` is ``digest``; ``spec_json`` may be a loader
    called only on a cache miss (so callers can skip fetching the text)."""
    specs = _spec_cache.get(digest)
    if specs is not None:
        return specs
    text = spec_json() if callable(spec_json) else spec_json
    specs = _restore_specs(text)
    with _spec_cache_lock:
        if len(_spec_cache) >= SPEC_CACHE_SIZE:
            _spec_cache.pop(next(iter(_spec_cache)))
        _spec_cache.setdefault(digest, specs)
        return _spec_cache[digest]


def is_spec_cached(digest: str) -> bool:
    return digest in _spec_cache


def clear_spec_cache() -> None:
    """Forget every restored spec (as a fresh worker process would); tests."""
    with _spec_cache_lock:
        _spec_cache.clear()


def new_workflow(specs: Specs, data: Mapping[str, Any]) -> BpmnWorkflow:
    workflow = BpmnWorkflow(specs.spec, specs.subprocess_specs, script_engine=SCRIPT_ENGINE)
    workflow.task_tree.data.update(json.loads(json.dumps(data)))  # a private, JSON-only copy
    return workflow


def dump_workflow(workflow: BpmnWorkflow) -> str:
    """The instance state as JSON text, without the spec."""
    return str(thread_serializer().serialize_json(workflow))


def restore_workflow(specs: Specs, state: str, *, spec_json: str | None = None) -> BpmnWorkflow:
    """Load an instance stored by ``dump_workflow``. A state written by an older serializer
    version is migrated together with its spec (pass ``spec_json`` for that case)."""
    serializer = thread_serializer()
    try:
        dct = json.loads(state)
        version = dct.get(serializer.VERSION_KEY)
        if version != SERIALIZER_VERSION:
            if spec_json is None:
                raise EngineError(f"state written by serializer {version} needs its spec to migrate")
            payload = json.loads(spec_json)
            dct["spec"] = payload["spec"]
            dct["subprocess_specs"] = payload["subprocess_specs"]
            serializer.migrate(dct)
            workflow = serializer.from_dict(dct)
        else:
            dct.pop(serializer.VERSION_KEY)
            workflow = serializer.from_dict(dct, spec=specs.spec, subprocess_specs=specs.subprocess_specs)
    except (ValueError, KeyError, TypeError, AttributeError, SpiffWorkflowException) as exc:
        raise EngineError(f"stored state cannot be loaded: {exc!r}") from exc
    workflow.script_engine = SCRIPT_ENGINE
    return workflow


def task_properties(task_spec: Any) -> dict[str, str]:
    extensions = getattr(task_spec, "extensions", None) or {}
    return dict(extensions.get("properties") or {})


# -- running -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadyTask:
    """A READY user task, as the worklist needs it. ``department_id``/``due_date`` are raw values
    read from the task data (the service validates them)."""

    task_id: str
    task_name: str
    title: str
    role: str
    department_id: Any
    due_date: Any
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def requires_decision(self) -> bool:
        return self.properties.get(PROP_REQUIRES_DECISION) == "true"

    @property
    def separate_from(self) -> list[str]:
        return [name.strip() for name in self.properties.get(PROP_SEPARATE_FROM, "").split(",") if name.strip()]


def _instance_parent(task: Any) -> Any:
    """The multi-instance spec whose branch ``task`` is, or None for an ordinary task."""
    parent = task.parent
    if (
        parent is not None
        and isinstance(parent.task_spec, MultiInstanceTask)
        and parent.task_spec.task_spec == task.task_spec.name
    ):
        return parent.task_spec
    return None


def _properties_of(task: Any) -> dict[str, str]:
    properties = task_properties(task.task_spec)
    multi = _instance_parent(task)
    if not properties and multi is not None:
        properties = task_properties(multi)
    return properties


def _describe(task: Any) -> ReadyTask:
    spec = task.task_spec
    properties = _properties_of(task)
    department_variable = properties.get(PROP_DEPARTMENT_VARIABLE, DEFAULT_DEPARTMENT_VARIABLE)
    due_variable = properties.get(PROP_DUE_VARIABLE, DEFAULT_DUE_VARIABLE)
    return ReadyTask(
        task_id=str(task.id),
        task_name=spec.bpmn_id or spec.name,
        title=(spec.bpmn_name or spec.bpmn_id or spec.name)[:200],
        role=properties.get(PROP_ROLE) or LANE_NAMES.get((spec.lane or "").strip(), ""),
        department_id=task.data.get(department_variable),
        due_date=task.data.get(due_variable),
        properties=properties,
    )


def ready_user_tasks(workflow: BpmnWorkflow) -> list[ReadyTask]:
    return [
        _describe(task)
        for task in workflow.get_tasks(state=TaskState.READY, manual=True)
        if isinstance(task.task_spec, UserTaskMixin)
    ]


def describe_task(workflow: BpmnWorkflow, task_id: str) -> ReadyTask | None:
    """The READY user task ``task_id``, or None if it is not (or no longer) waiting for a person."""
    task = workflow.tasks.get(UUID(task_id))
    if task is None or task.state != TaskState.READY or not isinstance(task.task_spec, UserTaskMixin):
        return None
    return _describe(task)


def complete_user_task(workflow: BpmnWorkflow, task_id: str, outcome: Mapping[str, Any], *, department_id: int) -> None:
    """Record ``outcome`` on the task and run it (the caller then calls ``run_engine``).

    Where the outcome goes: a multi-instance branch puts it (plus ``department_id``) in the
    branch's output item, so the collection gathers one entry per department; a task with an
    ``outcome_variable`` property stores it under that variable; otherwise its keys are merged
    into the process data (how a decision task sets ``decision``) — except over start-data
    variables (``ProtectedVariable``).
    """
    task = workflow.tasks.get(UUID(task_id))
    if task is None or task.state != TaskState.READY:
        raise EngineError(f"task {task_id} is not ready")
    value = json.loads(json.dumps(dict(outcome)))
    multi = _instance_parent(task)
    properties = _properties_of(task)
    if multi is not None and multi.output_item is not None:
        value.setdefault(DEFAULT_DEPARTMENT_VARIABLE, department_id)
        task.data[multi.output_item.bpmn_id] = value
    elif properties.get(PROP_OUTCOME_VARIABLE):
        task.data[properties[PROP_OUTCOME_VARIABLE]] = value
    else:
        # The start data (the case's form fields, department ids) is the case's, not the
        # reviewer's: a merged outcome may add variables or replace earlier results, not those.
        protected = sorted(set(value) & set(workflow.task_tree.data))
        if protected:
            raise ProtectedVariable(protected)
        task.data.update(value)
    try:
        task.run()
    except SpiffWorkflowException as exc:
        raise EngineError(str(exc)) from exc


def _rule_trace(task: Any) -> dict[str, Any]:
    spec = task.task_spec
    table = spec.dmnEngine.decision_table
    engine = task.workflow.script_engine
    inputs = []
    for column in table.inputs:
        inputs.append(
            {
                "label": column.label or column.name or column.expression,
                "expression": column.expression,
                "value": engine.evaluate(task, column.expression),
            }
        )
    matched = spec.dmnEngine.decide(task)
    if table.hit_policy != "COLLECT":
        matched = matched[:1]  # UNIQUE and FIRST apply the first matching rule
    return {
        "task": spec.bpmn_id,
        "task_name": spec.bpmn_name or spec.bpmn_id,
        "decision_id": (getattr(spec, "extensions", None) or {}).get("calledDecisionId", ""),
        "decision_table": table.id,
        "hit_policy": table.hit_policy,
        "inputs": inputs,
        "matched_rules": [
            {"id": rule.id, "row": rule.row_number, "description": rule.description or ""} for rule in matched
        ],
        "outputs": {},
        "evaluated_at": timezone.now().isoformat(),
    }


def run_engine(workflow: BpmnWorkflow) -> list[dict[str, Any]]:
    """Run every automatic step; returns one rule trace per business-rule task run.

    Raises ``EngineError`` when a step fails on the data (e.g. a rule input is missing).
    """
    traces: list[dict[str, Any]] = []

    def before(task: Any) -> None:
        if isinstance(task.task_spec, BusinessRuleTaskMixin):
            traces.append(_rule_trace(task))

    def after(task: Any) -> None:
        if isinstance(task.task_spec, BusinessRuleTaskMixin) and traces:
            table = task.task_spec.dmnEngine.decision_table
            traces[-1]["outputs"] = {
                (column.name or column.label): task.data.get(column.name or column.label) for column in table.outputs
            }

    try:
        workflow.do_engine_steps(will_complete_task=before, did_complete_task=after)
    except SpiffWorkflowException as exc:
        raise EngineError(str(exc)) from exc
    return json.loads(json.dumps(traces, default=str))


def is_completed(workflow: BpmnWorkflow) -> bool:
    return bool(workflow.completed)


def workflow_data(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The process variables: the end data once completed, else those of the last step run."""
    if workflow.completed:
        data = workflow.data
    elif workflow.last_task is not None:
        data = workflow.last_task.data
    else:
        data = workflow.task_tree.data
    result: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return result


def cancel(workflow: BpmnWorkflow) -> None:
    workflow.cancel()


def parse_due_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
