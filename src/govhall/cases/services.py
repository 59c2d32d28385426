"""Everything a case can do (``grep case_``). Each transition: one transaction, compare-and-set on
``status``, a timeline event and an audit row, hooks called inside the transaction.

Time limits (行政许可法): acceptance within 5 working days of submission, otherwise the case counts
as accepted from submission (第三十二条, 逾期不告知视为受理); the decision within the item's
statutory limit from acceptance (default 20 working days, 第四十二条) minus suspended periods
(第四十五条), plus one extension of 10 working days (15 for joint handling).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from io import BytesIO
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govhall.accounts import facade as accounts
from govhall.cases import bundles, hooks, idempotency  # [bundles] bundles imports this module back (used at call time)
from govhall.cases.constants import (
    ACCEPTANCE_LIMIT_WORKING_DAYS,
    EXTENSION_WORKING_DAYS,
    JOINT_EXTENSION_WORKING_DAYS,
    WITHDRAWABLE_STATUSES,
    ApplicantKind,
    CaseKind,
    CaseStatus,
    Channel,
    Decision,
    MaterialSource,
    SuspensionReason,
)
from govhall.cases.contracts import CaseInfo
from govhall.cases.forms import form_problems
from govhall.cases.models import (
    Case,
    CaseEvent,
    CaseMaterial,
    CaseNumberCounter,
    SupplementRequest,
    Suspension,
)
from govhall.cases.selectors import case_material_rows
from govhall.cases.uploads import CONTENT_TYPES, check_upload, safe_display_name, scan_upload
from govhall.catalog import facade as catalog
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import (
    CompiledCompareAndSet,
    CompiledInsert,
    CompiledQuery,
    ConfigurationError,
    Conflict,
    FileTooLarge,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    WorkingCalendar,
    add_working_days,
    audit_record,
    file_delete,
    file_open,
    file_store,
    local_date,
)

# --- helpers --------------------------------------------------------------------------------


def case_ref(case: Case | int) -> SubjectRef:
    return SubjectRef("case", str(case if isinstance(case, int) else case.pk))


def case_info(case: Case) -> CaseInfo:
    return CaseInfo(
        case_id=case.pk,
        number=case.number or "",
        status=case.status,
        decision=case.decision,
        item_version_id=case.item_version_id,
        service_item_code=case.item_version.service_item.code if case.item_version is not None else "",
        department_id=case.department_id,
        applicant_user_id=case.applicant_user_id,
        applicant_kind=case.applicant_kind,
        applicant_person_id=case.applicant_person_id,
        applicant_organization_id=case.applicant_organization_id,
        form_data=dict(case.form_data),
        decided_at=case.decided_at,
    )


def _status_label(status: str) -> str:
    return str(CaseStatus(status).label)


def _wrong_state(case: Case, action: Any) -> Conflict:
    return Conflict(
        _("该办件当前状态为“%(status)s”，不能%(action)s。请刷新页面查看最新状态。"),
        code="case.invalid_transition",
        params={"status": _status_label(case.status), "action": action},
    )


# Compiled once per process: every transition starts here, and compiling this four-table read
# costs more than running it (core/compiled.py).
_LOCK_QUERY = CompiledQuery(
    lambda case_id: (
        Case.objects.select_for_update(of=("self",))
        .select_related("item_version__service_item", "department")
        .filter(pk=case_id)
    ),
    params=(int,),
)


def _lock(case_id: int) -> Case:
    """The case, row-locked for this transaction, with its item version, item and department (one query)."""
    case = _LOCK_QUERY.first(int(case_id))
    if case is None:
        raise NotFound(_("办件不存在。"), code="case.not_found")
    return case


# The timeline row of every transition: the INSERT is written once per process (core/compiled.py).
_EVENT_INSERT = CompiledInsert(CaseEvent)


def _event(
    case: Case, *, kind: str, actor: Actor, from_status: str, note: str = "", data: Mapping[str, Any] | None = None
) -> None:
    _EVENT_INSERT.create(
        case=case,
        kind=kind,
        from_status=from_status,
        to_status=case.status,
        actor_id=actor.user_id,
        actor_role=actor.role,
        note=note,
        data=dict(data or {}),
    )


# The compare-and-set of every transition, its statement written once per shape (core/compiled.py).
_STATUS_CAS = CompiledCompareAndSet(Case, "status")


def _move(
    case: Case,
    *,
    allowed: Iterable[str],
    to: str,
    actor: Actor,
    action_label: Any,
    kind: str,
    note: str = "",
    data: Mapping[str, Any] | None = None,
    **updates: Any,
) -> Case:
    """Compare-and-set ``case.status`` from one of ``allowed`` to ``to`` with ``updates``; write the
    timeline event and the audit row. Must run inside a transaction that locked the case."""
    allowed = set(allowed)
    if case.status not in allowed:
        raise _wrong_state(case, action_label)
    before = {"status": case.status}
    now = timezone.now()
    changed = _STATUS_CAS.update(case.pk, sorted(allowed), status=to, updated_at=now, **updates)
    if changed != 1:
        raise _wrong_state(case, action_label)
    from_status = case.status
    # The row now holds exactly these values: set them instead of reading the row back.
    case.status = to
    case.updated_at = now
    for name, value in updates.items():
        setattr(case, name, value)
    _event(case, kind=kind, actor=actor, from_status=from_status, note=note, data=data)
    audit_record(
        actor=actor,
        action=f"case.{kind}",
        subject=case_ref(case),
        before=before,
        after={"status": to, **{k: str(v) for k, v in updates.items()}},
        detail={"number": case.number or "", "from": from_status, "to": to},
    )
    return case


def _version(case: Case) -> Any:
    if case.item_version is None:
        raise ValidationFailed(_("该办件没有对应的事项版本。"), code="case.no_item_version")
    return case.item_version


def _staff_id(actor: Actor) -> int:
    if actor.user_id is None:
        raise PermissionDenied(_("该操作须由工作人员完成。"), code="case.staff_required")
    return actor.user_id


def _today() -> dt.date:
    return local_date(timezone.now())


# --- applying -------------------------------------------------------------------------------


def _applicant(user: Any, applicant_kind: str, organization_id: int | None, item_code: str = "") -> dict[str, Any]:
    if not getattr(user, "is_citizen", False):
        raise PermissionDenied(_("只有公众用户可以提交申请。"), code="case.applicant_not_citizen")
    person = accounts.person_for_user(user=user)
    if person is None:
        raise PermissionDenied(_("请先完成实名登记后再申请。"), code="case.no_person")
    if applicant_kind == ApplicantKind.PERSON:
        # [mandates] an agent who switched to a mandate applies for its principal (由代办人提交)
        mandate = accounts.mandate_for_acting(user=user, item_code=item_code)
        if mandate is not None:
            principal = mandate.principal
            return {
                "applicant_kind": ApplicantKind.PERSON,
                "applicant_person": principal,
                "applicant_name": principal.real_name,
                "mandate": mandate,
                "submitted_by": user,
            }
        return {"applicant_kind": ApplicantKind.PERSON, "applicant_person": person, "applicant_name": person.real_name}
    if applicant_kind == ApplicantKind.ORGANIZATION:
        org = accounts.organizations_represented(user=user).filter(pk=organization_id or 0).first()
        if org is None:
            raise PermissionDenied(
                _("您无权代表该单位办理，请由法定代表人或经授权的经办人申请。"), code="case.not_authorized_for_org"
            )
        return {
            "applicant_kind": ApplicantKind.ORGANIZATION,
            "applicant_person": person,
            "applicant_organization": org,
            "applicant_name": org.name,
        }
    raise ValidationFailed(_("申请人类型无效。"), code="case.applicant_kind", field="applicant_kind")


def check_realname_level(*, user: Any, version: Any) -> None:
    """[identity] The item may demand a verified real-name level (catalog ``min_realname_level``);
    raises ``case.realname_level_insufficient`` when the submitting account's level is lower."""
    required_level = version.min_realname_level
    if accounts.realname_level(user=user) < required_level:
        raise PermissionDenied(
            _(
                "该事项要求实名认证等级不低于%(required)s，您的账户当前为%(current)s。请先在“我的账户—实名认证”完成核验后再提交。"
            ),
            code="case.realname_level_insufficient",
            params={
                "required": accounts.realname_level_label(required_level),
                "current": accounts.realname_level_label(accounts.realname_level(user=user)),
            },
        )


