import pytest
from django.db import IntegrityError, transaction

from govhall.accounts import services
from govhall.accounts.constants import Role
from govhall.accounts.models import LoginThrottle, Person, RoleAssignment, User
from govhall.core.errors import Conflict, RateLimited, ValidationFailed
from govhall.core.identifiers import IdentifierError
from govhall.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_person_is_stored_encrypted_masked_and_found_by_blind_index():
    user, number = factories.citizen(phone="13912345678")
    person = Person.objects.get(user=user)
    assert number not in person.id_number_encrypted
    assert person.id_number_masked == number[:4] + "*" * 10 + number[-4:]
    assert person.phone_masked == "139****5678"
    assert "13912345678" not in person.phone_encrypted
    assert services.person_id_number(person=person) == number
    assert person.id_number_index == services.id_number_index(number.lower())
    # Nothing in clear anywhere in the row.
    row = Person.objects.filter(pk=person.pk).values().get()
    assert not any(number in str(v) or "13912345678" in str(v) for v in row.values())


@pytest.mark.parametrize(
    ("id_number", "code"),
    [
        ("35060219850312", "identifier.id_number.length"),
        ("35060219850230001X", "identifier.id_number.date"),
    ],
)
def test_malformed_id_number_is_refused_and_nothing_saved(id_number, code):
    before = (User.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    with pytest.raises(IdentifierError) as error:
        services.citizen_register(
            actor=factories.SYSTEM, real_name="张三", id_number=id_number, phone="13900000000", password="x" * 12
        )
    assert error.value.code == code
    assert (User.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == before


def test_bad_check_character_names_the_problem():
    number = factories.id_number()
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(IdentifierError) as error:
        services.citizen_register(
            actor=factories.SYSTEM, real_name="张三", id_number=wrong, phone="13900000000", password="x" * 12
        )
    assert error.value.code == "identifier.id_number.check"
    assert User.objects.count() == 0


def test_duplicate_person_is_a_conflict_and_rolls_back_the_account():
    _user, number = factories.citizen()
    users = User.objects.count()
    with pytest.raises(Conflict) as error:
        services.citizen_register(
            actor=factories.SYSTEM, real_name="张三", id_number=number, phone="13700000000", password="x" * 12
        )
    assert error.value.code == "person.exists"
    assert User.objects.count() == users


def test_unknown_region_is_refused():
    factories.regions()
    with pytest.raises(ValidationFailed) as error:
        services.department_create(
            actor=factories.SYSTEM,
            name="某局",
            credit_code=factories.credit_code(region="350699"),
            region_code="350699",
        )
    assert error.value.code == "region.unknown"


def test_role_grant_is_audited():
    dept = factories.department()
    user = factories.staff()
    services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=Role.REVIEWER)
    event = AuditEvent.objects.filter(action="role.grant").get()
    assert event.subject == f"user:{user.pk}"
    assert event.detail == {"role": "reviewer", "department": dept.pk}


@pytest.mark.parametrize("second", [Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_no_account_holds_two_separated_admin_roles(second):
    dept = factories.department()
    other = factories.department()
    user = factories.staff()
    services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=Role.SYSTEM_ADMIN)
    with pytest.raises(Conflict) as error:
        services.role_grant(actor=factories.SYSTEM, user=user, department=other, role=second)
    assert error.value.code == "role.separation_of_duties"
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", flat=True)) == ["system_admin"]


def test_database_itself_refuses_a_second_separated_admin_role():
    dept = factories.department()
    user = factories.staff()
    RoleAssignment.objects.create(user=user, department=dept, role=Role.AUDIT_ADMIN)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, department=dept, role=Role.SECURITY_ADMIN)


def test_separated_admin_role_may_be_held_together_with_ordinary_roles():
    dept = factories.department()
    user = factories.staff()
    services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=Role.SECURITY_ADMIN)
    services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=Role.SUPERVISOR)
    assert RoleAssignment.objects.filter(user=user).count() == 2


