"""One-window intake (一窗受理) in the staff workbench: a window clerk files a case for a walk-in
applicant, after checking the paper originals.

Who: staff holding window_clerk; only items published by the departments where they hold it
(another department's item is "not found"). The applicant is found by ID number (person) or unified
social credit code (organisation) through the accounts facade; the typed ID number is never sent
back to the screen — the page shows the masked number and keeps a signed reference to the person.

Filing calls ``cases.facade.case_intake``: the case is created on the window channel, its
materials recorded as checked paper originals, then submitted and accepted at once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govhall.accounts import facade as accounts
from govhall.accounts.facade import Role, staff_required
from govhall.cases import facade as cases
from govhall.catalog import facade as catalog
from govhall.core import facade as core
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError, NotFound
from govhall.workbench.forms import IntakeForm, IntakeSearchForm

APPLICANT_SALT = "workbench.intake.applicant"
APPLICANT_TOKEN_SECONDS = 30 * 60


def _clerk_departments(user: Any) -> set[int]:
    return cases.staff_departments(user=user, roles=(Role.WINDOW_CLERK,))


def _intake_items(department_ids: set[int], query: str) -> list[Any]:
    """Published items of the clerk's departments whose name or code contains ``query``."""
    found: list[Any] = []
    for department_id in sorted(department_ids):
        found.extend(catalog.published_items(filters=catalog.ItemFilters(department_id=department_id)))
    needle = query.strip().lower()
    if needle:
        found = [v for v in found if needle in v.name.lower() or needle in v.service_item.code.lower()]
    return found


@staff_required(roles=(Role.WINDOW_CLERK,))
@require_GET
def intake(request: HttpRequest) -> HttpResponse:
    """窗口受理, step 1: choose the item among the published items of the clerk's departments."""
    form = IntakeSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    items = _intake_items(_clerk_departments(request.user), query)
    return render(request, "workbench/cases/intake.html", {"form": form, "items": items[:200], "total": len(items)})


def _applicant_kinds(version: Any) -> list[tuple[str, str]]:
    person = (str(cases.ApplicantKind.PERSON), str(cases.ApplicantKind.PERSON.label))
    organization = (str(cases.ApplicantKind.ORGANIZATION), str(cases.ApplicantKind.ORGANIZATION.label))
    return {"person": [person], "enterprise": [organization]}.get(version.service_object, [person, organization])


def _intake_form(version: Any, data: Any = None) -> IntakeForm:
    return IntakeForm(
        data,
        applicant_kinds=_applicant_kinds(version),
        requirements=[(m.pk, m.name, m.necessity == "required") for m in version.materials.all()],
        schema=version.form_schema or {},
    )


@dataclass(frozen=True)
class Applicant:
    kind: str
    pk: int
    name: str
    identifier_masked: str


def _salt(user: Any) -> str:
    # Scoped to the clerk: a reference found by one clerk means nothing in another's session.
    return f"{APPLICANT_SALT}:{user.pk}"


def _applicant_from_token(token: str, user: Any) -> Applicant | None:
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_salt(user), max_age=APPLICANT_TOKEN_SECONDS)
    except signing.BadSignature:
        return None
    return Applicant(**data)


def _applicant_token(applicant: Applicant, user: Any) -> str:
    return signing.dumps(asdict(applicant), salt=_salt(user))


def _find_applicant(form: IntakeForm, user: Any) -> Applicant | None:
    """Who applies: a newly typed ID number / credit code wins over the one found before. Adds a
    field error and returns ``None`` when it is malformed or unknown."""
    kind = form.cleaned_data.get("applicant_kind")
    typed_id = (form.cleaned_data.get("id_number") or "").strip()
    typed_code = (form.cleaned_data.get("credit_code") or "").strip()
    previous = _applicant_from_token(form.cleaned_data.get("applicant_token") or "", user)
    if kind == cases.ApplicantKind.ORGANIZATION:
        if not typed_code:
            if previous is not None and previous.kind == kind:
                return previous
            form.add_error("credit_code", _("请输入申请单位的统一社会信用代码。"))
            return None
        try:
            code = core.parse_credit_code(typed_code)
        except core.IdentifierError as error:
            form.add_error("credit_code", error.message)
            return None
        organization = accounts.organization_by_credit_code(credit_code=code.value)
        if organization is None:
            form.add_error("credit_code", _("未找到该统一社会信用代码对应的单位，请核对或先办理单位登记。"))
            return None
        return Applicant(kind, organization.pk, organization.name, organization.credit_code)
    if not typed_id:
        if previous is not None and previous.kind == kind:
            return previous
        form.add_error("id_number", _("请输入申请人的身份证号码。"))
        return None
    try:
        number = core.parse_id_number(typed_id)
    except core.IdentifierError as error:
        form.add_error("id_number", error.message)
        return None
    person = accounts.person_by_id_number(id_number=number.value)
    if person is None:
        form.add_error("id_number", _("未找到该身份证号码的实名信息，请先引导申请人完成实名注册。"))
        return None
    return Applicant(str(kind), person.pk, person.real_name, person.id_number_masked)


