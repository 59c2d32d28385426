from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from govhall.accounts.services import role_grant
from govhall.core.contracts import Actor
from govhall.workflow import hooks
from govhall.workflow.constants import BUNDLED_DIR
from govhall.workflow.services import install_default_processes
from tests import factories

SYSTEM = Actor.system("test")


def bundled(name: str) -> str:
    return (BUNDLED_DIR / name).read_text(encoding="utf-8")


def actor_of(user: Any) -> Actor:
    return Actor(user_id=user.pk, role="staff")


def staff_with(department: Any, *roles: str) -> Any:
    user = factories.staff(enrolled=False)
    for role in roles:
        role_grant(actor=factories.SYSTEM, user=user, department=department, role=role)
    return user


@dataclass
class Recorder:
    created: list[Any] = field(default_factory=list)
    completed_items: list[Any] = field(default_factory=list)
    rules: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    completed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def on_created(self, item: Any) -> None:
        self.created.append(item)

    def on_item_completed(self, item: Any) -> None:
        self.completed_items.append(item)

    def on_rules(self, subject: str, traces: tuple[Any, ...]) -> None:
        self.rules.append((subject, traces))

    def on_completed(self, subject: str, data: dict[str, Any]) -> None:
        self.completed.append((subject, data))


@pytest.fixture
def recorder():
    rec = Recorder()
    callbacks = [
        hooks.on_work_item_created(rec.on_created),
        hooks.on_work_item_completed(rec.on_item_completed),
        hooks.on_rules_evaluated(rec.on_rules),
        hooks.on_process_completed(rec.on_completed),
    ]
    yield rec
    for callback in callbacks:
        hooks.unregister(callback)


@pytest.fixture
def processes(db):
    return {definition.key: definition for definition in install_default_processes(actor=SYSTEM)}


@pytest.fixture
def department(db):
    return factories.department("市市场监督管理局")


@pytest.fixture
def reviewer(department):
    return staff_with(department, "reviewer")


@pytest.fixture
def decider(department):
    return staff_with(department, "decider")
