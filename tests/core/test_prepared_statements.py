"""PostgreSQL runs repeated statements as prepared statements (ADR 0012); SQLite is untouched."""

from __future__ import annotations

import pytest
from django.db import connection

from govhall.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL connection option")
def test_an_orm_query_run_five_times_becomes_a_prepared_statement() -> None:
    # a statement text no other test runs, so it cannot have been prepared before
    queryset = User.objects.filter(username="prepared-probe", is_active=True, kind="staff")
    for _ in range(6):
        assert list(queryset.all()) == []  # .all(): a new query each time, not the result cache
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%prepared-probe%"])
        assert cursor.fetchall() == []  # the username is a parameter, not part of the text
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s AND statement LIKE %s",
            ['%"accounts_user"."username" = $%', '%"accounts_user"."kind" = $%'],
        )
        assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL connection option")
def test_a_prepared_statement_returns_each_executions_own_rows(django_user_model: type[User]) -> None:
    first = django_user_model.objects.create_user(username="prep-a", password="x" * 12, kind="citizen")
    second = django_user_model.objects.create_user(username="prep-b", password="x" * 12, kind="citizen")
    for _ in range(6):  # past the threshold: the later executions run the prepared plan
        assert django_user_model.objects.get(username="prep-a").pk == first.pk
    assert django_user_model.objects.get(username="prep-b").pk == second.pk


def test_the_database_options_follow_the_vendor() -> None:
    options = connection.settings_dict.get("OPTIONS", {})
    if connection.vendor == "postgresql":
        assert options.get("server_side_binding") is True
        assert options.get("prepare_threshold") == 5
    else:
        assert "server_side_binding" not in options
        assert "prepare_threshold" not in options
