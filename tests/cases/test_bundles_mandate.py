"""一件事 under a mandate (帮办代办): the agent applies for the principal only when the mandate covers
every item of the bundle, and a revoked mandate stops the submission."""

# ruff: noqa: F811 - pytest fixtures imported from other test modules
from __future__ import annotations

import pytest

from govhall.accounts import identity, mandates
from govhall.cases import bundles
from govhall.cases.models import Case
from govhall.core.errors import PermissionDenied
from tests.accounts.identity_fixtures import people  # noqa: F401
from tests.accounts.test_mandates import _active
from tests.cases.conftest import _a_working_monday_in_2026, _files_in_tmp  # noqa: F401 - fixtures
from tests.cases.test_bundles import FORM, _upload_all, bundle, other_department  # noqa: F401
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _codes(bundle) -> list[str]:
    return [entry.service_item.code for entry in bundle.bundle_items.order_by("sort_order")]


def _acting(people, mandate):
    return identity.acting_as(identity.acting_resolve(user=people.handler, value=f"mandate-{mandate.pk}"))


def test_a_mandate_missing_one_item_of_the_bundle_is_refused(people, bundle):
    mandate = _active(people, all_items=False, codes=_codes(bundle)[:1])
    with _acting(people, mandate), pytest.raises(PermissionDenied) as caught:
        bundles.case_bundle_draft_save(user=people.handler, bundle_code=bundle.code, form_data=FORM)
    assert caught.value.code == "case.mandate_not_usable"
    assert Case.objects.count() == 0


def test_the_agent_applies_for_the_principal_and_a_revoked_mandate_stops_the_submission(people, bundle):
    mandate = _active(people, all_items=False, codes=_codes(bundle))
    with _acting(people, mandate):
        case = bundles.case_bundle_draft_save(user=people.handler, bundle_code=bundle.code, form_data=FORM)
    principal = people.stranger.person
    children = list(Case.objects.filter(parent=case))
    assert (case.applicant_person_id, case.mandate_id, case.submitted_by_id) == (
        principal.pk,
        mandate.pk,
        people.handler.pk,
    )
    assert {(c.applicant_person_id, c.mandate_id) for c in children} == {(principal.pk, mandate.pk)}
    _upload_all(people.handler, case)
    mandates.mandate_revoke(user=people.stranger, mandate_id=mandate.pk)
    with pytest.raises(PermissionDenied) as caught:
        bundles.case_bundle_submit(user=people.handler, case_id=case.pk)
    assert caught.value.code == "case.mandate_not_usable"
    assert set(Case.objects.values_list("status", flat=True)) == {"draft"}
