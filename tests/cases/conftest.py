from __future__ import annotations

import pytest

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.core.contracts import Actor
from tests import factories
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

FORM_SCHEMA = {
    "type": "object",
    "properties": {
        "shop_name": {"type": "string", "title": "店铺名称", "maxLength": 50},
        "area": {"type": "number", "title": "经营面积"},
        "opening_date": {"type": "string", "format": "date", "title": "开业日期"},
    },
    "required": ["shop_name"],
    "additionalProperties": False,
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _a_working_monday_in_2026():
    """Deadlines depend on the date: pin it inside the years the holiday calendar covers."""
    import datetime as dt
    import zoneinfo

    import time_machine

    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=True):
        yield


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def item(make_item):  # noqa: F811
    return make_item(form_schema=FORM_SCHEMA, service_object="both")


@pytest.fixture
def applicant(db):
    user, _number = factories.citizen(name="王芳")
    return user


@pytest.fixture
def clerk(department):  # noqa: F811
    user = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=user, department=department, role=Role.WINDOW_CLERK)
    return Actor(user_id=user.pk, role="window_clerk", department_id=department.pk)


@pytest.fixture
def decider(department):  # noqa: F811
    user = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=user, department=department, role=Role.DECIDER)
    return Actor(user_id=user.pk, role="decider", department_id=department.pk)


@pytest.fixture
def reviewer(department):  # noqa: F811
    user = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=user, department=department, role=Role.REVIEWER)
    return Actor(user_id=user.pk, role="reviewer", department_id=department.pk)


@pytest.fixture
def review_done(reviewer):
    """Finish every open review step of a case (the single-department route: 审核 → 决定)."""

    def _finish(case_id: int) -> None:
        from govhall.cases import facade as cases
        from govhall.cases.models import Case
        from govhall.cases.routing import _decision_tasks, open_items

        case = Case.objects.get(pk=case_id)
        for item in open_items(case):
            if item.task_name not in _decision_tasks(case):
                cases.case_review(
                    actor=reviewer,
                    case_id=case_id,
                    work_item_id=item.pk,
                    opinion="材料齐全，符合条件",
                    recommendation="approve",
                )

    return _finish
