"""Real-name levels: the sandbox provider, verification services, in-person verification, and an
item demanding a minimum level at submission."""

from __future__ import annotations

import io

import pytest

from govhall.accounts.constants import RealNameLevel, RealNameMethod, Role, VerificationOutcome
from govhall.accounts.models import RealNameStatus, RealNameVerification
from govhall.accounts.realname import registry
from govhall.accounts.realname.base import (
    MatchResult,
    ProviderOptions,
    RealNameProvider,
    RetryableProviderError,
    TerminalProviderError,
)
from govhall.accounts.realname.contrib.sandbox.provider import (
    CANCELLED_ID,
    KNOWN_PEOPLE,
    TIMEOUT_ID,
    UNAVAILABLE_ID,
    SandboxProvider,
)
from govhall.accounts.realname.selectors import realname_info, realname_level
from govhall.accounts.realname.services import (
    MAX_MISMATCHES_PER_DAY,
    realname_record_in_person,
    realname_register,
    realname_verify,
)
from govhall.accounts.services import role_grant
from govhall.cases import services as cases
from govhall.core.contracts import Actor
from govhall.core.errors import ConfigurationError, Conflict, PermissionDenied, RateLimited, ValidationFailed
from govhall.core.identifiers import IdentifierError, is_valid_id_number
from govhall.core.models import AuditEvent
from tests import factories
from tests.cases.conftest import FORM_SCHEMA, PDF, _a_working_monday_in_2026, _files_in_tmp  # noqa: F401
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401

pytestmark = pytest.mark.django_db

ANON = Actor(user_id=None, role="anonymous")
MATCHING_ID, MATCHING_NAME = "350602200001010019", "林晓"


def _register(id_number=MATCHING_ID, name=MATCHING_NAME, phone="13912340001"):
    return realname_register(actor=ANON, real_name=name, id_number=id_number, phone=phone, password=factories.PASSWORD)


# --- the sandbox provider -------------------------------------------------------------------


def test_the_documented_test_set_is_made_of_valid_id_numbers():
    for number in [*KNOWN_PEOPLE, TIMEOUT_ID, UNAVAILABLE_ID, CANCELLED_ID]:
        assert is_valid_id_number(number), number


def test_sandbox_matches_known_pairs_and_rejects_mismatches():
    sandbox = SandboxProvider(ProviderOptions())
    assert sandbox.verify_identity(id_number=MATCHING_ID, real_name=MATCHING_NAME).matched
    assert not sandbox.verify_identity(id_number=MATCHING_ID, real_name="林晓晓").matched
    assert not sandbox.verify_identity(id_number=factories.id_number(), real_name=MATCHING_NAME).matched
    with pytest.raises(RetryableProviderError) as timeout:
        sandbox.verify_identity(id_number=TIMEOUT_ID, real_name="任何人")
    assert (timeout.value.code, timeout.value.retryable) == ("timeout", True)
    with pytest.raises(RetryableProviderError) as unavailable:
        sandbox.verify_identity(id_number=UNAVAILABLE_ID, real_name="任何人")
    assert unavailable.value.code == "unavailable"
    with pytest.raises(TerminalProviderError) as cancelled:
        sandbox.verify_identity(id_number=CANCELLED_ID, real_name="任何人")
    assert (cancelled.value.code, cancelled.value.retryable) == ("record_cancelled", False)


def test_registry_selects_the_configured_provider_and_refuses_none(settings):
    assert isinstance(registry.provider_get(), SandboxProvider)
    settings.GOVHALL_REALNAME_PROVIDER = ""
    with pytest.raises(ConfigurationError) as error:
        registry.provider_get()
    assert error.value.code == "realname.provider_not_configured"
    settings.GOVHALL_REALNAME_TIMEOUT_SECONDS = 3

    class Always(RealNameProvider):
        name = "always_test"

        def verify_identity(self, *, id_number: str, real_name: str) -> MatchResult:
            return MatchResult(matched=True, reference=f"t{self.options.timeout_seconds:g}")

    registry.realname_provider_register(Always)
    provider = registry.provider_get("always_test")
    assert provider.verify_identity(id_number="x", real_name="y").reference == "t3"


# --- registration and verification ----------------------------------------------------------


def test_registration_records_level_one_with_how_and_when():
    user = _register()
    status = RealNameStatus.objects.get(user=user)
    assert (status.level, status.method) == (RealNameLevel.REGISTERED, RealNameMethod.REGISTRATION)
    assert status.reached_at is not None
    assert realname_level(user=user) == 1
    assert user.person.id_number_masked.endswith("0019") and user.person.id_number_masked.count("*") == 10


@pytest.mark.parametrize(
    "id_number, code",
    [
        ("350602200001010018", "identifier.id_number.check"),
        ("35060220000101001", "identifier.id_number.length"),
        ("350602200013010019", None),
    ],
)
def test_registration_validates_the_id_number_and_writes_nothing(id_number, code):
    with pytest.raises(IdentifierError) as error:
        _register(id_number=id_number)
    if code:
        assert error.value.code == code
    assert RealNameStatus.objects.count() == 0


def test_a_second_registration_with_the_same_id_number_is_refused():
    _register()
    with pytest.raises(Conflict) as error:
        _register(phone="13912340002")
    assert error.value.code == "person.exists"
    assert RealNameStatus.objects.count() == 1