def _check_service_object(version: Any, applicant_kind: str) -> None:
    wanted = {"person": ApplicantKind.PERSON, "enterprise": ApplicantKind.ORGANIZATION}.get(version.service_object)
    if wanted and wanted != applicant_kind:
        raise ValidationFailed(
            _("该事项的服务对象是“%(object)s”，请以相应身份申请。"),
            code="case.service_object",
            field="applicant_kind",
            params={"object": version.get_service_object_display()},
        )


def case_draft_save(
    *,
    user: Any,
    item_code: str,
    form_data: Mapping[str, Any],
    applicant_kind: str = ApplicantKind.PERSON,
    organization_id: int | None = None,
    case_id: int | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """Create or update the applicant's draft for a published item. A draft is private to its
    applicant, may be incomplete, and can be resumed on any device. When creating, an
    ``idempotency_key`` makes a retry return the first draft (another body: ``idempotency.mismatch``)."""
    idempotency_key = idempotency.check_key(idempotency_key)
    if not isinstance(form_data, Mapping) or len(json.dumps(form_data, ensure_ascii=False)) > 100_000:
        raise ValidationFailed(_("申请表内容过大或格式不正确。"), code="case.form_too_large", field="form")
    with transaction.atomic():
        if case_id is not None:
            case = _lock(case_id)
            if case.applicant_user_id != user.pk:
                raise NotFound(_("办件不存在。"), code="case.not_found")
            if case.status != CaseStatus.DRAFT:
                raise _wrong_state(case, _("修改申请表"))
            case.form_data = dict(form_data)
            case.save(update_fields=["form_data", "updated_at"])
            return case
        body = idempotency.digest(
            {"item": item_code, "form": form_data, "kind": applicant_kind, "organization": organization_id}
        )
        previous = idempotency.replay(user_id=user.pk, scope="case_draft", key=idempotency_key, request_digest=body)
        if previous is not None:
            return previous
        version = catalog.published_version(code=item_code)
        if version is None:
            raise NotFound(_("事项不存在或已停用。"), code="catalog.item_not_found")
        if not version.online_application:
            raise ValidationFailed(
                _("该事项暂不支持网上申请，请按办事指南到窗口办理。"), code="case.not_online", field="item"
            )
        applicant = _applicant(user, applicant_kind, organization_id, item_code=item_code)
        _check_service_object(version, applicant["applicant_kind"])
        case = Case.objects.create(
            item_version=version,
            department=version.service_item.department,
            applicant_user=user,
            form_data=dict(form_data),
            **applicant,
        )
        actor = Actor(user_id=user.pk, role="applicant")
        _event(case, kind="draft", actor=actor, from_status="")
        audit_record(actor=actor, action="case.draft", subject=case_ref(case), detail={"item": item_code})
        idempotency.remember(user_id=user.pk, scope="case_draft", key=idempotency_key, case=case, request_digest=body)
    return case


def case_material_upload(
    *,
    user: Any,
    case_id: int,
    requirement_id: int,
    stream: IO[bytes],
    filename: str,
) -> CaseMaterial:
    """Attach an uploaded file to a draft (or to a case awaiting supplement).

    The type is sniffed from the content; the requirement's size limit and types apply; the SM3
    digest is recorded; the file lives in private storage. Nothing is kept on any error.
    """
    # Only the applicant's own case: checked before the scan, so nobody else's upload is scanned,
    # quarantined or audited against this case (the locked check below still decides).
    if not Case.objects.filter(pk=case_id, applicant_user_id=user.pk).exists():
        raise NotFound(_("办件不存在。"), code="case.not_found")
    # Scanned before the transaction (no locks held while ClamAV works); raises file.quarantined.
    stream = scan_upload(stream=stream, user_id=user.pk, case_id=case_id, requirement_id=requirement_id)
    with transaction.atomic():
        case = _lock(case_id)
        if case.applicant_user_id != user.pk:
            raise NotFound(_("办件不存在。"), code="case.not_found")
        if case.status not in (CaseStatus.DRAFT, CaseStatus.SUPPLEMENT_REQUESTED):
            raise _wrong_state(case, _("上传材料"))
        requirement = next((m for m in _version(case).materials.all() if m.pk == requirement_id), None)
        if requirement is None:
            raise ValidationFailed(_("该事项没有这项材料。"), code="case.unknown_requirement", field="requirement")
        limit = requirement.max_size_mb * 1024 * 1024
        head = stream.read(8)
        buffered = BytesIO(head)
        try:
            stored = file_store(stream=_chain(head, stream), namespace="materials", max_bytes=limit)
        except FileTooLarge:
            raise FileTooLarge(
                _("文件超过该材料的大小上限（%(limit)d MB），请压缩后重新上传。"),
                code="file.too_large",
                field="file",
                params={"limit": requirement.max_size_mb},
            ) from None
        try:
            with file_open(key=stored.key) as handle:
                kind = check_upload(head=buffered.getvalue(), stream=handle, allowed=requirement.file_types)
            material = CaseMaterial.objects.create(
                case=case,
                requirement=requirement,
                source=MaterialSource.UPLOAD,
                file_key=stored.key,
                display_name=safe_display_name(filename, kind),
                content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
                size=stored.size,
                sm3=stored.sm3,
                uploaded_by=user,
            )
            audit_record(
                actor=Actor(user_id=user.pk, role="applicant"),
                action="case.material_upload",
                subject=case_ref(case),
                after={"sm3": stored.sm3, "size": stored.size},
                detail={"requirement": requirement.pk, "type": kind},
            )
        except BaseException:
            file_delete(key=stored.key)  # the row is rolled back; do not leave the file behind
            raise
    return material


def _chain(head: bytes, rest: IO[bytes]) -> Iterable[bytes]:
    if head:
        yield head
    while chunk := rest.read(64 * 1024):
        yield chunk


def case_material_remove(*, user: Any, case_id: int, material_id: int) -> None:
    with transaction.atomic():
        case = _lock(case_id)
        if case.applicant_user_id != user.pk:
            raise NotFound(_("办件不存在。"), code="case.not_found")
        if case.status not in (CaseStatus.DRAFT, CaseStatus.SUPPLEMENT_REQUESTED):
            raise _wrong_state(case, _("删除材料"))
        material = CaseMaterial.objects.filter(pk=material_id, case=case).first()
        if material is None:
            raise NotFound(_("材料不存在。"), code="case.material_not_found")
        key = material.file_key
        material.delete()
        audit_record(
            actor=Actor(user_id=user.pk, role="applicant"),
            action="case.material_remove",
            subject=case_ref(case),
            detail={"requirement": material.requirement_id},
        )
        if key:
            transaction.on_commit(lambda: file_delete(key=key))


def _resolve_reusable_materials(
    case: Case, requirements: list[Any] | None = None, have: set[int] | None = None
) -> list[CaseMaterial]:
    """免提交: let registered resolvers (licences, shared data) satisfy requirements that have no
    upload yet. Runs at submission, inside its transaction. ``requirements`` and ``have`` (the
    requirement ids already supplied) when the caller has read them. Returns the rows added."""
    if have is None:
        have = set(case.materials.values_list("requirement_id", flat=True))
    subject_id = case.applicant_organization_id or case.applicant_person_id
    added = []
    for requirement in _version(case).materials.all() if requirements is None else requirements:
        if requirement.pk in have or not (
            requirement.satisfied_by_license_type or requirement.satisfied_by_data_resource
        ):
            continue
        for resolver in hooks.material_resolvers:
            resolution = resolver(requirement, case.applicant_user_id, case.applicant_kind, subject_id)
            if resolution is not None:
                added.append(
                    CaseMaterial.objects.create(
                        case=case,
                        requirement=requirement,
                        source=resolution.source,
                        reference=resolution.reference,
                        display_name=resolution.label[:120],
                    )
                )
                break
    return added


def submission_materials(case: Case) -> tuple[list[Any], list[str]]:
    """At submission, inside its transaction: the required materials still missing after the
    免提交 resolvers ran, and the SM3 digests of every material supplied (sorted)."""
    supplied = [(m["requirement_id"], m["sm3"]) for m in case_material_rows(case_id=case.pk)]
    have = {requirement_id for requirement_id, _sm3 in supplied}
    requirements = catalog.version_requirements(version=_version(case))
    resolved = _resolve_reusable_materials(case, requirements, have)
    have |= {material.requirement_id for material in resolved}
    return _missing(requirements, have), sorted([sm3 for _r, sm3 in supplied] + [m.sm3 for m in resolved])


def _missing_materials_error(missing: list[Any]) -> ValidationFailed:
    return ValidationFailed(
        _("还缺少%(count)d项必要材料：%(names)s。"),
        code="case.materials_missing",
        params={"count": len(missing), "names": "、".join(m.name for m in missing)},
        errors=[{"field": f"material-{m.pk}", "message": m.name} for m in missing],
    )


def missing_materials(case: Case) -> list[Any]:
    """Required materials with nothing supplied (for a bundle: over all its child cases)."""
    if case.kind == CaseKind.BUNDLE:
        return [m for child in case.children.order_by("pk") for m in missing_materials(child)]
    have = set(case.materials.values_list("requirement_id", flat=True))
    return _missing(_version(case).materials.all(), have)


def _missing(requirements: Iterable[Any], have: set[int]) -> list[Any]:
    """The required ones of ``requirements`` whose id is not in ``have`` (supplied)."""
    return [m for m in requirements if m.necessity == "required" and m.pk not in have]


def _next_number(case: Case) -> str:
    code = _version(case).service_item.code if case.bundle is None else case.bundle.code
    today = _today()
    prefix = f"{code}:{today:%Y%m%d}"
    # One statement: create the day's counter or move it on, and read the new value. The row
    # stays locked until the transaction ends, so serials are unique and, with rollbacks, the
    # gaps are only those of cases that were never numbered.
    table = connection.ops.quote_name(CaseNumberCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, value) VALUES (%s, 1) "  # noqa: S608 (table name only)
            f"ON CONFLICT (prefix) DO UPDATE SET value = {table}.value + 1 RETURNING value",
            [prefix],
        )
        serial = int(cursor.fetchone()[0])
    return str(settings.GOVHALL_CASE_NUMBER_FORMAT).format(code=code, date=f"{today:%Y%m%d}", serial=serial)


