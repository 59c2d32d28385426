"""Frozen data shapes the workflow app hands to other apps (hooks, facade results)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WorkItemInfo:
    """A worklist row as other apps see it (``subject`` is a ``SubjectRef`` string, e.g. ``case:42``)."""

    id: int
    subject: str
    process_key: str
    task_name: str
    title: str
    role: str
    department_id: int
    status: str
    due_date: dt.date | None
    created_at: dt.datetime
    claimed_by_id: int | None = None
    completed_by_id: int | None = None
    completed_at: dt.datetime | None = None
    outcome: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleTrace:
    """One evaluation of a DMN decision table (秒批/智能审批): what went in, which rule applied, what came out.

    ``inputs`` is ``[{"label", "expression", "value"}]``, ``matched_rules`` ``[{"id", "row", "description"}]``
    (the rules whose outputs were applied), ``outputs`` the variables the decision set.
    """

    task: str
    task_name: str
    decision_id: str
    decision_table: str
    hit_policy: str
    inputs: tuple[Mapping[str, Any], ...]
    matched_rules: tuple[Mapping[str, Any], ...]
    outputs: Mapping[str, Any]
    evaluated_at: str

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> RuleTrace:
        return cls(
            task=value["task"],
            task_name=value["task_name"],
            decision_id=value["decision_id"],
            decision_table=value["decision_table"],
            hit_policy=value["hit_policy"],
            inputs=tuple(value["inputs"]),
            matched_rules=tuple(value["matched_rules"]),
            outputs=dict(value["outputs"]),
            evaluated_at=value["evaluated_at"],
        )

    @property
    def matched(self) -> bool:
        return bool(self.matched_rules)


@dataclass(frozen=True)
class DefinitionInfo:
    """Summary of an installed process version (what the upload page and the catalog show)."""

    id: int
    key: str
    version: int
    name: str
    user_tasks: tuple[Mapping[str, str], ...]
    decisions: Mapping[str, str]
    created_at: dt.datetime
