"""Shared fixtures for the handler, mandate and session tests (issue 6 items 3–5)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.test import Client

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.cases import services as case_services
from govhall.core.contracts import Actor
from tests import factories
from tests.cases.conftest import FORM_SCHEMA, PDF

BACKEND = "govhall.accounts.backends.GovhallBackend"


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def organization(person, name="漳州市水仙花食品有限公司"):
    return account_services.organization_create(
        actor=factories.SYSTEM,
        name=name,
        credit_code=factories.credit_code(authority="9", org_type="1", region="350600"),
        org_type="enterprise",
        legal_representative=person,
        region_code="350600",
    )


def upload_all(user, case, item) -> None:
    for requirement in item.materials.all():
        case_services.case_material_upload(
            user=user, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="申请.pdf"
        )


@pytest.fixture
def people(db, department):
    """A legal representative with an enterprise, a would-be handler, a stranger, staff."""
    rep, rep_number = factories.citizen(name="李四")
    handler, handler_number = factories.citizen(name="王芳")
    stranger, stranger_number = factories.citizen(name="陈建国")
    org = organization(rep.person)
    reviewer = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=reviewer, department=department, role=Role.REVIEWER)
    clerk = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=clerk, department=department, role=Role.WINDOW_CLERK)
    other_department = factories.department("漳州市民政局")
    other_clerk = factories.staff()
    account_services.role_grant(
        actor=factories.SYSTEM, user=other_clerk, department=other_department, role=Role.WINDOW_CLERK
    )
    return SimpleNamespace(
        rep=rep,
        rep_number=rep_number,
        handler=handler,
        handler_number=handler_number,
        stranger=stranger,
        stranger_number=stranger_number,
        org=org,
        reviewer=reviewer,
        clerk=clerk,
        clerk_actor=Actor(user_id=clerk.pk, role="window_clerk", department_id=department.pk),
        other_clerk=other_clerk,
        department=department,
    )


@pytest.fixture
def enterprise_item(make_item):
    return make_item(form_schema=FORM_SCHEMA, service_object="enterprise")


@pytest.fixture
def person_item(make_item):
    return make_item(form_schema=FORM_SCHEMA, service_object="person")