def _request_digest(case: Case, material_digests: list[str]) -> str:
    """What was submitted: the form, the item version and the materials' SM3 digests (sorted)."""
    return idempotency.digest({"form": case.form_data, "item": case.item_version_id, "materials": material_digests})


def case_submit(*, user: Any, case_id: int, idempotency_key: str | None = None) -> Case:
    """Submit a draft: validate the form and materials, number the case, start the acceptance
    clock. With an ``idempotency_key`` a retry or double click returns the same case; the same key
    with a different draft is refused (``idempotency.mismatch``)."""
    idempotency_key = idempotency.check_key(idempotency_key)
    with transaction.atomic():
        case = _lock(case_id)
        if case.applicant_user_id != user.pk:
            raise NotFound(_("办件不存在。"), code="case.not_found")
        previous = idempotency.replay(user_id=user.pk, scope="case_submit", key=idempotency_key, case_id=case.pk)
        if previous is not None:
            return previous
        if case.status != CaseStatus.DRAFT:
            raise _wrong_state(case, _("提交"))
        bundles.refuse_child_action(case, _("提交"))  # [bundles] submitted with case_bundle_submit
        # [handlers, mandates] a revoked handler grant or mandate stops the submission (row-locked)
        accounts.acting_authorize(
            user=user,
            organization_id=case.applicant_organization_id,
            mandate_id=case.mandate_id,
            item_code=_version(case).service_item.code,
        )
        # Publishing a new version retires the old one: only a published version is current.
        if _version(case).status != catalog.VersionStatus.PUBLISHED:
            raise Conflict(
                _("该事项的办事指南已更新或停止办理，请按最新指南重新填写申请。"), code="case.version_outdated"
            )
        check_realname_level(user=user, version=_version(case))
        problems = form_problems(_version(case).form_schema, case.form_data)
        if problems:
            raise ValidationFailed(
                _("申请表有%(count)d处需要修改。"),
                code="case.form_invalid",
                params={"count": len(problems)},
                errors=problems,
            )
        missing, material_digests = submission_materials(case)
        if missing:
            raise _missing_materials_error(missing)
        digest = _request_digest(case, material_digests)
        now = timezone.now()
        number = _next_number(case)
        actor = Actor(user_id=user.pk, role="applicant")
        case = _move(
            case,
            allowed={CaseStatus.DRAFT},
            to=CaseStatus.SUBMITTED,
            actor=actor,
            action_label=_("提交"),
            kind="submit",
            number=number,
            submitted_at=now,
            acceptance_due=_due_or_none(local_date(now), ACCEPTANCE_LIMIT_WORKING_DAYS),
        )
        idempotency.remember(
            user_id=user.pk, scope="case_submit", key=idempotency_key, case=case, request_digest=digest
        )
    return case


