"""用证授权: the holder authorises one application to use a licence for a purpose until a date —
recorded, listed, revocable, and over once it expires; staff handling that application see the
licence while the authorisation is in force, nobody else does."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.cases import facade as cases
from govhall.core.contracts import SubjectRef
from govhall.core.facade import Conflict, NotFound, ValidationFailed
from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses.models import LicenseUseAuthorization
from tests import factories
from tests.cases.conftest import _a_working_monday_in_2026  # noqa: F401 - autouse fixture
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures
from tests.licenses.use_helpers import FORM_SCHEMA, draft, login, upload

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)  # the pinned Monday
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def issuer(department):  # noqa: F811 - the catalogue's 市场监管局 issues the licences too
    return department


@pytest.fixture
def version(make_item):  # noqa: F811
    return make_item(form_schema=FORM_SCHEMA, service_object="both")


@pytest.fixture
def own_case(citizen, version):
    """The citizen's own application, submitted (both materials uploaded)."""
    case = draft(citizen, version)
    for req in version.materials.all():
        upload(citizen, case, req)
    return cases.case_submit(user=citizen, case_id=case.pk)


@pytest.fixture
def stranger(issuer):
    user, _number = factories.citizen(name="李四")
    return user


def _authorize(user, license_id, case, *, purpose="办理食品经营许可，核验经营主体资格", days=30):
    return licenses.license_use_authorize(
        user=user,
        license_id=license_id,
        subject=SubjectRef("case", str(case.pk)),
        subject_label=f"{case.number} 食品经营许可",
        purpose=purpose,
        expires_on=TODAY + dt.timedelta(days=days),
    )


def test_an_authorisation_is_recorded_listed_and_audited(citizen, signed_license, own_case):
    info = _authorize(citizen, signed_license.id, own_case)

    assert info.state == "active" and info.purpose == "办理食品经营许可，核验经营主体资格"
    row = LicenseUseAuthorization.objects.get(pk=info.id)
    assert row.subject == f"case:{own_case.pk}" and row.granted_by_id == citizen.pk
    assert row.expires_at.astimezone(TZ).date() == TODAY + dt.timedelta(days=30)
    assert [a.id for a in licenses.authorizations_for_holder(user=citizen)] == [info.id]
    assert AuditEvent.objects.filter(action="license.use_authorize").count() == 1
    page = login(citizen).get(f"/me/licenses/{signed_license.id}/")
    assert 'data-testid="authorization"' in page.content.decode()


