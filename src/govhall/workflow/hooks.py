"""Extension points for higher layers (cases), registered in their ``AppConfig.ready()``.

Callbacks run inside the transaction of the workflow change that fires them, so what they write
commits or rolls back with it, and an exception they raise undoes the whole change. No signals.

- ``on_work_item_created(callback)``: ``callback(item: WorkItemInfo)`` for each new worklist row.
- ``on_work_item_completed(callback)``: ``callback(item: WorkItemInfo)`` after a person completes one.
- ``on_rules_evaluated(callback)``: ``callback(subject: str, traces: tuple[RuleTrace, ...])`` after
  DMN decision tables ran (to store the rule trace on the case).
- ``on_process_completed(callback)``: ``callback(subject: str, data: dict)`` when a process reaches
  its end; ``data`` holds the process variables, e.g. ``decision`` ("grant"/"deny"), ``reviews``.

Each registration function returns the callback, so it can be used as a decorator; registering
the same callback twice has no effect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from govhall.workflow.contracts import RuleTrace, WorkItemInfo

WorkItemCallback = Callable[[WorkItemInfo], None]
RulesCallback = Callable[[str, tuple[RuleTrace, ...]], None]
CompletedCallback = Callable[[str, Mapping[str, Any]], None]
C = TypeVar("C", bound=Callable[..., Any])

_work_item_created: list[WorkItemCallback] = []
_work_item_completed: list[WorkItemCallback] = []
_rules_evaluated: list[RulesCallback] = []
_process_completed: list[CompletedCallback] = []


def _register(registry: list[Any], callback: C) -> C:
    if callback not in registry:
        registry.append(callback)
    return callback


def on_work_item_created(callback: WorkItemCallback) -> WorkItemCallback:
    return _register(_work_item_created, callback)


def on_work_item_completed(callback: WorkItemCallback) -> WorkItemCallback:
    return _register(_work_item_completed, callback)


def on_rules_evaluated(callback: RulesCallback) -> RulesCallback:
    return _register(_rules_evaluated, callback)


def on_process_completed(callback: CompletedCallback) -> CompletedCallback:
    return _register(_process_completed, callback)


def unregister(callback: Callable[..., Any]) -> None:
    """Remove ``callback`` from every registry (tests)."""
    for registry in (_work_item_created, _work_item_completed, _rules_evaluated, _process_completed):
        while callback in registry:
            registry.remove(callback)


def fire_work_item_created(item: WorkItemInfo) -> None:
    for callback in list(_work_item_created):
        callback(item)


def fire_work_item_completed(item: WorkItemInfo) -> None:
    for callback in list(_work_item_completed):
        callback(item)


def fire_rules_evaluated(subject: str, traces: tuple[RuleTrace, ...]) -> None:
    if traces:
        for callback in list(_rules_evaluated):
            callback(subject, traces)


def fire_process_completed(subject: str, data: Mapping[str, Any]) -> None:
    for callback in list(_process_completed):
        callback(subject, dict(data))
