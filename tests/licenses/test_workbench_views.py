"""The workbench licence pages end to end: two staff members revoke, the same one cannot confirm,
cancel, renew, and the public page follows at once."""

from __future__ import annotations

import pytest
from django.test import Client

from govhall.core.models import AuditEvent
from govhall.licenses import facade as licenses
from govhall.licenses.models import License, LicenseRevocation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_pdf")]
BACKEND = "govhall.accounts.backends.GovhallBackend"


def _client(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def test_two_person_revocation_through_the_pages(signed_license, decider_user, second_decider_user):
    first, second = _client(decider_user), _client(second_decider_user)
    page = f"/workbench/licenses/{signed_license.id}/"
    assert 'data-testid="form-revoke"' in first.get(page).content.decode()

    response = first.post(f"{page}revoke/", {"reason": "", "legal_basis": ""})
    assert response.status_code == 400 and not LicenseRevocation.objects.exists()

    response = first.post(f"{page}revoke/", {"reason": "以欺骗手段取得许可", "legal_basis": "《行政许可法》第六十九条"})
    assert response.status_code == 302
    revocation = LicenseRevocation.objects.get()

    # the requester cannot confirm their own request: a clear message, nothing changes
    response = first.post(f"{page}revocations/{revocation.pk}/confirm/", follow=True)
    html = response.content.decode()
    assert "另一名工作人员" in html
    assert License.objects.get(pk=signed_license.id).status == "valid"
    assert (
        'data-license-status="valid"'
        in Client().get("/licenses/verify/", {"identifier": signed_license.identifier}).content.decode()
    )

    response = second.post(f"{page}revocations/{revocation.pk}/confirm/", follow=True)
    assert "已确认吊销" in response.content.decode()
    assert License.objects.get(pk=signed_license.id).status == "revoked"
    html = Client().get("/licenses/verify/", {"identifier": signed_license.identifier}).content.decode()
    assert 'data-license-status="revoked"' in html
    assert AuditEvent.objects.filter(action="license.revoke", actor_id=second_decider_user.pk).count() == 1


def test_a_revocation_of_another_licence_is_not_found(signed_license, business_type, issuer, enterprise, decider_user):
    from .conftest import actor_of, issue

    other = issue("business_license", issuer, enterprise=enterprise)
    request = licenses.license_revoke_request(actor=actor_of(decider_user), license_id=other.id, reason="x")
    response = _client(decider_user).post(f"/workbench/licenses/{signed_license.id}/revocations/{request.id}/withdraw/")
    assert response.status_code == 404
    assert LicenseRevocation.objects.get(pk=request.id).status == "requested"


def test_cancel_and_renew_through_the_pages(signed_license, decider_user):
    client = _client(decider_user)
    response = client.post(f"/workbench/licenses/{signed_license.id}/renew/")
    assert response.status_code == 302
    new = License.objects.get(replaces_id=signed_license.id)
    assert response["Location"] == f"/workbench/licenses/{new.pk}/"
    assert licenses.license_sign(license_id=new.pk) == "signed"
    assert License.objects.get(pk=signed_license.id).status == "replaced"

    response = client.post(f"/workbench/licenses/{new.pk}/cancel/", {"cancel-reason": "经营者申请注销"})
    assert response.status_code == 302
    assert License.objects.get(pk=new.pk).status == "cancelled"
    response = client.post(f"/workbench/licenses/{new.pk}/cancel/", {"cancel-reason": "again"}, follow=True)
    assert "不能注销" in response.content.decode()


def test_staff_pdf_view_is_audited(signed_license, decider_user):
    response = _client(decider_user).get(f"/workbench/licenses/{signed_license.id}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="license.staff_view", actor_id=decider_user.pk).count() == 1


def test_list_filters_and_pending_box(signed_license, decider_user, second_decider_user):
    from .conftest import actor_of

    licenses.license_revoke_request(actor=actor_of(decider_user), license_id=signed_license.id, reason="待复核")
    html = _client(second_decider_user).get("/workbench/licenses/").content.decode()
    assert 'data-testid="pending-revocations"' in html and "待复核" in html
    html = _client(second_decider_user).get("/workbench/licenses/", {"status": "revoked"}).content.decode()
    assert signed_license.identifier not in html


def test_nav_link_only_for_licence_managers(issuer, decider_user, staff_factory):
    from govhall.accounts.constants import Role

    reviewer = staff_factory(issuer, Role.REVIEWER)
    assert 'data-testid="nav-licenses"' in _client(decider_user).get("/workbench/").content.decode()
    assert 'data-testid="nav-licenses"' not in _client(reviewer).get("/workbench/").content.decode()
