"""Extension points for higher layers and later features (STYLE.md: no signals).

Apps register in ``AppConfig.ready()``; every callback runs inside the transaction of the change
that triggers it, so a failing reaction rolls the change back — reactions that may fail on their
own (sending, issuing) should enqueue a task instead of doing the work inline.

- ``material_resolvers``: ``(requirement, applicant_user_id, applicant_kind, subject_id) ->
  MaterialResolution | None`` — a licence or shared data that satisfies a requirement (免提交).
- ``acceptance_checks``: ``(case_info) -> list[str]`` — reasons acceptance must not proceed
  (e.g. a credit blacklist); an empty list means no objection.
- ``on_decision``: ``(case_info) -> None`` — e.g. licence issuance after a grant.
- ``on_completion``: ``(case_info) -> None`` — e.g. delivery, evaluation invitation, archive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govhall.cases.contracts import CaseInfo, MaterialResolution

MaterialResolver = Callable[[Any, int | None, str, int | None], MaterialResolution | None]
AcceptanceCheck = Callable[[CaseInfo], list[str]]
CaseReaction = Callable[[CaseInfo], None]

material_resolvers: list[MaterialResolver] = []
acceptance_checks: list[AcceptanceCheck] = []
on_decision: list[CaseReaction] = []
on_completion: list[CaseReaction] = []


def register_material_resolver(resolver: MaterialResolver) -> None:
    if resolver not in material_resolvers:
        material_resolvers.append(resolver)


def register_acceptance_check(check: AcceptanceCheck) -> None:
    if check not in acceptance_checks:
        acceptance_checks.append(check)


def register_on_decision(reaction: CaseReaction) -> None:
    if reaction not in on_decision:
        on_decision.append(reaction)


def register_on_completion(reaction: CaseReaction) -> None:
    if reaction not in on_completion:
        on_completion.append(reaction)