def test_a_match_raises_the_account_to_level_two_and_is_recorded_and_audited():
    user = _register()
    assert realname_verify(user=user) == RealNameLevel.VERIFIED
    info = realname_info(user=user)
    assert (info.level, info.method, info.provider) == (2, RealNameMethod.PROVIDER, "sandbox")
    attempt = RealNameVerification.objects.get(user=user)
    assert (attempt.outcome, attempt.level) == (VerificationOutcome.VERIFIED, 2)
    assert attempt.reference.startswith("SBX")
    event = AuditEvent.objects.filter(action="realname.verify").get()
    assert MATCHING_ID not in str(event.detail) and MATCHING_NAME not in str(event.detail)
    # idempotent: verified accounts are not sent to the provider again
    assert realname_verify(user=user) == 2
    assert RealNameVerification.objects.filter(user=user).count() == 1


def test_a_mismatch_is_terminal_recorded_and_keeps_level_one():
    user = _register(name="林小")  # the registry knows 林晓 for this number
    with pytest.raises(ValidationFailed) as error:
        realname_verify(user=user)
    assert error.value.code == "realname.mismatch"
    assert realname_level(user=user) == 1
    attempt = RealNameVerification.objects.get(user=user)
    assert (attempt.outcome, attempt.retryable) == (VerificationOutcome.MISMATCH, False)


@pytest.mark.parametrize("id_number, code", [(TIMEOUT_ID, "timeout"), (UNAVAILABLE_ID, "unavailable")])
def test_provider_outages_are_retryable_and_change_no_level(id_number, code):
    user = _register(id_number=id_number, name="测试")
    with pytest.raises(ConfigurationError) as error:
        realname_verify(user=user)
    assert (error.value.code, error.value.status) == ("realname.unavailable", 503)
    attempt = RealNameVerification.objects.get(user=user)
    assert (attempt.outcome, attempt.error_code, attempt.retryable) == (VerificationOutcome.FAILED, code, True)
    assert realname_level(user=user) == 1


def test_a_terminal_provider_answer_sends_the_citizen_to_a_window():
    user = _register(id_number=CANCELLED_ID, name="测试")
    with pytest.raises(ValidationFailed) as error:
        realname_verify(user=user)
    assert error.value.code == "realname.refused"
    assert "窗口" in error.value.message
    assert RealNameVerification.objects.get(user=user).retryable is False


def test_repeated_mismatches_are_cut_off_before_reaching_the_provider():
    user = _register(name="林小")
    for _ in range(MAX_MISMATCHES_PER_DAY):
        with pytest.raises(ValidationFailed):
            realname_verify(user=user)
    with pytest.raises(RateLimited) as error:
        realname_verify(user=user)
    assert error.value.code == "realname.too_many_attempts"
    assert RealNameVerification.objects.filter(user=user).count() == MAX_MISMATCHES_PER_DAY


def test_staff_and_accounts_without_a_person_have_no_level():
    staff = factories.staff()
    assert realname_level(user=staff) == 0
    with pytest.raises(PermissionDenied):
        realname_verify(user=staff)


def test_a_citizen_registered_before_levels_counts_as_level_one():
    user, _number = factories.citizen()  # accounts.citizen_register, no status row
    assert not RealNameStatus.objects.filter(user=user).exists()
    assert realname_level(user=user) == 1


def test_in_person_verification_by_a_window_clerk_gives_level_three():
    user = _register()
    clerk = factories.staff()
    role_grant(actor=factories.SYSTEM, user=clerk, department=factories.department(), role=Role.WINDOW_CLERK)
    reviewer = factories.staff()
    role_grant(actor=factories.SYSTEM, user=reviewer, department=factories.department(), role=Role.REVIEWER)
    with pytest.raises(PermissionDenied):
        realname_record_in_person(actor=Actor(user_id=reviewer.pk, role="staff"), user=user)
    assert realname_level(user=user) == 1
    assert realname_record_in_person(actor=Actor(user_id=clerk.pk, role="staff"), user=user) == 3
    status = RealNameStatus.objects.get(user=user)
    assert (status.method, status.verified_by_id) == (RealNameMethod.IN_PERSON, clerk.pk)
    # a later provider match does not lower the level
    assert realname_verify(user=user) == 3


# --- an item demanding a verified level -----------------------------------------------------


def _draft_with_materials(user, version):
    case = cases.case_draft_save(user=user, item_code=version.service_item.code, form_data={"shop_name": "闽南小吃"})
    for requirement in version.materials.all():
        cases.case_material_upload(
            user=user, case_id=case.pk, requirement_id=requirement.pk, stream=io.BytesIO(PDF), filename="申请.pdf"
        )
    return case


def test_submission_to_an_item_demanding_level_two_needs_a_verified_account(make_item):  # noqa: F811
    version = make_item(form_schema=FORM_SCHEMA, service_object="both", min_realname_level=2)
    user = _register()
    case = _draft_with_materials(user, version)
    with pytest.raises(PermissionDenied) as error:
        cases.case_submit(user=user, case_id=case.pk)
    assert error.value.code == "case.realname_level_insufficient"
    assert "L2" in error.value.message and "实名认证" in error.value.message
    case.refresh_from_db()
    assert (case.status, case.number) == ("draft", None)

    realname_verify(user=user)
    assert cases.case_submit(user=user, case_id=case.pk).status == "submitted"


def test_items_without_a_demand_accept_level_one(make_item):  # noqa: F811
    version = make_item(form_schema=FORM_SCHEMA, service_object="both")
    assert version.min_realname_level == 1
    user = _register()
    assert cases.case_submit(user=user, case_id=_draft_with_materials(user, version).pk).status == "submitted"


def test_a_new_draft_keeps_the_items_level_and_bad_levels_are_refused(make_item):  # noqa: F811
    from govhall.catalog import services as catalog

    version = make_item(min_realname_level=3)
    draft = catalog.version_draft_from(actor=factories.SYSTEM, version=version)
    assert draft.min_realname_level == 3
    with pytest.raises(ValidationFailed) as error:
        catalog.validate_version_fields({"min_realname_level": 4})
    assert error.value.code == "catalog.realname_level"
