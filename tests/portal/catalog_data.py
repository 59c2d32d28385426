"""Catalogue items for UI tests, built through the catalogue services (shared by portal and workbench tests)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from govhall.accounts.models import Department
from govhall.catalog import services
from govhall.catalog.models import Bundle, BundleItem, ServiceItemVersion, Theme
from govhall.core.contracts import Actor

ACTOR = Actor(user_id=None, role="catalog_admin")
_numbers = itertools.count(1)

MATERIALS: list[dict[str, Any]] = [
    {
        "name": "设立登记申请书",
        "necessity": "required",
        "form": "original",
        "copies": 2,
        "file_types": ["pdf", "ofd"],
        "max_size_mb": 5,
        "source": "申请人自备",
    },
    {
        "name": "身份证明",
        "necessity": "required",
        "form": "electronic",
        "satisfied_by_license_type": "resident_id_card",
    },
    {
        "name": "住所使用证明",
        "necessity": "conditional",
        "condition_note": "租用场所的",
        "satisfied_by_data_resource": "real_estate_registry",
    },
]


def fields(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "个体工商户设立登记",
        "keywords": "营业执照,开店",
        "summary": "个体工商户申请领取营业执照。",
        "conditions": "有经营能力的公民。",
        "legal_basis": "《促进个体工商户发展条例》第八条",
        "statutory_limit": 15,
        "promised_limit": 3,
        "handling_type": "promised",
        "service_object": "person",
        "visits_required": 1,
        "online_application": True,
        "handling_place": "漳州市行政服务中心一楼市场监管窗口",
        "handling_hours": "工作日 8:30-12:00，14:30-17:30",
        "consultation_channel": "0596-1234567",
        "complaint_channel": "12345政务服务便民热线",
        "process_description": "网上申请→受理→审查→决定→发证",
        "faq": [{"q": "可以委托他人办理吗？", "a": "可以，需提供委托书。"}],
    }
    data.update(overrides)
    return data


def item(
    department: Department,
    *,
    publish: bool = True,
    materials: Sequence[dict[str, Any]] = MATERIALS,
    fees: Sequence[dict[str, Any]] = (),
    themes: Sequence[str] = (),
    item_type: str = "administrative_license",
    **overrides: Any,
) -> ServiceItemVersion:
    """A service item with its first version, published unless ``publish=False``."""
    number = next(_numbers)
    basic = services.basic_item_upsert(
        actor=ACTOR,
        code=f"TEST{number:08d}",
        name=overrides.get("name", "个体工商户设立登记"),
        item_type=item_type,
        exercise_level="municipal",
    )
    version = services.service_item_create(
        actor=ACTOR,
        code=f"{department.credit_code}{basic.code}",
        basic_item=basic,
        department=department,
        region=department.region,
        fields=fields(**overrides),
        materials=list(materials),
        fees=list(fees),
        theme_slugs=list(themes),
    )
    if publish:
        version = services.version_publish(actor=ACTOR, version=version)
    return version


def theme(slug: str, name: str, kind: str = "theme") -> Theme:
    return Theme.objects.create(slug=slug, name=name, kind=kind)


def bundle(code: str, name: str, versions: Sequence[ServiceItemVersion], *, theme: Theme | None = None) -> Bundle:
    first = versions[0].service_item
    created = Bundle.objects.create(
        code=code, name=name, summary="一次提交，多个部门并联办理。", theme=theme, lead_department=first.department
    )
    for order, version in enumerate(versions):
        BundleItem.objects.create(bundle=created, service_item=version.service_item, sort_order=order)
    return created