@pytest.mark.parametrize(
    ("purpose", "days", "code"),
    [
        ("", 30, "license.authorization.purpose_required"),
        ("  ", 30, "license.authorization.purpose_required"),
        ("办理许可", 0, "license.authorization.expiry_past"),
        ("办理许可", -3, "license.authorization.expiry_past"),
        ("办理许可", 91, "license.authorization.expiry_too_far"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(citizen, signed_license, own_case, purpose, days, code):
    with pytest.raises(ValidationFailed) as caught:
        _authorize(citizen, signed_license.id, own_case, purpose=purpose, days=days)
    assert caught.value.code == code
    assert LicenseUseAuthorization.objects.count() == 0
    assert AuditEvent.objects.filter(action="license.use_authorize").count() == 0


def test_a_second_authorisation_for_the_same_application_is_refused(citizen, signed_license, own_case):
    _authorize(citizen, signed_license.id, own_case)
    with pytest.raises(Conflict) as caught:
        _authorize(citizen, signed_license.id, own_case)
    assert caught.value.code == "license.authorization.duplicate"
    assert LicenseUseAuthorization.objects.count() == 1


def test_only_the_holder_may_authorise(stranger, signed_license, own_case):
    with pytest.raises(NotFound):
        _authorize(stranger, signed_license.id, own_case)
    assert LicenseUseAuthorization.objects.count() == 0


def test_revoke_then_revoke_again(citizen, signed_license, own_case):
    info = _authorize(citizen, signed_license.id, own_case)

    revoked = licenses.license_use_revoke(user=citizen, authorization_id=info.id)

    assert revoked.state == "revoked"
    assert licenses.licenses_authorized_for(subject=SubjectRef("case", str(own_case.pk))) == []
    with pytest.raises(Conflict):
        licenses.license_use_revoke(user=citizen, authorization_id=info.id)
    # revoked, a new authorisation for the same application is possible again
    assert _authorize(citizen, signed_license.id, own_case).state == "active"


def test_another_citizen_cannot_revoke(citizen, stranger, signed_license, own_case):
    info = _authorize(citizen, signed_license.id, own_case)
    with pytest.raises(NotFound):
        licenses.license_use_revoke(user=stranger, authorization_id=info.id)
    response = login(stranger).post(f"/me/licenses/authorizations/{info.id}/revoke/")
    assert response.status_code == 404
    assert LicenseUseAuthorization.objects.get(pk=info.id).revoked_at is None


def test_an_authorisation_expires(citizen, signed_license, own_case):
    info = _authorize(citizen, signed_license.id, own_case, days=1)
    subject = SubjectRef("case", str(own_case.pk))
    assert licenses.authorization_in_force(subject=subject, license_id=signed_license.id)

    with time_machine.travel(dt.datetime(2026, 3, 4, 9, 0, tzinfo=TZ), tick=False):
        assert licenses.authorizations_for_holder(user=citizen)[0].state == "expired"
        assert licenses.licenses_authorized_for(subject=subject) == []
        assert not licenses.authorization_in_force(subject=subject, license_id=signed_license.id)
        with pytest.raises(Conflict):
            licenses.license_use_revoke(user=citizen, authorization_id=info.id)


def test_an_invalid_licence_cannot_be_authorised(citizen, signed_license, own_case, issuer, staff_factory):
    from tests.licenses.conftest import actor_of

    first, second = staff_factory(issuer, Role.DECIDER), staff_factory(issuer, Role.DEPARTMENT_ADMIN)
    revocation = licenses.license_revoke_request(
        actor=actor_of(first, issuer), license_id=signed_license.id, reason="吊销"
    )
    licenses.license_revoke_confirm(actor=actor_of(second, issuer), revocation_id=revocation.id)

    with pytest.raises(Conflict) as caught:
        _authorize(citizen, signed_license.id, own_case)
    assert caught.value.code == "license.authorization.license_not_valid"


# --- the portal form --------------------------------------------------------------------------


def test_the_wallet_form_authorises_an_own_application(citizen, signed_license, own_case):
    client = login(citizen)
    response = client.post(
        f"/me/licenses/{signed_license.id}/authorize/",
        {"case": own_case.pk, "purpose": "核验经营主体资格", "expires_on": "2026-03-20"},
    )
    assert response.status_code == 302
    row = LicenseUseAuthorization.objects.get()
    assert row.subject == f"case:{own_case.pk}" and own_case.number in row.subject_label


def test_the_wallet_form_refuses_another_persons_application(citizen, stranger, signed_license, version):
    other_case = draft(stranger, version)
    response = login(citizen).post(
        f"/me/licenses/{signed_license.id}/authorize/",
        {"case": other_case.pk, "purpose": "核验经营主体资格", "expires_on": "2026-03-20"},
    )
    assert response.status_code == 422  # not among the citizen's applications
    assert LicenseUseAuthorization.objects.count() == 0


def test_the_wallet_form_shows_a_missing_purpose(citizen, signed_license, own_case):
    response = login(citizen).post(
        f"/me/licenses/{signed_license.id}/authorize/", {"case": own_case.pk, "purpose": "", "expires_on": "2026-03-20"}
    )
    assert response.status_code == 422
    assert LicenseUseAuthorization.objects.count() == 0


# --- staff see the licence on the case page (and only there) ---------------------------------------


@pytest.fixture
def staff(issuer, other_department):
    def staff_with(role, dept):
        user = factories.staff()
        account_services.role_grant(actor=factories.SYSTEM, user=user, department=dept, role=role)
        return user

    return {
        "reviewer": staff_with(Role.REVIEWER, issuer),
        "other_department": staff_with(Role.REVIEWER, other_department),
        "no_case_role": staff_with(Role.CATALOG_ADMIN, issuer),
    }


def test_staff_see_an_authorised_licence_inline(citizen, signed_license, own_case, staff):
    _authorize(citizen, signed_license.id, own_case)
    client = login(staff["reviewer"])

    page = client.get(f"/workbench/cases/{own_case.pk}/")
    pdf = client.get(f"/workbench/cases/{own_case.pk}/license/{signed_license.id}/")

    assert 'data-testid="authorized-license"' in page.content.decode()
    assert signed_license.identifier in page.content.decode()
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="license.staff_view").count() == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "/workbench/login/"),
        ("citizen", "/workbench/login/"),
        ("other_department", 404),
        ("no_case_role", 403),
    ],
)
def test_case_licence_view_permission_matrix(citizen, signed_license, own_case, staff, who, expected):
    _authorize(citizen, signed_license.id, own_case)
    client = Client() if who == "anonymous" else login(citizen if who == "citizen" else staff[who])
    before = AuditEvent.objects.count()

    response = client.get(f"/workbench/cases/{own_case.pk}/license/{signed_license.id}/")

    if isinstance(expected, int):
        assert response.status_code == expected
    else:
        assert response.status_code == 302 and response["Location"].split("?")[0] == expected
    assert AuditEvent.objects.count() == before


def test_staff_cannot_open_a_licence_the_case_does_not_refer_to(citizen, signed_license, own_case, staff):
    client = login(staff["reviewer"])
    assert client.get(f"/workbench/cases/{own_case.pk}/license/{signed_license.id}/").status_code == 404
    info = _authorize(citizen, signed_license.id, own_case)
    assert client.get(f"/workbench/cases/{own_case.pk}/license/{signed_license.id}/").status_code == 200
    licenses.license_use_revoke(user=citizen, authorization_id=info.id)
    assert client.get(f"/workbench/cases/{own_case.pk}/license/{signed_license.id}/").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "stranger", "staff"])
def test_authorisation_writes_permission_matrix(who, citizen, stranger, signed_license, own_case, staff):
    info = _authorize(citizen, signed_license.id, own_case)
    client = {"anonymous": Client(), "stranger": None, "staff": None}[who] or login(
        stranger if who == "stranger" else staff["reviewer"]
    )
    before = (list(LicenseUseAuthorization.objects.values_list("pk", "revoked_at")), AuditEvent.objects.count())

    authorize = client.post(
        f"/me/licenses/{signed_license.id}/authorize/",
        {"case": own_case.pk, "purpose": "另一个用途说明", "expires_on": "2026-03-20"},
    )
    revoke = client.post(f"/me/licenses/authorizations/{info.id}/revoke/")

    for response in (authorize, revoke):
        if who == "stranger":
            assert response.status_code == 404
        else:
            assert response.status_code == 302 and response["Location"].split("?")[0] == "/login/"
    assert (list(LicenseUseAuthorization.objects.values_list("pk", "revoked_at")), AuditEvent.objects.count()) == before
