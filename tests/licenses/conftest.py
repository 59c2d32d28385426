"""Shared licence fixtures. The demo CA chain and SM2 key are generated ONCE per test session
(``licence_keys``) and every test points the settings at them; PDFs go to a per-test directory."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from govhall.accounts import services as account_services
from govhall.accounts.constants import Role
from govhall.core.contracts import Actor
from govhall.licenses import facade as licenses
from tests import factories

SYSTEM = Actor.system("test")
BUSINESS_SCHEMA = {
    "type": "object",
    "properties": {
        "business_scope": {"type": "string", "title": "经营范围", "maxLength": 200},
        "address": {"type": "string", "title": "住所", "maxLength": 100},
    },
    "required": ["business_scope"],
}
BUSINESS_DATA = {"business_scope": "小吃服务；预包装食品销售", "address": "芗城区延安北路1号"}
PERSON_SCHEMA = {"type": "object", "properties": {"level": {"type": "string", "title": "等级"}}}


@pytest.fixture(scope="session")
def licence_keys(tmp_path_factory):
    from govhall.licenses.signing import demo_pki_generate

    return demo_pki_generate(tmp_path_factory.mktemp("licence-pki") / "keys")


@pytest.fixture(autouse=True)
def _licence_settings(settings, tmp_path, licence_keys):
    settings.GOVHALL_LICENSE_KEY_DIR = licence_keys
    settings.GOVHALL_LICENSE_PKCS12_PATH = ""
    settings.GOVHALL_LICENSE_SM2_KEY_PATH = ""
    settings.GOVHALL_PUBLIC_BASE_URL = "https://zwfw.example.gov.cn"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def a_monday():
    import time_machine

    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=True):
        yield


@pytest.fixture
def issuer(db):
    return factories.department("漳州市市场监督管理局")


@pytest.fixture
def other_department(db):
    return factories.department("漳州市住房和城乡建设局")


def _staff(department, role):
    user = factories.staff()
    account_services.role_grant(actor=factories.SYSTEM, user=user, department=department, role=role)
    return user


@pytest.fixture
def staff_factory():
    return _staff


@pytest.fixture
def decider_user(issuer):
    return _staff(issuer, Role.DECIDER)


@pytest.fixture
def second_decider_user(issuer):
    return _staff(issuer, Role.DEPARTMENT_ADMIN)


def actor_of(user, department=None):
    return Actor(user_id=user.pk, role="staff", department_id=department.pk if department else None)


@pytest.fixture
def business_type(issuer):
    return licenses.license_type_save(
        actor=SYSTEM,
        code="business_license",
        type_code=issuer.credit_code + "001",
        name="营业执照",
        holder_kind="organization",
        data_schema=BUSINESS_SCHEMA,
        validity_unit="years",
        validity_amount=5,
        issuing_department_ids=[issuer.pk],
    )


@pytest.fixture
def person_type(issuer):
    return licenses.license_type_save(
        actor=SYSTEM,
        code="mandarin_certificate",
        type_code=issuer.credit_code + "002",
        name="普通话水平测试等级证书",
        holder_kind="person",
        data_schema=PERSON_SCHEMA,
        validity_unit="unlimited",
        validity_amount=0,
    )


@pytest.fixture
def citizen(db):
    user, _number = factories.citizen(name="欧阳娜娜")
    return user


@pytest.fixture
def enterprise(citizen):
    return account_services.organization_create(
        actor=SYSTEM,
        name="漳州市芗城区闽南小吃店",
        credit_code=factories.credit_code(authority="9", org_type="2", region="350602"),
        org_type="individual_business",
        legal_representative=citizen.person,
        region_code="350602",
    )


def issue(license_type_code, issuer, *, enterprise=None, person=None, data=None, sign=True, **kwargs):
    info = licenses.license_issue(
        actor=SYSTEM,
        license_type_code=license_type_code,
        issuer_department_id=issuer.pk,
        holder_organization_id=enterprise.pk if enterprise else None,
        holder_person_id=person.pk if person else None,
        data=data if data is not None else BUSINESS_DATA,
        **kwargs,
    )
    if sign:
        assert licenses.license_sign(license_id=info.id) == "signed"
        info = licenses.license_get(license_id=info.id)
    return info


@pytest.fixture
def signed_license(business_type, issuer, enterprise):
    return issue("business_license", issuer, enterprise=enterprise)


@pytest.fixture(scope="session")
def _tiny_pdf():
    from weasyprint import HTML

    return HTML(string="<p>电子证照（测试）</p>").write_pdf()


@pytest.fixture
def quick_pdf(monkeypatch, _tiny_pdf):
    """For tests about access and lifecycle, not layout: skip the full A4 layout rendering (the
    signature, storage and every service still run for real)."""
    from govhall.licenses import documents

    monkeypatch.setattr(documents, "render_license_pdf", lambda license, *, qr_payload: _tiny_pdf)
