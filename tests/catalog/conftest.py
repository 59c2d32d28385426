from __future__ import annotations

import pytest

from govhall.catalog import services
from govhall.catalog.models import BasicItem
from govhall.core.contracts import Actor
from tests import factories

ACTOR = Actor(user_id=None, role="catalog_admin")


def version_fields(**overrides):
    fields = {
        "name": "食品经营许可证核发",
        "keywords": "餐饮,小吃店",
        "summary": "从事食品销售和餐饮服务活动，应当依法取得食品经营许可。",
        "conditions": "具有与经营的食品品种、数量相适应的经营场所。",
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "statutory_limit": 20,
        "promised_limit": 5,
        "handling_type": "promised",
        "service_object": "enterprise",
        "visits_required": 0,
        "online_application": True,
        "handling_place": "漳州市行政服务中心",
    }
    fields.update(overrides)
    return fields


MATERIALS = [
    {"name": "食品经营许可申请书", "necessity": "required", "file_types": ["pdf"], "max_size_mb": 5},
    {
        "name": "营业执照",
        "necessity": "required",
        "form": "electronic",
        "satisfied_by_license_type": "business_license",
    },
]


@pytest.fixture
def department(db):
    return factories.department("漳州市市场监督管理局")


@pytest.fixture
def basic_item(db):
    return services.basic_item_upsert(
        actor=ACTOR,
        code="000123456789",
        name="食品经营许可",
        item_type="administrative_license",
        exercise_level="municipal",
    )


@pytest.fixture
def make_item(department, basic_item):
    counter = iter(range(1, 1000))

    def _make(publish: bool = True, **overrides):
        from govhall.accounts.models import Region

        code = f"{department.credit_code}{basic_item.code}{next(counter):03d}"
        version = services.service_item_create(
            actor=ACTOR,
            code=code,
            basic_item=basic_item,
            department=department,
            region=Region.objects.get(code="350600"),
            fields=version_fields(**overrides),
            materials=MATERIALS,
        )
        if publish:
            version = services.version_publish(actor=ACTOR, version=version)
        return version

    return _make


__all__ = ["ACTOR", "MATERIALS", "BasicItem", "version_fields"]
