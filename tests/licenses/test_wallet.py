"""我的证照: a citizen sees only their own licences (and their organisations'), downloads the
signed PDF and shows the QR code; everyone else gets "not found" or the sign-in page."""

from __future__ import annotations

import pytest

from govhall.accounts.constants import Role
from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from tests import factories
from tests.licenses.conftest import issue
from tests.licenses.use_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_license(person_type, issuer, citizen):
    return issue("mandarin_certificate", issuer, person=citizen.person, data={"level": "一级乙等"})


@pytest.fixture
def stranger(issuer):
    user, _number = factories.citizen(name="李四")
    return user


def test_the_wallet_lists_own_and_represented_organisations_licences(citizen, signed_license, person_license):
    page = login(citizen).get("/me/licenses/")

    assert page.status_code == 200
    html = page.content.decode()
    assert signed_license.identifier in html and person_license.identifier in html
    entries = licenses.wallet_licenses(user=citizen)
    assert [e.license.id for e in entries] == [person_license.id, signed_license.id]  # the person's own first
    assert entries[1].holder_label == "漳州市芗城区闽南小吃店"


def test_another_citizen_sees_none_of_them(stranger, signed_license, person_license):
    page = login(stranger).get("/me/licenses/")

    assert page.status_code == 200
    assert signed_license.identifier not in page.content.decode()
    assert 'data-testid="wallet-empty"' in page.content.decode()
    assert licenses.wallet_licenses(user=stranger) == []


def test_pending_licences_are_not_in_the_wallet(citizen, business_type, issuer, enterprise):
    pending = issue("business_license", issuer, enterprise=enterprise, sign=False)
    assert pending.id not in [e.license.id for e in licenses.wallet_licenses(user=citizen)]
    assert login(citizen).get(f"/me/licenses/{pending.id}/").status_code == 404


def test_the_holder_downloads_the_signed_pdf_and_it_is_audited(citizen, signed_license):
    before = AuditEvent.objects.filter(action="license.holder_download").count()

    response = login(citizen).get(f"/me/licenses/{signed_license.id}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and b"/ByteRange" in body  # a signed PDF
    assert AuditEvent.objects.filter(action="license.holder_download").count() == before + 1


def test_the_detail_page_shows_the_qr_code_and_the_svg_is_served(citizen, signed_license):
    client = login(citizen)

    page = client.get(f"/me/licenses/{signed_license.id}/")
    qr = client.get(f"/me/licenses/{signed_license.id}/qr.svg")

    assert page.status_code == 200
    assert f"/me/licenses/{signed_license.id}/qr.svg" in page.content.decode()
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content


def test_the_wallet_marks_a_licence_expiring_soon(citizen, business_type, issuer, enterprise):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    issue(
        "business_license",
        issuer,
        enterprise=enterprise,
        valid_from=today - dt.timedelta(days=300),
        valid_until=today + dt.timedelta(days=10),
    )
    entries = licenses.wallet_licenses(user=citizen)
    assert [e.expiring_soon for e in entries] == [True]
    assert 'data-testid="expiring-soon"' in login(citizen).get("/me/licenses/").content.decode()


# --- permission matrix: every wallet page, every kind of visitor ----------------------------------

PAGES = ["/me/licenses/{id}/", "/me/licenses/{id}/pdf/", "/me/licenses/{id}/qr.svg"]


@pytest.fixture
def visitors(issuer, other_department, stranger):
    def staff_with(role, department):
        user = factories.staff()
        from govhall.accounts import services

        services.role_grant(actor=factories.SYSTEM, user=user, department=department, role=role)
        return user

    return {
        "anonymous": None,
        "stranger": stranger,
        "staff_other_department": staff_with(Role.DECIDER, other_department),
        "staff_issuing_department": staff_with(Role.DECIDER, issuer),
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "/login/"),
        ("stranger", 404),
        ("staff_other_department", "/login/"),
        ("staff_issuing_department", "/login/"),
    ],
)
def test_wallet_pages_permission_matrix(visitors, signed_license, page, who, expected):
    from django.test import Client

    client = Client() if visitors[who] is None else login(visitors[who])
    before = AuditEvent.objects.count()

    response = client.get(page.format(id=signed_license.id))

    if isinstance(expected, int):
        assert response.status_code == expected
    else:
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == expected
    assert AuditEvent.objects.count() == before  # nothing recorded, nothing downloaded


@pytest.mark.parametrize("page", ["/me/licenses/", *PAGES])
def test_the_owner_gets_every_wallet_page(citizen, signed_license, page):
    assert login(citizen).get(page.format(id=signed_license.id)).status_code == 200


def test_wallet_pages_refuse_writes_by_get_and_unknown_methods(citizen, signed_license):
    client = login(citizen)
    assert client.post(f"/me/licenses/{signed_license.id}/pdf/").status_code == 405
    assert client.get(f"/me/licenses/{signed_license.id}/authorize/").status_code == 405


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "/login/"),
        ("stranger", 200),
        ("staff_other_department", "/login/"),
        ("staff_issuing_department", "/login/"),
    ],
)
def test_wallet_list_permission_matrix(visitors, signed_license, who, expected):
    from django.test import Client

    client = Client() if visitors[who] is None else login(visitors[who])

    response = client.get("/me/licenses/")

    if isinstance(expected, int):
        assert response.status_code == expected
        assert signed_license.identifier not in response.content.decode()  # a stranger's own, empty wallet
    else:
        assert response.status_code == 302 and response["Location"].split("?")[0] == expected
