from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from govhall.catalog import selectors, services
from govhall.catalog.models import (
    Bundle,
    MaterialRequirement,
    PublishedVersionImmutable,
    ServiceItem,
    ServiceItemVersion,
    Theme,
)
from govhall.core.errors import Conflict, ValidationFailed
from govhall.core.models import AuditEvent

from .conftest import ACTOR, MATERIALS, version_fields

pytestmark = pytest.mark.django_db


def test_create_then_publish(make_item):
    version = make_item()
    assert (version.version, version.status) == (1, "published")
    assert version.effective_from is not None and version.published_at is not None
    assert [m.name for m in version.materials.all()] == ["食品经营许可申请书", "营业执照"]
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "service_item.create" in actions and "service_item_version.publish" in actions


def test_published_version_cannot_be_edited(make_item):
    version = make_item()
    with pytest.raises(Conflict) as error:
        services.version_update_draft(actor=ACTOR, version=version, fields={"promised_limit": 3})
    assert error.value.code == "catalog.not_draft"
    version.refresh_from_db()
    assert version.promised_limit == 5


def test_model_refuses_to_save_a_published_version_or_its_materials(make_item):
    version = make_item()
    version.name = "篡改"
    with pytest.raises(PublishedVersionImmutable):
        version.save()
    material = version.materials.first()
    material.name = "篡改"
    with pytest.raises(PublishedVersionImmutable):
        material.save()
    with pytest.raises(PublishedVersionImmutable):
        material.delete()
    assert MaterialRequirement.objects.filter(name="篡改").count() == 0


def test_new_version_keeps_the_old_one_intact(make_item):
    v1 = make_item()
    v1_materials = list(v1.materials.values_list("name", flat=True))
    draft = services.version_draft_from(actor=ACTOR, version=v1)
    assert (draft.version, draft.status) == (2, "draft")
    services.version_update_draft(
        actor=ACTOR,
        version=draft,
        fields={"promised_limit": 3, "change_note": "压缩承诺时限"},
        materials=[*MATERIALS, {"name": "健康证明", "necessity": "required"}],
    )
    v2 = services.version_publish(actor=ACTOR, version=draft)
    v1.refresh_from_db()
    assert v1.status == "retired" and v1.effective_to == v2.effective_from
    assert list(v1.materials.values_list("name", flat=True)) == v1_materials
    assert v2.materials.count() == 3 and v2.promised_limit == 3
    assert selectors.published_version(code=v1.service_item.code).pk == v2.pk
    changes = {c.field: (c.before, c.after) for c in selectors.version_diff(old=v1, new=v2)}
    assert changes["promised_limit"] == (5, 3)
    assert "materials" in changes and "change_note" not in changes


def test_only_one_draft_at_a_time(make_item):
    v1 = make_item()
    services.version_draft_from(actor=ACTOR, version=v1)
    with pytest.raises(Conflict) as error:
        services.version_draft_from(actor=ACTOR, version=v1)
    assert error.value.code == "catalog.draft_exists"


def test_publishing_twice_is_a_conflict_and_changes_nothing(make_item):
    draft = make_item(publish=False)
    services.version_publish(actor=ACTOR, version=draft)
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict):
        services.version_publish(actor=ACTOR, version=draft)
    assert AuditEvent.objects.count() == events


def test_database_allows_one_published_version_per_item(make_item):
    v1 = make_item()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceItemVersion.objects.create(
            service_item=v1.service_item, version=2, status="published", **version_fields()
        )


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"promised_limit": 30}, "catalog.promised_exceeds_statutory"),
        ({"statutory_limit": -1}, "catalog.integer"),
        ({"handling_type": "sometimes"}, "catalog.choice"),
        ({"form_schema": {"type": "no-such-type"}}, "catalog.form_schema"),
        ({"faq": [{"q": "只有问题"}]}, "catalog.faq"),
    ],
)
def test_invalid_fields_are_refused_and_nothing_is_written(make_item, overrides, code):
    before = (ServiceItem.objects.count(), ServiceItemVersion.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationFailed) as error:
        make_item(publish=False, **overrides)
    assert error.value.code == code
    assert (ServiceItem.objects.count(), ServiceItemVersion.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    ("material", "code"),
    [
        ({"name": "申请书", "necessity": "required", "file_types": ["exe"]}, "catalog.material_file_types"),
        ({"name": "申请书", "necessity": "required", "max_size_mb": 500}, "catalog.material_size"),
        ({"name": "", "necessity": "required"}, "catalog.material_name"),
        ({"name": "申请书", "necessity": "maybe"}, "catalog.material_necessity"),
    ],
)
def test_invalid_materials_are_refused(make_item, material, code):
    draft = make_item(publish=False)
    with pytest.raises(ValidationFailed) as error:
        services.version_update_draft(actor=ACTOR, version=draft, fields={}, materials=[material])
    assert error.value.code == code
    assert draft.materials.count() == 2