def _due_or_none(
    start: dt.date,
    days: int,
    stops: Iterable[tuple[dt.date, dt.date]] = (),
    calendar: WorkingCalendar | None = None,
) -> dt.date | None:
    """A deadline, or ``None`` while the holiday calendar for a year it reaches is not loaded.
    ``calendar``: one shared by several deadlines of the same moment (the overrides are read once).

    Never guesses: the deadline sweep fills it in once an admin loads the official calendar."""
    try:
        if calendar is None:
            return add_working_days(start, days, stops=list(stops))
        return calendar.add_working_days(start, days, stops=list(stops))
    except ConfigurationError:
        return None


def _statutory_and_promised(
    start: dt.date, statutory_days: int, promised_days: int, stops: list[tuple[dt.date, dt.date]]
) -> dict[str, Any]:
    # One calendar for both, the longer period first: its read covers the shorter one's days.
    calendar = WorkingCalendar()
    statutory = _due_or_none(start, statutory_days, stops, calendar)
    return {"statutory_due": statutory, "promised_due": _due_or_none(start, promised_days, stops, calendar)}


# --- acceptance -----------------------------------------------------------------------------


def _stops(case: Case) -> list[tuple[dt.date, dt.date]]:
    result = []
    for suspension in case.suspensions.all():
        end = suspension.ended_on or max(suspension.expected_end, _today())
        result.append((suspension.started_on, end))
    return result


