"""窗口实名核验 (/workbench/realname/in-person/): a window clerk raises an account to L3."""

from __future__ import annotations

import pytest
from django.test import Client

from govhall.accounts.constants import Role
from govhall.accounts.models import RealNameVerification
from govhall.accounts.realname.selectors import realname_level
from govhall.accounts.services import role_grant
from tests import factories

pytestmark = pytest.mark.django_db

BACKEND = "govhall.accounts.backends.GovhallBackend"
URL = "/workbench/realname/in-person/"


def _staff(role):
    user = factories.staff()
    if role:
        role_grant(actor=factories.SYSTEM, user=user, department=factories.department(), role=role)
    return user


@pytest.fixture
def citizen():
    return factories.citizen(name="陈建国")


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", 302),
        ("citizen", 302),
        ("staff_no_role", 403),
        ("reviewer", 403),
        ("system_admin", 403),
        ("window_clerk", 200),
        ("department_admin", 200),
    ],
)
def test_matrix(citizen, who, expected):
    user, id_number = citizen
    actors = {
        "anonymous": None,
        "citizen": factories.citizen()[0],
        "staff_no_role": _staff(None),
        "reviewer": _staff(Role.REVIEWER),
        "system_admin": _staff(Role.SYSTEM_ADMIN),
        "window_clerk": _staff(Role.WINDOW_CLERK),
        "department_admin": _staff(Role.DEPARTMENT_ADMIN),
    }
    client = Client()
    if actors[who] is not None:
        client.force_login(actors[who], backend=BACKEND)
    assert client.get(URL).status_code == expected
    lookup = client.post(URL, {"action": "lookup", "id_number": id_number})
    confirm = client.post(URL, {"action": "confirm", "user_id": user.pk, "checked": "on", "method": "in_person"})
    if expected == 200:
        assert lookup.status_code == 200
        page = lookup.content.decode()
        assert "陈建国" in page and id_number not in page  # masked only
        assert confirm.status_code == 302
        assert realname_level(user=user) == 3
    else:
        assert (lookup.status_code, confirm.status_code) == (expected, expected)
        assert realname_level(user=user) == 1
        assert RealNameVerification.objects.count() == 0


def test_the_clerk_must_tick_the_check_and_bad_numbers_are_explained(citizen):
    user, _id_number = citizen
    client = Client()
    client.force_login(_staff(Role.WINDOW_CLERK), backend=BACKEND)
    unticked = client.post(URL, {"action": "confirm", "user_id": user.pk, "method": "in_person"})
    assert unticked.status_code == 422
    bad = client.post(URL, {"action": "lookup", "id_number": "350602198503120315"})
    assert bad.status_code == 422 and 'data-testid="realname-window-error"' in bad.content.decode()
    unknown = client.post(URL, {"action": "lookup", "id_number": factories.id_number()})
    assert unknown.status_code == 404
    staff_target = client.post(URL, {"action": "confirm", "user_id": _staff(None).pk, "checked": "on"})
    assert staff_target.status_code == 422
    assert realname_level(user=user) == 1 and RealNameVerification.objects.count() == 0
