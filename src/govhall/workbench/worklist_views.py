"""Case worklists (办件) in the staff workbench: the cases of the departments where the user holds a
case role, by tab — 我的待办 (process steps the user may do, in any department where they hold
the step's role: a 一件事 led by another department shows up here for its parallel reviewers),
待受理, 待补正, 审查中, 待办结, 即将到期 (within 3 working days), 已超期, 已办结.

Who: window clerks, reviewers, deciders and department admins, each seeing only their own
departments' cases (``cases.facade.staff_departments``); everyone else 403 (staff) or the sign-in
page. Due dates come from the case (acceptance, statutory and promised limits); "due soon" and
"overdue" are computed here from them, so a case shows as overdue before the periodic sweep flags it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from govhall.accounts import facade as accounts
from govhall.accounts.facade import Role, staff_required
from govhall.cases import facade as cases
from govhall.core import facade as core
from govhall.workbench import page_cache
from govhall.workbench.forms import CaseFilterForm

CASE_ROLES = (Role.WINDOW_CLERK, Role.REVIEWER, Role.DECIDER, Role.DEPARTMENT_ADMIN)
PAGE_SIZE = 30
# What a worklist row shows, orders by and flags (deadline_flags): the columns the page loads.
ROW_FIELDS = (
    "id",
    "number",
    "kind",
    "status",
    "applicant_name",
    "submitted_at",
    "acceptance_due",
    "accepted_at",
    "statutory_due",
    "promised_due",
    "overdue",
    "updated_at",
    "item_version",
    "item_version__name",
    "bundle",
    "bundle__name",
    "department",
    "department__name",
)
DUE_SOON_WORKING_DAYS = 3
S = cases.CaseStatus


@dataclass(frozen=True)
class Tab:
    key: str
    label: Any
    statuses: tuple[str, ...] = ()


TABS = (
    Tab("todo", gettext_lazy("我的待办")),
    Tab("submitted", gettext_lazy("待受理"), (S.SUBMITTED,)),
    Tab("supplement", gettext_lazy("待补正"), (S.SUPPLEMENT_REQUESTED,)),
    Tab("review", gettext_lazy("审查中"), (S.IN_REVIEW, S.SUSPENDED)),
    Tab("decided", gettext_lazy("待办结"), (S.DECIDED,)),
    Tab("due_soon", gettext_lazy("即将到期")),
    Tab("overdue", gettext_lazy("已超期")),
    Tab("closed", gettext_lazy("已办结"), (S.COMPLETED, S.REFUSED, S.WITHDRAWN)),
)
TAB_BY_KEY = {tab.key: tab for tab in TABS}


def local_today() -> dt.date:
    return core.local_date(timezone.now())


def _due_soon_until(today: dt.date) -> dt.date:
    """The last day of the "due soon" window: today plus 3 working days."""
    try:
        return core.add_working_days(today, DUE_SOON_WORKING_DAYS)
    except core.ConfigurationError:  # no holiday calendar for that year yet: count calendar days
        return today + dt.timedelta(days=DUE_SOON_WORKING_DAYS + 2)


def _overdue_q(today: dt.date) -> Q:
    """Past a time limit now: acceptance not decided in time (the sweep will deem it accepted),
    or the decision limit passed while in review (flagged by the sweep, or not yet swept)."""
    return (
        Q(status=S.SUBMITTED, acceptance_due__lt=today)
        | Q(status=S.IN_REVIEW, statutory_due__lt=today)
        | Q(status__in=[S.IN_REVIEW, S.SUSPENDED], overdue=True)
    )


def _due_soon_q(today: dt.date) -> Q:
    until = _due_soon_until(today)
    return Q(status=S.SUBMITTED, acceptance_due__range=(today, until)) | Q(
        Q(statutory_due__range=(today, until)) | Q(promised_due__range=(today, until)), status=S.IN_REVIEW
    )


def _tab_cases(tab: Tab, department_ids: set[int], today: dt.date, user_id: int, todo_ids: set[int]) -> QuerySet[Any]:
    if tab.key == "todo":  # the process steps this person may do, wherever the case is led
        return cases.cases_with_open_work(user_id=user_id, case_ids=todo_ids)
    if tab.key == "due_soon":
        return cases.department_cases(department_ids=department_ids, statuses=(S.SUBMITTED, S.IN_REVIEW)).filter(
            _due_soon_q(today)
        )
    if tab.key == "overdue":
        # every branch of _overdue_q is in one of these statuses: lets the index narrow the rows
        overdue_statuses = (S.SUBMITTED, S.IN_REVIEW, S.SUSPENDED)
        return cases.department_cases(department_ids=department_ids, statuses=overdue_statuses).filter(
            _overdue_q(today)
        )
    qs = cases.department_cases(department_ids=department_ids, statuses=tab.statuses)
    if tab.key == "closed":
        qs = qs.order_by("-updated_at", "-pk")
    return qs


def _tab_counts(department_ids: set[int], today: dt.date, todo_ids: set[int]) -> dict[str, int]:
    """The badge of every tab but 已办结: one conditional aggregate over the departments' open
    cases (instead of one COUNT per tab), plus 我的待办, which counts process steps."""
    conditions = {tab.key: Q(status__in=tab.statuses) for tab in TABS if tab.statuses and tab.key != "closed"}
    conditions["due_soon"] = _due_soon_q(today)
    conditions["overdue"] = _overdue_q(today)
    open_statuses = {status for tab in TABS if tab.key != "closed" for status in tab.statuses}
    counts = (
        cases.department_cases(department_ids=department_ids, statuses=open_statuses)
        .order_by()
        .aggregate(**{key: Count("pk", filter=condition) for key, condition in conditions.items()})
    )
    counts["todo"] = len(todo_ids)
    return {tab.key: int(counts[tab.key] or 0) for tab in TABS if tab.key != "closed"}


def deadline_flags(case: Any, today: dt.date) -> dict[str, bool]:
    """``overdue``: past a time limit now; ``past_promise``: past the promised (not the statutory) limit."""
    overdue = (
        (case.status == S.SUBMITTED and case.acceptance_due is not None and case.acceptance_due < today)
        or (case.status == S.IN_REVIEW and case.statutory_due is not None and case.statutory_due < today)
        or (case.status in (S.IN_REVIEW, S.SUSPENDED) and case.overdue)
    )
    past_promise = (
        not overdue and case.status == S.IN_REVIEW and case.promised_due is not None and case.promised_due < today
    )
    return {"overdue": overdue, "past_promise": past_promise}


# The search text (a case number or an applicant's name: personal data) never goes into a URL,
# where browser history and proxy logs would keep it. The form posts it; the session keeps it
# under a random token, which the URL carries instead (?search=…), so pages, tabs and the page
# cache work as with any other filter. The newest SEARCHES_KEPT searches of the session stay.
SEARCH_SESSION_KEY = "workbench_worklist_searches"
SEARCHES_KEPT = 10


def _search_text(request: HttpRequest) -> str | None:
    """The text of this URL's ``search`` token, "" without one, None for a token this session
    does not hold (expired, or from another session)."""
    token = request.GET.get("search", "")
    if not token:
        return ""
    return request.session.get(SEARCH_SESSION_KEY, {}).get(token)


def _search_redirect(request: HttpRequest) -> HttpResponse:
    text = (request.POST.get("q") or "").strip()[:64]
    params = {name: request.POST[name] for name in ("tab", "department") if request.POST.get(name)}
    if text:
        searches = dict(request.session.get(SEARCH_SESSION_KEY, {}))
        token = secrets.token_urlsafe(9)
        searches[token] = text
        request.session[SEARCH_SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
        params["search"] = token
    return redirect(f"{request.path}?{urlencode(params)}" if params else request.path)


@staff_required(roles=CASE_ROLES)
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    """The worklist page. Served from ``page_cache`` while nothing it shows has changed: the key
    holds the user, their roles, the query, the language and elderly mode, today's date and the
    worklist generation of every department the user holds a role in (cases there, their
    process steps, the 一件事 whose items they handle)."""
    if request.method == "POST":
        return _search_redirect(request)
    user: Any = request.user
    pairs = accounts.role_pairs(user=user)  # loaded once per request by staff_required
    department_ids = {department_id for department_id, role in pairs if role in CASE_ROLES}
    today = local_today()
    key = (
        "worklist",
        user.pk,
        user.display_name,
        tuple(sorted(pairs)),
        request.get_full_path(),
        translation.get_language(),
        request.COOKIES.get("govhall_elderly") == "1",
        today,
        _generations(request, pairs),
    )
    return page_cache.cached_page(
        request, key, lambda extra: _render_list(request, user, pairs, department_ids, today, extra)
    )


def _generations(request: HttpRequest, pairs: frozenset[tuple[int, str]]) -> tuple[tuple[int, int], ...]:
    """The worklist generations of every department the user holds a role in: as the session
    engine read them with the session and these roles (same query), or read now."""
    extra = accounts.session_extra(request, cases.WORKLIST_GENERATIONS_READ)
    preloaded = None if extra is accounts.SESSION_EXTRA_NOT_LOADED else (extra or "")
    return cases.worklist_generations(
        department_ids={department_id for department_id, _role in pairs}, preloaded=preloaded
    )


def _render_list(
    request: HttpRequest,
    user: Any,
    pairs: frozenset[tuple[int, str]],
    department_ids: set[int],
    today: dt.date,
    extra: dict[str, Any],
) -> HttpResponse:
    departments = [(d.pk, d.name) for d in accounts.department_list().filter(pk__in=department_ids)]
    search = _search_text(request)
    form = CaseFilterForm({**request.GET.dict(), "q": search or ""}, departments=departments)
    values = form.values()
    shown = {values["department"]} & department_ids if values["department"] else department_ids
    is_clerk = any(role == Role.WINDOW_CLERK for _department, role in pairs)
    tab = TAB_BY_KEY.get(request.GET.get("tab") or "") or TAB_BY_KEY["submitted" if is_clerk else "todo"]
    # The row's own columns only: an item version or a case row in full is ~100 columns to
    # build (and a form to decrypt) for each of the 30 rows.
    todo_ids = cases.case_ids_with_open_work(user_id=user.pk, pairs=pairs)
    qs = _tab_cases(tab, shown, today, user.pk, todo_ids).select_related("bundle").only(*ROW_FIELDS)
    counts = _tab_counts(shown, today, todo_ids)
    paginator = Paginator(qs, PAGE_SIZE)
    if values["q"]:
        paginator = Paginator(
            qs.filter(Q(number__icontains=values["q"]) | Q(applicant_name__icontains=values["q"])), PAGE_SIZE
        )
    elif tab.key in counts:
        # the badge counted these already: no second COUNT (我的待办 counts the cases named by
        # open steps; cases are never deleted, so each names one)
        paginator.count = counts[tab.key]
    page = paginator.get_page(request.GET.get("page"))
    # The case page's URL once, then per row by substitution (30 reversals a page otherwise).
    url = reverse("workbench:case", args=[0])[:-2]
    rows = [{"case": case, "url": f"{url}{case.pk}/", **deadline_flags(case, today)} for case in page]
    return render(
        request,
        "workbench/cases/list.html",
        {
            "form": form,
            "tabs": [(t, counts.get(t.key)) for t in TABS],
            "tab": tab,
            "page": page,
            "rows": rows,
            "several_departments": len(department_ids) > 1,
            "can_intake": is_clerk,
            "search_expired": search is None,
            "today": today,
            **extra,
        },
    )