def _decision_dues(case: Case) -> dict[str, Any]:
    # [bundles] a 一件事 runs on the bundle's joint limits; its children share the bundle's clock.
    if case.kind == CaseKind.BUNDLE and case.bundle is not None and case.accepted_at is not None:
        limits = (case.bundle.statutory_limit + case.extension_days, case.bundle.promised_limit)
        return _statutory_and_promised(local_date(case.accepted_at), *limits, _stops(case))
    if case.kind == CaseKind.CHILD and case.parent is not None:
        return {"statutory_due": case.parent.statutory_due, "promised_due": case.parent.promised_due}
    # [/bundles]
    version = case.item_version
    if version is None or case.accepted_at is None:
        return {"statutory_due": None, "promised_due": None}
    start = local_date(case.accepted_at)
    stops = _stops(case)
    if version.limit_unit == "natural_days":
        stopped = sum((b - a).days + 1 for a, b in stops)
        return {
            "statutory_due": start + dt.timedelta(days=version.statutory_limit + case.extension_days + stopped),
            "promised_due": start + dt.timedelta(days=version.promised_limit + stopped),
        }
    return _statutory_and_promised(start, version.statutory_limit + case.extension_days, version.promised_limit, stops)


def case_accept(*, actor: Actor, case_id: int, deemed: bool = False, note: str = "") -> Case:
    """受理: start the decision clock and the item's review process.

    Acceptance checks registered by other apps (credit) may object; their reasons are returned
    as ``case.acceptance_blocked``. ``deemed`` records 逾期视为受理 (accepted as of submission)."""
    with transaction.atomic():
        case = _lock(case_id)
        if case.status != CaseStatus.SUBMITTED:
            raise _wrong_state(case, _("受理"))
        bundles.refuse_child_action(case, _("受理"))  # [bundles]
        objections = [reason for check in hooks.acceptance_checks for reason in check(case_info(case))]
        if objections and not deemed:
            raise Conflict(
                _("受理前核查未通过：%(reasons)s"),
                code="case.acceptance_blocked",
                params={"reasons": "；".join(objections)},
            )
        accepted_at = case.submitted_at if deemed else timezone.now()
        case.accepted_at = accepted_at
        dues = _decision_dues(case)
        case = _move(
            case,
            allowed={CaseStatus.SUBMITTED},
            to=CaseStatus.IN_REVIEW,
            actor=actor,
            action_label=_("受理"),
            kind="deemed_accept" if deemed else "accept",
            note=note,
            accepted_at=accepted_at,
            deemed_accepted=deemed,
            **dues,
        )
        # [bundles] the children are accepted with the bundle (same time, the bundle's deadlines)
        bundles.children_follow(
            case,
            kind="deemed_accept" if deemed else "accept",
            actor=actor,
            note=note,
            accepted_at=accepted_at,
            deemed_accepted=deemed,
            statutory_due=case.statutory_due,
            promised_due=case.promised_due,
        )
        from govhall.cases import routing

        routing.start(case, actor=actor)
    return case


def case_refuse(*, actor: Actor, case_id: int, reason: str, legal_basis: str) -> Case:
    """不予受理, with the reason, its legal basis and the applicant's rights (行政许可法 第三十二条)."""
    _require_text(reason, "reason", _("请写明不予受理的理由。"))
    _require_text(legal_basis, "legal_basis", _("请写明不予受理的法律依据。"))
    with transaction.atomic():
        case = _lock(case_id)
        bundles.refuse_child_action(case, _("不予受理"))  # [bundles]
        updates: dict[str, Any] = {
            "refusal_reason": reason,
            "refusal_legal_basis": legal_basis,
            "completed_at": timezone.now(),
        }
        case = _move(
            case,
            allowed={CaseStatus.SUBMITTED},
            to=CaseStatus.REFUSED,
            actor=actor,
            action_label=_("不予受理"),
            kind="refuse",
            note=reason,
            **updates,
        )
        bundles.children_follow(case, kind="refuse", actor=actor, note=reason, **updates)  # [bundles]
        return case


def _require_text(value: str, field: str, message: Any) -> None:
    if not value or not value.strip():
        raise ValidationFailed(message, code=f"case.{field}_required", field=field)


def case_request_supplement(*, actor: Actor, case_id: int, items: list[dict[str, Any]], note: str = "") -> Case:
    """一次性告知补正: list everything missing at once; only one open request per case, and only
    within the acceptance period (after it, the case already counts as accepted)."""
    cleaned = [
        {
            "requirement_id": item.get("requirement_id"),
            "name": str(item.get("name", ""))[:200],
            "note": str(item.get("note", ""))[:500],
        }
        for item in items
        if str(item.get("name", "")).strip()
    ]
    if not cleaned:
        raise ValidationFailed(_("请列出需要补正的全部材料或内容。"), code="case.supplement_empty", field="items")
    with transaction.atomic():
        case = _lock(case_id)
        if case.status != CaseStatus.SUBMITTED:
            raise _wrong_state(case, _("要求补正"))
        if case.acceptance_due and _today() > case.acceptance_due:
            raise Conflict(_("已超过受理期限，依法视为受理，不能再要求补正。"), code="case.supplement_too_late")
        try:
            with transaction.atomic():
                SupplementRequest.objects.create(case=case, items=cleaned, note=note, requested_by_id=_staff_id(actor))
        except IntegrityError:
            raise Conflict(_("该办件已有待补正的通知。"), code="case.supplement_open") from None
        bundles.refuse_child_action(case, _("要求补正"))
        case = _move(
            case,
            allowed={CaseStatus.SUBMITTED},
            to=CaseStatus.SUPPLEMENT_REQUESTED,
            actor=actor,
            action_label=_("要求补正"),
            kind="supplement_request",
            note=note,
            data={"items": cleaned},
        )
        bundles.children_follow(case, kind="supplement_request", actor=actor, note=note)  # uploads reopen
        return case


