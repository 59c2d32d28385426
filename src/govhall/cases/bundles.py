"""一件事 (bundle) cases: one combined form, one bundle case, one child case per item/department.

- ``case_bundle_draft_save``: the bundle case (``kind=bundle``, no item version, the bundle's lead
  department) and one child draft per bundle item (``kind=child``, the item's published version and
  department, the part of the combined form its schema asks for). Materials go to the children
  with ``case_material_upload``.
- ``case_bundle_submit``: validates every child, numbers the bundle (bundle code + date + serial)
  and the children (``<bundle number>-01`` …) and submits them all in one transaction.
- After that the bundle is handled like any case by the lead department; the services call
  ``children_follow`` so that acceptance, decision, completion, refusal and withdrawal of the
  bundle move its children in the same transaction. Only the bundle runs a process
  (``parallel_review``: one review per child department, then the lead department's decision).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts import facade as accounts
from govhall.cases import idempotency, services
from govhall.cases.constants import ACCEPTANCE_LIMIT_WORKING_DAYS, ApplicantKind, CaseKind, CaseStatus
from govhall.cases.forms import form_problems
from govhall.cases.models import Case
from govhall.catalog import facade as catalog
from govhall.core.contracts import Actor
from govhall.core.facade import (
    CompiledQuery,
    Conflict,
    NotFound,
    ValidationFailed,
    audit_record,
    local_date,
)

SUBMIT_SCOPE = "case_bundle_submit"


def _children_query(*, lock: bool) -> CompiledQuery:
    def build(parent_id: int) -> Any:
        qs = Case.objects.filter(parent_id=parent_id, kind=CaseKind.CHILD).select_related("item_version__service_item")
        if lock:
            qs = qs.select_for_update(of=("self",))  # item_version is a nullable join
        return qs.order_by("pk")

    return CompiledQuery(build, params=(int,))


# Read by every transition of a 一件事 (the children follow it): compiled once per process.
_CHILDREN = _children_query(lock=False)
_CHILDREN_LOCKED = _children_query(lock=True)


def _children(case: Case, *, lock: bool = False) -> list[Case]:
    children: list[Case] = (_CHILDREN_LOCKED if lock else _CHILDREN).fetch(case.pk)
    return children


def _child_form(version: Any, form_data: Mapping[str, Any]) -> dict[str, Any]:
    properties = (version.form_schema or {}).get("properties", {})
    return {key: value for key, value in form_data.items() if key in properties}


def case_bundle_draft_save(
    *,
    user: Any,
    bundle_code: str,
    form_data: Mapping[str, Any],
    applicant_kind: str = ApplicantKind.PERSON,
    organization_id: int | None = None,
    case_id: int | None = None,
) -> Case:
    """Create the applicant's draft of a 一件事: the bundle case and one child draft per item.

    With ``case_id``, save the combined form of that draft instead: the bundle keeps the whole
    form and each child the part its item's schema asks for (``bundle_code`` is then ignored).
    Raises ``case.not_found`` for another person's case, ``case.invalid_transition`` once submitted."""
    if not isinstance(form_data, Mapping) or len(json.dumps(form_data, ensure_ascii=False)) > 100_000:
        raise ValidationFailed(_("申请表内容过大或格式不正确。"), code="case.form_too_large", field="form")
    if case_id is not None:
        return _bundle_draft_update(user=user, case_id=case_id, form_data=form_data)
    found = catalog.bundle_detail(code=bundle_code)
    if found is None:
        raise NotFound(_("一件事主题不存在。"), code="catalog.bundle_not_found")
    bundle, versions = found
    if len(versions) != bundle.bundle_items.count():
        raise Conflict(_("该一件事包含的部分事项已停止办理，暂不能申请。"), code="case.bundle_incomplete")
    if not all(version.online_application for version in versions):
        raise ValidationFailed(
            _("该事项暂不支持网上申请，请按办事指南到窗口办理。"), code="case.not_online", field="item"
        )
    actor = Actor(user_id=user.pk, role="applicant")
    with transaction.atomic():  # the mandate check locks the mandate row
        # [mandates] an agent applies for the principal only when the mandate covers every item
        applicant = services._applicant(user, applicant_kind, organization_id, versions[0].service_item.code)
        for version in versions:
            services._check_service_object(version, applicant["applicant_kind"])
            if applicant.get("mandate") is not None:
                accounts.mandate_for_acting(user=user, item_code=version.service_item.code)
        case = Case.objects.create(
            kind=CaseKind.BUNDLE,
            bundle=bundle,
            item_version=None,
            department=bundle.lead_department,
            applicant_user=user,
            form_data=dict(form_data),
            **applicant,
        )
        services._event(case, kind="draft", actor=actor, from_status="")
        audit_record(actor=actor, action="case.draft", subject=services.case_ref(case), detail={"bundle": bundle.code})
        for version in versions:
            child = Case.objects.create(
                kind=CaseKind.CHILD,
                parent=case,
                item_version=version,
                department=version.service_item.department,
                applicant_user=user,
                form_data=_child_form(version, form_data),
                **applicant,
            )
            services._event(child, kind="draft", actor=actor, from_status="")
            audit_record(
                actor=actor,
                action="case.draft",
                subject=services.case_ref(child),
                detail={"item": version.service_item.code, "bundle_case": case.pk},
            )
    return case