def test_fees_require_a_fee_item_and_legal_basis(make_item):
    draft = make_item(publish=False)
    with pytest.raises(ValidationFailed):
        services.version_update_draft(
            actor=ACTOR,
            version=draft,
            fields={"is_free": False},
            fees=[{"name": "工本费", "amount": "abc", "legal_basis": "x"}],
        )
    with pytest.raises(ValidationFailed):  # free item with a fee listed
        services.version_update_draft(
            actor=ACTOR, version=draft, fields={}, fees=[{"name": "工本费", "amount": "10", "legal_basis": "x"}]
        )
    services.version_update_draft(
        actor=ACTOR,
        version=draft,
        fields={"is_free": False},
        fees=[{"name": "工本费", "amount": "10.50", "legal_basis": "闽价费〔2019〕1号"}],
    )
    assert str(draft.fees.get().amount) == "10.50"


def test_implementation_code_must_start_with_the_department_credit_code(department, basic_item):
    from govhall.accounts.models import Region

    with pytest.raises(ValidationFailed) as error:
        services.service_item_create(
            actor=ACTOR,
            code=f"11350600MB0000000X{basic_item.code}001",
            basic_item=basic_item,
            department=department,
            region=Region.objects.get(code="350600"),
            fields=version_fields(),
        )
    assert error.value.code == "catalog.implementation_code"


def test_retire_removes_from_published_items(make_item):
    version = make_item()
    with pytest.raises(ValidationFailed):
        services.version_retire(actor=ACTOR, version=version, reason=" ")
    services.version_retire(actor=ACTOR, version=version, reason="事项取消")
    assert selectors.published_version(code=version.service_item.code) is None
    with pytest.raises(Conflict):
        services.version_retire(actor=ACTOR, version=version, reason="again")


@pytest.mark.parametrize(
    ("facts", "depth"),
    [
        ({"online_application": True, "visits_required": 0}, 5),
        ({"online_application": True, "visits_required": 1}, 4),
        ({"online_application": True, "visits_required": 2}, 3),
        ({"online_application": False, "uses_pre_review": True, "visits_required": 2}, 3),
        ({"online_application": False, "visits_required": 2}, 1),
    ],
)
def test_online_depth(make_item, facts, depth):
    version = make_item(publish=False, **facts)
    assert selectors.online_depth(version) == depth
    assert selectors.online_depth_label(depth)


def test_marking_a_fee_item_free_without_removing_its_fees_is_refused(make_item):
    draft = make_item(publish=False)
    services.version_update_draft(
        actor=ACTOR,
        version=draft,
        fields={"is_free": False},
        fees=[{"name": "工本费", "amount": "10", "legal_basis": "闽价费〔2019〕1号"}],
    )
    with pytest.raises(ValidationFailed) as error:
        services.version_update_draft(actor=ACTOR, version=draft, fields={"is_free": True})
    assert error.value.code == "catalog.fee_conflict"
    draft.refresh_from_db()
    assert draft.is_free is False


@pytest.mark.parametrize("slug", ["", "Open-Shop", "-open-shop", "open--shop", "开店"])
def test_theme_slugs_are_what_slugify_leaves_unchanged(slug):
    with pytest.raises(ValidationFailed) as error:
        services.theme_upsert(actor=ACTOR, slug=slug, name="开店", kind="theme", audience="enterprise")
    assert (error.value.code, error.value.field) == ("catalog.theme_slug", "slug")
    assert not Theme.objects.exists()


@pytest.mark.parametrize("codes", [[], ["A1"], ["A1", "B2", "A1"]])
def test_a_bundle_needs_two_distinct_items(department, codes):
    with pytest.raises(ValidationFailed) as error:
        services.bundle_upsert(
            actor=ACTOR, code="BUNDLE-X", name="一件事", lead_department=department, item_codes=codes
        )
    assert (error.value.code, error.value.field) == ("catalog.bundle_items", "items")
    assert not Bundle.objects.exists()