def test_system_admin_role_grants_and_revokes_admin_site_access():
    dept = factories.department()
    user = factories.staff()
    assignment = services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=Role.SYSTEM_ADMIN)
    user.refresh_from_db()
    assert user.is_staff
    services.role_revoke(actor=factories.SYSTEM, assignment=assignment)
    user.refresh_from_db()
    assert not user.is_staff


def test_roles_are_for_staff_only():
    dept = factories.department()
    user, _ = factories.citizen()
    with pytest.raises(ValidationFailed):
        services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=Role.REVIEWER)


def test_citizen_signs_in_with_id_number_or_phone():
    user, number = factories.citizen(phone="13911112222")
    assert services.citizen_authenticate(identifier=number, password=factories.PASSWORD) == user
    assert services.citizen_authenticate(identifier=number.lower(), password=factories.PASSWORD) == user
    assert services.citizen_authenticate(identifier="+86 139 1111 2222", password=factories.PASSWORD) == user


def test_wrong_password_and_unknown_account_get_the_same_error():
    _user, number = factories.citizen()
    with pytest.raises(ValidationFailed) as wrong:
        services.citizen_authenticate(identifier=number, password="nope")
    with pytest.raises(ValidationFailed) as unknown:
        services.citizen_authenticate(identifier=factories.id_number(), password="nope")
    assert wrong.value.code == unknown.value.code == "login.invalid"
    assert wrong.value.message == unknown.value.message


def test_lockout_after_five_failures_even_with_the_right_password(settings):
    _user, number = factories.citizen()
    for _ in range(settings.GOVHALL_LOGIN_MAX_FAILURES):
        with pytest.raises(ValidationFailed):
            services.citizen_authenticate(identifier=number, password="wrong")
    with pytest.raises(RateLimited) as error:
        services.citizen_authenticate(identifier=number, password=factories.PASSWORD)
    assert error.value.code == "login.locked"
    assert AuditEvent.objects.filter(action="login.lockout").count() == 1
    # The throttle row holds a keyed hash, never the ID number.
    assert not LoginThrottle.objects.filter(key__contains=number).exists()


def test_lockout_expires(settings, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    _user, number = factories.citizen()
    for _ in range(settings.GOVHALL_LOGIN_MAX_FAILURES):
        with pytest.raises(ValidationFailed):
            services.citizen_authenticate(identifier=number, password="wrong")
    later = timezone.now() + dt.timedelta(minutes=settings.GOVHALL_LOGIN_LOCKOUT_MINUTES + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert services.citizen_authenticate(identifier=number, password=factories.PASSWORD)


def test_totp_code_is_accepted_once_only():
    user = factories.staff()
    code = factories.totp_code(user)
    services.totp_verify(user=user, code=code)
    with pytest.raises(ValidationFailed) as error:
        services.totp_verify(user=user, code=code)
    assert error.value.code == "login.totp_invalid"


def test_totp_rejects_wrong_and_stale_codes():
    user = factories.staff()
    with pytest.raises(ValidationFailed):
        services.totp_verify(user=user, code="abcdef")
    with pytest.raises(ValidationFailed):
        services.totp_verify(user=user, code=factories.totp_code(user, offset_steps=-3))


def test_totp_enrollment_is_confirmed_by_the_first_good_code():
    user = factories.staff(enrolled=False)
    secret = services.totp_enrollment_begin(user=user)
    assert services.totp_enrollment_begin(user=user) == secret  # reloading the page keeps the secret
    user.refresh_from_db()
    assert user.totp_confirmed_at is None
    services.totp_verify(user=user, code=factories.totp_code(user))
    user.refresh_from_db()
    assert user.totp_confirmed_at is not None
    with pytest.raises(Conflict):
        services.totp_enrollment_begin(user=user)


def test_demo_shortcuts_are_refused_in_production(settings):
    user = factories.staff(enrolled=False)
    settings.PRODUCTION = True
    with pytest.raises(ValidationFailed):
        services.totp_demo_confirm(user=user)
    with pytest.raises(ValidationFailed):
        services.totp_demo_code(user=user)