def _bundle_draft_update(*, user: Any, case_id: int, form_data: Mapping[str, Any]) -> Case:
    with transaction.atomic():
        case = services._lock(case_id)
        if case.applicant_user_id != user.pk or case.kind != CaseKind.BUNDLE:
            raise NotFound(_("办件不存在。"), code="case.not_found")
        if case.status != CaseStatus.DRAFT:
            raise services._wrong_state(case, _("修改申请表"))
        case.form_data = dict(form_data)
        case.save(update_fields=["form_data", "updated_at"])
        for child in _children(case, lock=True):
            assert child.item_version is not None
            child.form_data = _child_form(child.item_version, form_data)
            child.save(update_fields=["form_data", "updated_at"])
    return case


def bundle_form_schema(versions: Iterable[Any]) -> dict[str, Any]:
    """The combined form (一表申请) of a 一件事: every item's fields once, in item order; a field is
    required when any item requires it. The first item to define a field gives its title and type."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for version in versions:
        schema = version.form_schema or {}
        for name, prop in (schema.get("properties") or {}).items():
            properties.setdefault(name, prop)
        for name in schema.get("required") or []:
            if name not in required:
                required.append(name)
    return {"type": "object", "properties": properties, "required": required}


def bundle_children(case: Case) -> list[Case]:
    """The child cases of a 一件事 case, in item order (empty for any other case)."""
    return _children(case) if case.kind == CaseKind.BUNDLE else []


def _request_digest(case: Case, children: Iterable[Case], material_digests: Mapping[int, list[str]]) -> str:
    """What was submitted: the forms, the items' versions and each child's materials' SM3 digests
    (``material_digests`` by child id, sorted)."""
    payload = json.dumps(
        {
            "form": case.form_data,
            "bundle": case.bundle_id,
            "children": [[c.item_version_id, c.form_data, material_digests[c.pk]] for c in children],
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _check_children(children: list[Case]) -> dict[int, list[str]]:
    """Every problem of every child at once (一次性告知), each prefixed with the item's name.
    Returns each child's materials' SM3 digests (by child id, sorted)."""
    problems: list[dict[str, str]] = []
    missing: list[tuple[Case, Any]] = []
    material_digests: dict[int, list[str]] = {}
    for child in children:
        assert child.item_version is not None
        name = child.item_version.name
        # Publishing a new version retires the old one: only a published version is current
        # (as for a single case's submission; the row was read in this transaction).
        if child.item_version.status != catalog.VersionStatus.PUBLISHED:
            raise Conflict(
                _("该事项的办事指南已更新或停止办理，请按最新指南重新填写申请。"), code="case.version_outdated"
            )
        for problem in form_problems(child.item_version.form_schema, child.form_data):
            problems.append({"field": problem["field"], "message": f"{name}：{problem['message']}"})
        child_missing, material_digests[child.pk] = services.submission_materials(child)
        missing.extend((child, m) for m in child_missing)
    if problems:
        raise ValidationFailed(
            _("申请表有%(count)d处需要修改。"),
            code="case.form_invalid",
            params={"count": len(problems)},
            errors=problems,
        )
    if missing:
        raise ValidationFailed(
            _("还缺少%(count)d项必要材料：%(names)s。"),
            code="case.materials_missing",
            params={
                "count": len(missing),
                "names": "、".join(f"{c.item_version.name}：{m.name}" for c, m in missing if c.item_version),
            },
            errors=[{"field": f"material-{m.pk}", "message": m.name} for _c, m in missing],
        )
    return material_digests


def case_bundle_submit(*, user: Any, case_id: int, idempotency_key: str | None = None) -> Case:
    """Submit a 一件事 draft: validate all children, number the bundle and its children, and move
    them all to ``submitted`` in one transaction. Idempotent like ``case_submit``."""
    idempotency_key = idempotency.check_key(idempotency_key)
    with transaction.atomic():
        case = services._lock(case_id)
        if case.applicant_user_id != user.pk or case.kind != CaseKind.BUNDLE:
            raise NotFound(_("办件不存在。"), code="case.not_found")
        previous = idempotency.replay(user_id=user.pk, scope=SUBMIT_SCOPE, key=idempotency_key, case_id=case.pk)
        if previous is not None:
            return previous
        if case.status != CaseStatus.DRAFT:
            raise services._wrong_state(case, _("提交"))
        children = _children(case, lock=True)
        if not children:
            raise ValidationFailed(_("该一件事没有包含任何事项。"), code="case.bundle_empty")
        # [handlers, mandates] a revoked handler grant or mandate stops the submission (row-locked)
        for child in children:
            assert child.item_version is not None
            accounts.acting_authorize(
                user=user,
                organization_id=case.applicant_organization_id,
                mandate_id=case.mandate_id,
                item_code=child.item_version.service_item.code,
            )
            services.check_realname_level(user=user, version=child.item_version)
        material_digests = _check_children(children)
        now = timezone.now()
        acceptance_due = services._due_or_none(local_date(now), ACCEPTANCE_LIMIT_WORKING_DAYS)
        number = services._next_number(case)
        actor = Actor(user_id=user.pk, role="applicant")
        common: dict[str, Any] = {"submitted_at": now, "acceptance_due": acceptance_due}
        case = services._move(
            case,
            allowed={CaseStatus.DRAFT},
            to=CaseStatus.SUBMITTED,
            actor=actor,
            action_label=_("提交"),
            kind="submit",
            number=number,
            **common,
        )
        for index, child in enumerate(children, start=1):
            services._move(
                child,
                allowed={CaseStatus.DRAFT},
                to=CaseStatus.SUBMITTED,
                actor=actor,
                action_label=_("提交"),
                kind="submit",
                number=f"{number}-{index:02d}",
                **common,
            )
        idempotency.remember(
            user_id=user.pk,
            scope=SUBMIT_SCOPE,
            key=idempotency_key,
            case=case,
            request_digest=_request_digest(case, children, material_digests),
        )
    return case


# --- the children follow their bundle (called by the services, inside their transaction) -----


def children_follow(case: Case, *, kind: str, actor: Actor, note: str = "", **updates: Any) -> list[Case]:
    """Move every child of the bundle ``case`` to the bundle's (new) status, as ``kind``.

    ``updates`` are written on each child too (accepted_at, deadlines, the decision …). Children
    already in a terminal state stay as they are. Returns the moved children."""
    if case.kind != CaseKind.BUNDLE:
        return []
    label = {
        "accept": _("受理"),
        "deemed_accept": _("受理"),
        "refuse": _("不予受理"),
        "decide": _("作出决定"),
        "complete": _("办结"),
        "withdraw": _("撤回"),
        "supplement_request": _("要求补正"),
        "resubmit": _("提交补正材料"),
    }.get(kind, kind)
    allowed = {
        CaseStatus.IN_REVIEW: {CaseStatus.SUBMITTED, CaseStatus.SUPPLEMENT_REQUESTED},
        # one-time notice on a bundle: the children open for uploads, and close again on resubmit
        CaseStatus.SUPPLEMENT_REQUESTED: {CaseStatus.SUBMITTED},
        CaseStatus.SUBMITTED: {CaseStatus.SUPPLEMENT_REQUESTED},
        CaseStatus.REFUSED: {CaseStatus.SUBMITTED, CaseStatus.SUPPLEMENT_REQUESTED},
        CaseStatus.DECIDED: {CaseStatus.IN_REVIEW, CaseStatus.SUSPENDED},
        CaseStatus.COMPLETED: {CaseStatus.DECIDED},
        CaseStatus.WITHDRAWN: {
            CaseStatus.SUBMITTED,
            CaseStatus.SUPPLEMENT_REQUESTED,
            CaseStatus.IN_REVIEW,
            CaseStatus.SUSPENDED,
        },
    }[CaseStatus(case.status)]
    moved = []
    for child in _children(case, lock=True):
        if child.status not in allowed:
            continue
        moved.append(
            services._move(
                child,
                allowed=allowed,
                to=case.status,
                actor=actor,
                action_label=label,
                kind=kind,
                note=note,
                data={"bundle_case": case.pk},
                **updates,
            )
        )
    return moved


def decide_children(case: Case, *, actor: Actor) -> list[Case]:
    """The bundle was decided: every child gets the same decision, in the same transaction."""
    reason = str(_("随“一件事”统一决定：%(reason)s") % {"reason": case.decision_reason})
    return children_follow(
        case,
        kind="decide",
        actor=actor,
        note=reason,
        decision=case.decision,
        decision_reason=reason,
        decision_legal_basis=case.decision_legal_basis,
        decided_at=case.decided_at,
        decided_by_id=case.decided_by_id,
    )


def refuse_child_action(case: Case, action_label: Any) -> None:
    """A child case only moves with its bundle."""
    if case.kind == CaseKind.CHILD:
        raise Conflict(
            _("该办件属于“一件事”，须随“一件事”办件统一%(action)s。"),
            code="case.bundle_child",
            params={"action": action_label},
        )
