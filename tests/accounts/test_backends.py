"""The session backend's user load (raw SQL with the ORM's own converters) gives exactly the
user the ORM would, and refuses what Django's ModelBackend refuses."""

from __future__ import annotations

import pytest

from govhall.accounts.backends import GovhallBackend, user_by_pk
from govhall.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def _fields(user: User) -> dict[str, object]:
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


def test_the_loaded_user_equals_the_orms():
    staff = factories.staff()
    citizen, _number = factories.citizen(name="王芳")
    for user in (staff, citizen):
        loaded = user_by_pk(user.pk)
        assert loaded is not None and not loaded._state.adding
        assert _fields(loaded) == _fields(User.objects.get(pk=user.pk))
        assert loaded.last_login is None or loaded.last_login.tzinfo is not None
        assert loaded.date_joined.tzinfo is not None


def test_a_missing_or_inactive_user_is_not_loaded():
    staff = factories.staff()
    assert user_by_pk(staff.pk + 1000) is None
    assert GovhallBackend().get_user(staff.pk) == staff
    User.objects.filter(pk=staff.pk).update(is_active=False)
    assert GovhallBackend().get_user(staff.pk) is None


def test_a_signed_in_request_reads_session_tracking_roles_and_user_in_one_query():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from govhall.accounts.facade import SESSION_BACKEND

    staff = factories.staff()
    client = Client()
    client.force_login(staff, backend=SESSION_BACKEND)
    client.get("/workbench/")  # the first request records the session's tracking row
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/workbench/")
    assert response.status_code == 200 and response.wsgi_request.user == staff
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sql if "django_session" in s]) == 1
    # no separate read of the user, the tracking row or (for staff_required) the roles
    assert not [s for s in sql if 'FROM "accounts_user" WHERE' in s or 'FROM "accounts_usersession"' in s]
    assert not [s for s in sql if s.startswith('SELECT department_id, role FROM "accounts_roleassignment"')]


def test_the_users_id_in_the_session_decides_not_the_tracking_row():
    """A tracking row pointing at another account (it cannot happen through the services) does
    not make the request that account: Django's session user id and auth hash still decide."""
    from django.test import Client

    from govhall.accounts.facade import SESSION_BACKEND
    from govhall.accounts.models import UserSession

    staff, other = factories.staff(), factories.staff()
    client = Client()
    client.force_login(staff, backend=SESSION_BACKEND)
    client.get("/workbench/")
    UserSession.objects.filter(user=staff).update(user=other)
    response = client.get("/workbench/")
    assert response.wsgi_request.user == staff