def case_resubmit(*, user: Any, case_id: int) -> Case:
    """The applicant answered the supplement notice: the acceptance clock restarts."""
    with transaction.atomic():
        case = _lock(case_id)
        if case.applicant_user_id != user.pk:
            raise NotFound(_("办件不存在。"), code="case.not_found")
        missing = missing_materials(case)
        if missing:
            raise _missing_materials_error(missing)
        SupplementRequest.objects.filter(case=case, responded_at__isnull=True).update(responded_at=timezone.now())
        now = timezone.now()
        bundles.refuse_child_action(case, _("提交补正材料"))
        due = _due_or_none(local_date(now), ACCEPTANCE_LIMIT_WORKING_DAYS)
        actor = Actor(user_id=user.pk, role="applicant")
        case = _move(
            case,
            allowed={CaseStatus.SUPPLEMENT_REQUESTED},
            to=CaseStatus.SUBMITTED,
            actor=actor,
            action_label=_("提交补正材料"),
            kind="resubmit",
            acceptance_due=due,
        )
        bundles.children_follow(case, kind="resubmit", actor=actor, acceptance_due=due)
        return case


def case_withdraw(*, user: Any, case_id: int, reason: str = "") -> Case:
    """The applicant withdraws before the decision; the review process is cancelled."""
    with transaction.atomic():
        case = _lock(case_id)
        if case.applicant_user_id != user.pk:
            raise NotFound(_("办件不存在。"), code="case.not_found")
        actor = Actor(user_id=user.pk, role="applicant")
        bundles.refuse_child_action(case, _("撤回"))  # [bundles]
        was_in_review = case.status in (CaseStatus.IN_REVIEW, CaseStatus.SUSPENDED)
        case = _move(
            case,
            allowed=WITHDRAWABLE_STATUSES,
            to=CaseStatus.WITHDRAWN,
            actor=actor,
            action_label=_("撤回"),
            kind="withdraw",
            note=reason[:500],
            withdrawn_at=timezone.now(),
        )
        bundles.children_follow(case, kind="withdraw", actor=actor, note=reason[:500], withdrawn_at=case.withdrawn_at)
        if was_in_review:
            from govhall.cases import routing

            routing.cancel(case, actor=actor)
    return case


# --- during review --------------------------------------------------------------------------


def case_suspend(*, actor: Actor, case_id: int, reason: str, expected_end: dt.date, note: str = "") -> Case:
    """特别程序: stop the clock for a hearing, inspection, testing, expert review …"""
    if reason not in SuspensionReason.values:
        raise ValidationFailed(_("请选择特别程序事由。"), code="case.suspension_reason", field="reason")
    today = _today()
    if expected_end < today:
        raise ValidationFailed(_("预计结束日期不能早于今天。"), code="case.suspension_dates", field="expected_end")
    with transaction.atomic():
        case = _lock(case_id)
        if case.status != CaseStatus.IN_REVIEW:
            raise _wrong_state(case, _("进入特别程序"))
        Suspension.objects.create(
            case=case,
            reason=reason,
            note=note[:500],
            started_on=today,
            expected_end=expected_end,
            created_by_id=_staff_id(actor),
        )
        return _move(
            case,
            allowed={CaseStatus.IN_REVIEW},
            to=CaseStatus.SUSPENDED,
            actor=actor,
            action_label=_("进入特别程序"),
            kind="suspend",
            note=note,
            data={"reason": reason, "expected_end": expected_end.isoformat()},
        )


def case_resume(*, actor: Actor, case_id: int) -> Case:
    """End the special procedure; the deadlines move by the days it lasted."""
    with transaction.atomic():
        case = _lock(case_id)
        if case.status != CaseStatus.SUSPENDED:
            raise _wrong_state(case, _("结束特别程序"))
        Suspension.objects.filter(case=case, ended_on__isnull=True).update(ended_on=_today())
        case.refresh_from_db()
        dues = _decision_dues(case)
        return _move(
            case,
            allowed={CaseStatus.SUSPENDED},
            to=CaseStatus.IN_REVIEW,
            actor=actor,
            action_label=_("结束特别程序"),
            kind="resume",
            **dues,
        )


def case_extend(*, actor: Actor, case_id: int, reason: str) -> Case:
    """延期: once, 10 working days (15 for joint handling), with the recorded reason."""
    _require_text(reason, "reason", _("请写明延期理由。"))
    with transaction.atomic():
        case = _lock(case_id)
        if case.status not in (CaseStatus.IN_REVIEW, CaseStatus.SUSPENDED):
            raise _wrong_state(case, _("延期"))
        if case.extension_days:
            raise Conflict(_("依法只能延期一次，该办件已经延期。"), code="case.already_extended")
        days = JOINT_EXTENSION_WORKING_DAYS if case.kind == CaseKind.BUNDLE else EXTENSION_WORKING_DAYS
        case.extension_days = days
        dues = _decision_dues(case)
        return _move(
            case,
            allowed={CaseStatus.IN_REVIEW, CaseStatus.SUSPENDED},
            to=case.status,
            actor=actor,
            action_label=_("延期"),
            kind="extend",
            note=reason,
            extension_days=days,
            extension_reason=reason[:500],
            statutory_due=dues["statutory_due"],
        )


