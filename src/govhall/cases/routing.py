"""Between acceptance and decision a case follows its item's BPMN process (workflow app).

Until the workflow engine is wired, acceptance leaves the case in review for staff to decide;
this module is the one place that will start and cancel processes.
"""

from __future__ import annotations

from typing import Any

from govhall.core.contracts import Actor


def start(case: Any, *, actor: Actor) -> None:
    """Start the review process of ``case`` (no-op until the workflow app is connected)."""


def cancel(case: Any, *, actor: Actor) -> None:
    """Cancel the review process of a withdrawn case (no-op until the workflow app is connected)."""
