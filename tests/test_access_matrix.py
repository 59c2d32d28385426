"""Permission matrix for every page (STYLE.md rule 9): who gets what, and denial changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from govhall.accounts import services
from govhall.accounts.constants import Role
from govhall.accounts.models import RoleAssignment
from govhall.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients():
    dept = factories.department()
    citizen, _ = factories.citizen()
    staff = factories.staff()
    services.role_grant(actor=factories.SYSTEM, user=staff, department=dept, role=Role.REVIEWER)
    sysadmin = factories.staff()
    services.role_grant(actor=factories.SYSTEM, user=sysadmin, department=dept, role=Role.SYSTEM_ADMIN)
    result = {"anonymous": Client()}
    for name, user in (("citizen", citizen), ("staff", staff), ("sysadmin", sysadmin)):
        client = Client()
        client.force_login(user, backend="govhall.accounts.backends.GovhallBackend")
        result[name] = client
    return result


# (path, expected status or redirect target per actor)
MATRIX = [
    ("/", {"anonymous": 200, "citizen": 200, "staff": 200, "sysadmin": 200}),
    ("/login/", {"anonymous": 200, "citizen": 200, "staff": 200, "sysadmin": 200}),
    ("/me/", {"anonymous": "/login/", "citizen": 200, "staff": "/login/", "sysadmin": "/login/"}),
    (
        "/workbench/",
        {"anonymous": "/workbench/login/", "citizen": "/workbench/login/", "staff": 200, "sysadmin": 200},
    ),
    ("/workbench/login/", {"anonymous": 200, "citizen": 200, "staff": 200, "sysadmin": 200}),
    ("/admin/", {"anonymous": "/workbench/login/", "citizen": 403, "staff": 403, "sysadmin": 200}),
    ("/admin/accounts/user/", {"anonymous": "/workbench/login/", "citizen": 403, "staff": 403, "sysadmin": 200}),
    ("/api/v1/health", {"anonymous": 200, "citizen": 200, "staff": 200, "sysadmin": 200}),
]


@pytest.mark.parametrize(("path", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
@pytest.mark.parametrize("actor", ["anonymous", "citizen", "staff", "sysadmin"])
def test_page_access(clients, actor, path, expected):
    response = clients[actor].get(path)
    want = expected[actor]
    if isinstance(want, int):
        assert response.status_code == want
    else:
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == want


def test_admin_denial_changes_nothing(clients):
    user = factories.staff()
    before = (RoleAssignment.objects.count(), AuditEvent.objects.count())
    response = clients["staff"].post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert (RoleAssignment.objects.count(), AuditEvent.objects.count()) == before
    assert type(user).objects.filter(pk=user.pk).exists()