def case_decide(
    *,
    actor: Actor,
    case_id: int,
    decision: str,
    reason: str,
    legal_basis: str = "",
    from_workflow: bool = False,
    idempotency_key: str | None = None,
) -> Case:
    """准予 / 不予许可. Exactly one decision per case, whoever clicks first; a denial records the
    reason, its legal basis and the applicant's rights (行政许可法 第三十八条). With an
    ``idempotency_key`` the decider's retry returns the decided case instead of a conflict."""
    idempotency_key = idempotency.check_key(idempotency_key)
    if decision not in Decision.values:
        raise ValidationFailed(_("请选择准予或不予许可。"), code="case.decision_invalid", field="decision")
    _require_text(reason, "reason", _("请写明决定理由。"))
    if decision == Decision.DENIED:
        _require_text(legal_basis, "legal_basis", _("不予许可须写明法律依据。"))
    with transaction.atomic():
        case = _lock(case_id)
        previous = idempotency.replay(user_id=actor.user_id, scope="case_decide", key=idempotency_key, case_id=case.pk)
        if previous is not None:
            return previous
        bundles.refuse_child_action(case, _("作出决定"))  # [bundles]
        case = _move(
            case,
            allowed={CaseStatus.IN_REVIEW},
            to=CaseStatus.DECIDED,
            actor=actor,
            action_label=_("作出决定"),
            kind="decide",
            note=reason,
            data={"decision": decision},
            decision=decision,
            decision_reason=reason,
            decision_legal_basis=legal_basis,
            decided_at=timezone.now(),
            decided_by_id=actor.user_id,
        )
        if not from_workflow:
            from govhall.cases import routing

            routing.complete_decision(case, actor=actor, decision=decision, reason=reason)
        idempotency.remember(user_id=actor.user_id, scope="case_decide", key=idempotency_key, case=case)
        children = bundles.decide_children(case, actor=actor)  # [bundles] decided together with the bundle
        for decided in (case, *children):
            for reaction in hooks.on_decision:
                reaction(case_info(decided))
    return case


def case_review(*, actor: Actor, case_id: int, work_item_id: int, opinion: str, recommendation: str) -> Case:
    """A reviewer finishes their review step (审核/初审/复审/并联审查) with an opinion."""
    _require_text(opinion, "opinion", _("请填写审查意见。"))
    if recommendation not in ("approve", "reject"):
        raise ValidationFailed(_("请选择审查建议。"), code="case.recommendation", field="recommendation")
    with transaction.atomic():
        case = _lock(case_id)
        if case.status != CaseStatus.IN_REVIEW:
            raise _wrong_state(case, _("提交审查意见"))
        from govhall.cases import routing

        routing.complete_review(
            case,
            actor=actor,
            work_item_id=work_item_id,
            outcome={"opinion": opinion[:1000], "recommendation": recommendation},
        )
        _event(
            case,
            kind="review",
            actor=actor,
            from_status=case.status,
            note=opinion[:1000],
            data={"recommendation": recommendation},
        )
        audit_record(
            actor=actor,
            action="case.review",
            subject=case_ref(case),
            detail={"work_item": work_item_id, "recommendation": recommendation},
        )
    return case


def case_complete(*, actor: Actor, case_id: int, note: str = "") -> Case:
    """办结: the result has been produced (licence issued or denial served)."""
    with transaction.atomic():
        case = _lock(case_id)
        bundles.refuse_child_action(case, _("办结"))  # [bundles]
        case = _move(
            case,
            allowed={CaseStatus.DECIDED},
            to=CaseStatus.COMPLETED,
            actor=actor,
            action_label=_("办结"),
            kind="complete",
            note=note,
            completed_at=timezone.now(),
        )
        children = bundles.children_follow(
            case, kind="complete", actor=actor, note=note, completed_at=case.completed_at
        )
        for completed in (case, *children):  # [bundles] the children complete with the bundle
            for reaction in hooks.on_completion:
                reaction(case_info(completed))
    return case


# --- the periodic sweep ---------------------------------------------------------------------


def case_deadline_sweep(*, today: dt.date | None = None) -> dict[str, int]:
    """Apply 逾期不告知视为受理, fill in deadlines that waited for a calendar, flag overdue cases.

    Idempotent; each case is handled in its own transaction so one failure does not stop the rest.
    """
    today = today or _today()
    system = Actor.system("deadline-sweep")
    counts = {"deemed_accepted": 0, "overdue": 0, "dues_filled": 0}
    for case_id in Case.objects.filter(status=CaseStatus.SUBMITTED, acceptance_due__lt=today).values_list(
        "pk", flat=True
    ):
        try:
            case_accept(
                actor=system, case_id=case_id, deemed=True, note=str(_("受理期限届满未告知补正，依法视为受理。"))
            )
            counts["deemed_accepted"] += 1
        except Conflict:
            continue  # a clerk acted first
    for case in Case.objects.filter(
        status=CaseStatus.SUBMITTED, acceptance_due__isnull=True, submitted_at__isnull=False
    ):
        if case.submitted_at is None:
            continue
        due = _due_or_none(local_date(case.submitted_at), ACCEPTANCE_LIMIT_WORKING_DAYS)
        if due and Case.objects.filter(pk=case.pk, acceptance_due__isnull=True).update(acceptance_due=due):
            counts["dues_filled"] += 1
    active = (CaseStatus.IN_REVIEW, CaseStatus.SUSPENDED)
    for case in Case.objects.filter(status__in=active, statutory_due__isnull=True, accepted_at__isnull=False):
        assert case.accepted_at is not None
        dues = _decision_dues(case)
        if dues["statutory_due"] and Case.objects.filter(pk=case.pk, statutory_due__isnull=True).update(**dues):
            counts["dues_filled"] += 1
    with transaction.atomic():
        overdue = Case.objects.filter(status=CaseStatus.IN_REVIEW, statutory_due__lt=today, overdue=False)
        ids = list(overdue.values_list("pk", flat=True))
        for case_id in ids:
            if Case.objects.filter(pk=case_id, overdue=False).update(overdue=True):
                audit_record(actor=system, action="case.overdue", subject=case_ref(case_id))
                counts["overdue"] += 1
    return counts


