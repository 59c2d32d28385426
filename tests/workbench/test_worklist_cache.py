# ruff: noqa: F811 - the fixtures imported from test_cases are parameters here
"""The worklist's page cache: a repeated request is served from it, with the request's own CSRF
token, until anything the page shows changes — a case of the department, a process step, the
user's roles — and never across users. Committed transactions, as in production: the cache is
bypassed inside a transaction (the ``db`` fixture's), so these tests use real commits."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory

from govhall.accounts import services as accounts
from govhall.accounts.constants import Role
from govhall.accounts.models import RoleAssignment
from govhall.cases import services
from govhall.workbench import page_cache
from tests import factories
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures
from tests.workbench.test_cases import (  # noqa: F401 - fixtures
    BACKEND,
    _a_working_monday_in_2026,
    _files_in_tmp,
    actor,
    client_for,
    housing,
    item,
    make_case,
    market,
    people,
    review,
    review_item,
)

pytestmark = pytest.mark.django_db(transaction=True)
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty_cache():
    page_cache.clear()
    yield
    page_cache.clear()


def _rows(response) -> list[str]:
    return re.findall(r'<tr data-case="(\d+)"', response.content.decode())


def test_a_repeated_request_is_a_hit_with_this_requests_csrf_token(people, make_case):
    case = make_case("submitted")
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["clerk"], backend=BACKEND)
    first = client.get("/workbench/cases/?tab=submitted")
    second = client.get("/workbench/cases/?tab=submitted")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert _rows(second) == [str(case.pk)]
    tokens = TOKEN.findall(second.content)
    assert tokens and page_cache.CSRF_PLACEHOLDER.encode() not in second.content
    # Identical but for the tokens (each request masks its own)...
    assert TOKEN.sub(b"", first.content) == TOKEN.sub(b"", second.content)
    # ... and a cached page's token is a valid one: signing out with it works.
    response = client.post("/workbench/logout/", {"csrfmiddlewaretoken": tokens[0].decode()})
    assert response.status_code == 302
    assert client.get("/workbench/cases/").status_code == 302  # signed out


def test_a_hit_is_one_query_the_session_with_roles_user_and_generations(people, make_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_case("submitted")
    client = client_for(people, "clerk")
    client.get("/workbench/cases/")  # records the session's tracking row, caches the page
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/workbench/cases/")
    assert response["X-Page-Cache"] == "hit"
    assert len(queries.captured_queries) == 1
    assert "cases_worklistgeneration" in queries.captured_queries[0]["sql"]


def test_a_change_to_a_case_of_the_department_shows_at_once(people, make_case, market):
    case = make_case("submitted")
    client = client_for(people, "clerk")
    assert _rows(client.get("/workbench/cases/?tab=submitted")) == [str(case.pk)]
    assert client.get("/workbench/cases/?tab=submitted")["X-Page-Cache"] == "hit"
    services.case_accept(actor=actor(people, "clerk", market), case_id=case.pk)
    after = client.get("/workbench/cases/?tab=submitted")
    assert after["X-Page-Cache"] == "miss" and _rows(after) == []
    assert _rows(client.get("/workbench/cases/?tab=review")) == [str(case.pk)]


def test_a_new_submission_and_a_finished_process_step_show_at_once(people, make_case, market, review):
    client = client_for(people, "reviewer")
    assert _rows(client.get("/workbench/cases/?tab=todo")) == []
    case = make_case("in_review")  # accepted: its review step is open for the department's reviewers
    assert _rows(client.get("/workbench/cases/?tab=todo")) == [str(case.pk)]
    assert client.get("/workbench/cases/?tab=todo")["X-Page-Cache"] == "hit"
    review(case)  # the step is done; the case's own row does not change
    assert _rows(client.get("/workbench/cases/?tab=todo")) == []


def test_a_change_in_another_department_keeps_the_page(people, make_case, market):
    case = make_case("submitted")
    client = client_for(people, "other")  # every case role, in 住房公积金中心 only
    client.get("/workbench/cases/")
    services.case_accept(actor=actor(people, "clerk", market), case_id=case.pk)
    assert client.get("/workbench/cases/")["X-Page-Cache"] == "hit"


def test_pages_are_never_shared_between_users(people, make_case, market):
    make_case("submitted")
    # the same name and the same roles as the first clerk: only the account tells them apart
    second_clerk = factories.staff()
    second_clerk.display_name = people["clerk"].display_name
    second_clerk.save(update_fields=["display_name"])
    accounts.role_grant(actor=factories.SYSTEM, user=second_clerk, department=market, role=Role.WINDOW_CLERK)
    first = client_for(people, "clerk")
    first.get("/workbench/cases/?tab=submitted")
    other = Client()
    other.force_login(second_clerk, backend=BACKEND)
    response = other.get("/workbench/cases/?tab=submitted")
    assert response["X-Page-Cache"] == "miss"
    assert response.wsgi_request.user == second_clerk


def test_a_granted_role_gives_a_new_page(people, make_case, market):
    make_case("in_review")
    client = client_for(people, "clerk")
    assert client.get("/workbench/cases/?tab=todo")["X-Page-Cache"] == "miss"
    assert client.get("/workbench/cases/?tab=todo")["X-Page-Cache"] == "hit"
    accounts.role_grant(actor=factories.SYSTEM, user=people["clerk"], department=market, role=Role.REVIEWER)
    response = client.get("/workbench/cases/?tab=todo")
    assert response["X-Page-Cache"] == "miss" and len(_rows(response)) == 1  # now their review step


def test_another_session_of_the_same_user_gets_its_own_token(people, make_case):
    make_case("submitted")
    first = Client(enforce_csrf_checks=True)
    first.force_login(people["clerk"], backend=BACKEND)
    first.get("/workbench/cases/")
    second = Client(enforce_csrf_checks=True)
    second.force_login(people["clerk"], backend=BACKEND)
    page = second.get("/workbench/cases/")
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.findall(page.content)[0].decode()
    assert second.post("/workbench/logout/", {"csrfmiddlewaretoken": token}).status_code == 302


def test_a_revoked_role_is_refused_on_the_next_request(people, make_case, market):
    make_case("submitted")
    client = client_for(people, "clerk")
    client.get("/workbench/cases/")
    assert client.get("/workbench/cases/")["X-Page-Cache"] == "hit"
    assignment = RoleAssignment.objects.get(user=people["clerk"], role=Role.WINDOW_CLERK)
    accounts.role_revoke(actor=factories.SYSTEM, assignment=assignment)
    assert client.get("/workbench/cases/").status_code == 403


@pytest.mark.django_db(transaction=False)
def test_nothing_is_cached_inside_a_transaction(people, make_case):
    make_case("submitted")
    client = client_for(people, "clerk")
    client.get("/workbench/cases/")
    response = client.get("/workbench/cases/")
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_page_with_messages_is_neither_cached_nor_served_from_the_cache(people):
    request = RequestFactory().get("/workbench/cases/")
    request.session = {}
    request._messages = FallbackStorage(request)
    calls = []

    def render(extra):
        calls.append(extra)
        from django.http import HttpResponse

        return HttpResponse(f"page {extra.get('csrf_token', 'plain')}")

    assert page_cache.cached_page(request, "k", render)["X-Page-Cache"] == "miss"
    request._messages.add(20, "已受理")
    response = page_cache.cached_page(request, "k", render)
    assert "X-Page-Cache" not in response and response.content == b"page plain"
    assert len(calls) == 2
