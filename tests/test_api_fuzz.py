"""API fuzzing: schemathesis generates requests from /api/v1/openapi.json and checks that the API
never answers with a server error and always answers as the document says (status codes,
content types, headers, bodies).

Runs against the WSGI application in-process (no server), for three callers: anonymous, a
signed-in citizen who owns a draft, and a signed-in window clerk / decider of the department —
with the session cookie and the CSRF token a browser would send, so the authenticated branches are
exercised, not only the 401s. Path parameters named ``case_id`` point at the real case in part of
the examples. Bounded: ``MAX_EXAMPLES`` per operation and caller, derandomised (reproducible).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from tests import factories
from tests.cases.conftest import (  # noqa: F401 - fixtures
    FORM_SCHEMA,
    _a_working_monday_in_2026,
    _files_in_tmp,
    basic_item,
    department,
    item,
    make_item,
)
from tests.plugins.log_scan import find_personal_data

MAX_EXAMPLES = 12
# (caller, method, status class) → count: proves the signed-in runs got past authentication.
ANSWERS: Counter[tuple[str, str, int]] = Counter()
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]

pytestmark = pytest.mark.django_db(transaction=False)


def _session(user) -> dict[str, Any]:
    client = Client()
    client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    client.get("/api/v1/health")  # nothing sets the CSRF cookie here; make one like a page would
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token, "Referer": "http://testserver/"},
    }


def _caller(kind: str, item, department) -> dict[str, Any]:  # noqa: F811
    applicant, _number = factories.citizen(name="王芳")
    draft = Client()
    draft.force_login(applicant, backend="govhall.accounts.backends.GovhallBackend")
    created = draft.post(
        "/api/v1/cases/drafts",
        {"item_code": item.service_item.code, "form_data": {"shop_name": "闽南小吃"}},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    context: dict[str, Any] = {"kind": kind, "case_id": created.json()["id"], "cookies": {}, "headers": {}}
    if kind == "citizen":
        context.update(_session(applicant))
    elif kind == "staff":
        staff = factories.staff()
        for role in (Role.WINDOW_CLERK, Role.DECIDER):
            account_services.role_grant(actor=factories.SYSTEM, user=staff, department=department, role=role)
        context.update(_session(staff))
    return context


@pytest.fixture
def anonymous(item, department):  # noqa: F811
    return _caller("anonymous", item, department)


@pytest.fixture
def citizen(item, department):  # noqa: F811
    return _caller("citizen", item, department)


@pytest.fixture
def staff(item, department):  # noqa: F811
    return _caller("staff", item, department)


# Loaded at import (pytest-django has set Django up by then); the OpenAPI view needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _exercise(case, caller: dict[str, Any]) -> None:
    generated = (case.path_parameters or {}).get("case_id")
    if isinstance(generated, int) and generated % 2 == 0:
        case.path_parameters["case_id"] = caller["case_id"]
    if find_personal_data(f"{case.path_parameters} {case.query}"):
        # A generated number that happens to be a valid ID or mobile number would reach the URL
        # and the access log: the log scan (rightly) counts that, so such an example is not sent.
        return
    # Calling the WSGI handler directly fires request_started/finished, whose receiver would close
    # the database connection of the test's transaction; django.test.Client avoids it the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = case.call(headers=caller["headers"], cookies=caller["cookies"])
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    ANSWERS[(caller["kind"], case.method.upper(), response.status_code // 100)] += 1
    case.validate_response(response, checks=CHECKS, headers=caller["headers"])


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_for_anonymous_callers(case, anonymous):
    _exercise(case, anonymous)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_for_a_signed_in_citizen(case, citizen):
    _exercise(case, citizen)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_for_department_staff(case, staff):
    _exercise(case, staff)


def test_signed_in_callers_got_past_authentication_and_csrf():
    """Runs after the fuzzing above (file order): the session and CSRF token really worked."""
    if not any(kind == "citizen" for kind, _method, _status in ANSWERS):
        pytest.skip("the fuzzing tests were not selected in this run")
    assert ANSWERS[("citizen", "GET", 2)] > 0
    assert ANSWERS[("citizen", "POST", 2)] + ANSWERS[("citizen", "PUT", 2)] > 0  # unsafe, with CSRF
    assert ANSWERS[("staff", "GET", 2)] > 0
