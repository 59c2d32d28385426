"""The acting identity's name is read when a page shows it, not on every citizen request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen_client() -> Client:
    factories.regions()
    user, _number = factories.citizen(name="欧阳娜娜")
    client = Client()
    client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
    return client


def test_an_api_call_acting_as_oneself_reads_no_person_row(citizen_client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = citizen_client.get("/api/v1/cases")
    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "accounts_person" in q["sql"]]


def test_a_page_still_shows_the_persons_own_name(citizen_client: Client) -> None:
    response = citizen_client.get("/me/")
    assert response.status_code == 200
    assert 'data-testid="acting-identity">欧阳娜娜</strong>' in response.content.decode()