def case_intake(
    *,
    actor: Actor,
    item_code: str,
    form_data: Mapping[str, Any],
    checked_requirement_ids: Iterable[int],
    person_id: int | None = None,
    organization_id: int | None = None,
) -> Case:
    """一窗受理: a window clerk files a case for a walk-in applicant and accepts it on the spot.

    The clerk has checked the paper originals of ``checked_requirement_ids``; every required
    material must be among them. The case is numbered, submitted and accepted in one transaction
    (channel ``window``, ``submitted_by`` the clerk)."""
    clerk_id = _staff_id(actor)
    version = catalog.published_version(code=item_code)
    if version is None:
        raise NotFound(_("事项不存在或已停用。"), code="catalog.item_not_found")
    if actor.department_id is not None and version.service_item.department_id != actor.department_id:
        raise NotFound(_("事项不存在或已停用。"), code="catalog.item_not_found")
    if (person_id is None) == (organization_id is None):
        raise ValidationFailed(_("请选择申请人（自然人或法人之一）。"), code="case.applicant_kind", field="applicant")
    applicant: dict[str, Any]
    if organization_id is not None:
        org = accounts.organization_get(organization_id=organization_id)
        if org is None:
            raise ValidationFailed(_("法人不存在。"), code="case.applicant_unknown", field="applicant")
        applicant = {
            "applicant_kind": ApplicantKind.ORGANIZATION,
            "applicant_organization": org,
            "applicant_person": org.legal_representative,
            "applicant_name": org.name,
            "applicant_user": None,
        }
    else:
        person = accounts.person_get(person_id=person_id or 0)
        if person is None:
            raise ValidationFailed(_("申请人不存在，请先登记。"), code="case.applicant_unknown", field="applicant")
        applicant = {
            "applicant_kind": ApplicantKind.PERSON,
            "applicant_person": person,
            "applicant_name": person.real_name,
            "applicant_user": person.user,
        }
    _check_service_object(version, applicant["applicant_kind"])
    problems = form_problems(version.form_schema, dict(form_data))
    if problems:
        raise ValidationFailed(
            _("申请表有%(count)d处需要修改。"),
            code="case.form_invalid",
            params={"count": len(problems)},
            errors=problems,
        )
    checked = set(checked_requirement_ids)
    requirements = list(version.materials.all())
    missing = [m for m in requirements if m.necessity == "required" and m.pk not in checked]
    if missing:
        raise _missing_materials_error(missing)
    with transaction.atomic():
        case = Case.objects.create(
            item_version=version,
            department=version.service_item.department,
            channel=Channel.WINDOW,
            submitted_by_id=clerk_id,
            form_data=dict(form_data),
            **applicant,
        )
        for requirement in requirements:
            if requirement.pk in checked:
                CaseMaterial.objects.create(
                    case=case,
                    requirement=requirement,
                    source=MaterialSource.PAPER,
                    reference=str(_("窗口已核验原件")),
                    display_name=requirement.name[:120],
                    uploaded_by_id=clerk_id,
                )
        _event(case, kind="intake", actor=actor, from_status="")
        now = timezone.now()
        case = _move(
            case,
            allowed={CaseStatus.DRAFT},
            to=CaseStatus.SUBMITTED,
            actor=actor,
            action_label=_("提交"),
            kind="submit",
            number=_next_number(case),
            submitted_at=now,
            acceptance_due=_due_or_none(local_date(now), ACCEPTANCE_LIMIT_WORKING_DAYS),
        )
        return case_accept(actor=actor, case_id=case.pk, note=str(_("窗口当场受理")))


def case_demo_backdate(*, case_id: int, working_days: int) -> None:
    """Demo fixture only (refused in production): pretend a case was accepted ``working_days`` ago,
    so the demo shows an overdue case. Real cases only ever move forward in time."""
    if settings.PRODUCTION:
        raise PermissionDenied(_("生产环境不允许修改办件时间。"), code="case.demo_only")
    case = Case.objects.select_related("item_version").get(pk=case_id)
    version = _version(case)
    start = _today() - dt.timedelta(days=working_days * 7 // 5 + 2)
    accepted = timezone.make_aware(dt.datetime.combine(start, dt.time(9, 30)))
    Case.objects.filter(pk=case_id).update(
        submitted_at=accepted,
        accepted_at=accepted,
        acceptance_due=_due_or_none(start, ACCEPTANCE_LIMIT_WORKING_DAYS),
        statutory_due=_due_or_none(start, version.statutory_limit),
        promised_due=_due_or_none(start, version.promised_limit),
    )


def case_material_access_record(
    *, actor: Actor, case_id: int, material_id: int, requirement_id: int, inline: bool
) -> None:
    """Audit a staff member opening an applicant's uploaded file (view or download)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="case.material_view" if inline else "case.material_download",
            subject=case_ref(case_id),
            detail={"material": material_id, "requirement": requirement_id},
        )