def _intake_version(request: HttpRequest, code: str) -> Any:
    version = catalog.published_version(code=code)
    if version is None or version.service_item.department_id not in _clerk_departments(request.user):
        raise NotFound(_("事项不存在。"), code="catalog.item_not_found")
    return version


@staff_required(roles=(Role.WINDOW_CLERK,))
@require_http_methods(["GET", "POST"])
def intake_item(request: HttpRequest, code: str) -> HttpResponse:
    """窗口受理, step 2: the applicant (by ID number or credit code), the application form and the
    paper originals checked; then the case is filed, submitted and accepted at once.

    ``action=lookup`` only finds the applicant (shown masked; the page keeps a signed reference,
    never the number)."""
    try:
        version = _intake_version(request, code)
    except NotFound:
        return render(
            request,
            "workbench/cases/message.html",
            {
                "title": _("事项不存在"),
                "message": _("事项不存在、未发布，或不属于您受理的部门。"),
                "back_url": reverse("workbench:intake"),
            },
            status=404,
        )
    if request.method == "GET":
        return _intake_page(request, version, _intake_form(version), None)
    form = _intake_form(version, request.POST)
    form.is_valid()  # every field's problems at once, plus the applicant's below
    applicant = _find_applicant(form, request.user)
    if request.POST.get("action") == "lookup":
        # Only the applicant was asked for: the rest of the form is not judged yet.
        for name in [n for n in form.errors if n not in ("applicant_kind", "id_number", "credit_code")]:
            del form.errors[name]
        return _intake_page(request, version, form, applicant, status=200 if applicant else 422)
    if not form.is_valid() or applicant is None:
        return _intake_page(request, version, form, applicant, status=422)
    return _file_case(request, version, form, applicant)


def _intake_page(
    request: HttpRequest,
    version: Any,
    form: IntakeForm,
    applicant: Applicant | None,
    *,
    status: int = 200,
) -> HttpResponse:
    if form.is_bound:
        # The typed ID number never comes back to the screen; the applicant found is kept as a
        # signed reference and shown masked.
        data = request.POST.copy()
        data["id_number"] = ""
        data["applicant_token"] = _applicant_token(applicant, request.user) if applicant is not None else ""
        form.data = data
    return render(
        request,
        "workbench/cases/intake_item.html",
        {
            "version": version,
            "form": form,
            "applicant": applicant,
            "kinds": {value for value, _label in _applicant_kinds(version)},
        },
        status=status,
    )


def _file_case(request: HttpRequest, version: Any, form: IntakeForm, applicant: Applicant) -> HttpResponse:
    """Call ``case_intake``: a redirect to the new case, or the page again with the service's errors."""
    actor = Actor(user_id=request.user.pk, role=Role.WINDOW_CLERK, department_id=version.service_item.department_id)
    person = applicant.kind == cases.ApplicantKind.PERSON
    who = {"person_id": applicant.pk} if person else {"organization_id": applicant.pk}
    try:
        case = cases.case_intake(
            actor=actor,
            item_code=version.service_item.code,
            form_data=form.form_data(),
            checked_requirement_ids=list(form.cleaned_data["checked_requirements"]),
            **who,
        )
    except GovhallError as error:
        _show_errors(form, error)
        return _intake_page(request, version, form, applicant, status=error.status)
    messages.success(request, _("已受理，办件编号 %(number)s。") % {"number": case.number})
    return HttpResponseRedirect(reverse("workbench:case", args=[case.pk]))


def _show_errors(form: IntakeForm, error: GovhallError) -> None:
    """A service error next to the field it names: an application-form field (``form_<name>``),
    the materials (``material-<id>``), the applicant, or the whole form."""
    for problem in error.errors:
        field = str(problem.get("field", "")) if isinstance(problem, dict) else ""
        if IntakeForm.FORM_PREFIX + field in form.fields:
            form.add_error(IntakeForm.FORM_PREFIX + field, str(problem.get("message", "")))
    field = error.field or ""
    if error.code == "case.materials_missing" or field.startswith("material"):
        target: str | None = "checked_requirements"
    elif field in ("applicant", "person_id", "organization_id", "applicant_kind"):
        organization = form.cleaned_data.get("applicant_kind") == cases.ApplicantKind.ORGANIZATION
        target = "credit_code" if organization or field == "organization_id" else "id_number"
    elif IntakeForm.FORM_PREFIX + field in form.fields:
        target = IntakeForm.FORM_PREFIX + field
    else:
        target = None
    form.add_error(target, error.message)
