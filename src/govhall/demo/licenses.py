"""Demo electronic licences: licence types for the catalogue's licence codes, and real signed
licences held by the demo citizens and enterprises — one revoked (by two staff members), one
expiring within the renewal window. (A sharing API credential is a secret shown once: issue one
with ``govhall license_sharing_credential issue --department <credit code> --name <system>``.)

Issued through the licences services like any licence (identifier, PDF, PAdES signature, SM2-signed
QR), signed inline so the wallet is full right after ``govhall demo``. Idempotent: every demo
licence has a ``demo:…`` source, so a re-run finds it instead of issuing again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from govhall.accounts import facade as accounts
from govhall.core.contracts import Actor
from govhall.core.facade import local_date
from govhall.licenses import facade as licenses

ACTOR = Actor.system("demo")


def _schema(*fields: tuple[str, str]) -> dict[str, Any]:
    """Face data fields (all optional, extra fields allowed: a granted case's form becomes the data)."""
    return {"type": "object", "properties": {name: {"type": "string", "title": title} for name, title in fields}}


@dataclass(frozen=True)
class DemoLicenseType:
    code: str
    name: str
    holder_kind: str
    department: str  # demo department key (the defining/issuing authority)
    number: str  # 3 digits after the authority's credit code (GB/T 36904 type code)
    validity_unit: str
    validity_amount: int
    fields: tuple[tuple[str, str], ...] = ()


ORG, PERSON = "organization", "person"
LICENSE_TYPES = [
    DemoLicenseType(
        "business_license",
        "营业执照",
        ORG,
        "market",
        "001",
        "unlimited",
        0,
        (("business_scope", "经营范围"), ("registered_capital", "注册资本"), ("address", "住所")),
    ),
    DemoLicenseType(
        "food_operation_license",
        "食品经营许可证",
        ORG,
        "market",
        "002",
        "years",
        5,
        (("business_items", "经营项目"), ("premises", "经营场所")),
    ),
    DemoLicenseType(
        "drug_business_license",
        "药品经营许可证",
        ORG,
        "market",
        "003",
        "years",
        5,
        (("business_scope", "经营范围"), ("warehouse", "仓库地址")),
    ),
    DemoLicenseType(
        "construction_permit",
        "建筑工程施工许可证",
        ORG,
        "housing",
        "001",
        "years",
        3,
        (("project_name", "工程名称"), ("project_address", "建设地址"), ("contract_price", "合同价格")),
    ),
    DemoLicenseType(
        "gas_business_license",
        "燃气经营许可证",
        ORG,
        "housing",
        "002",
        "years",
        3,
        (("business_scope", "经营类别"), ("premises", "经营区域")),
    ),
    DemoLicenseType(
        "hr_service_license",
        "人力资源服务许可证",
        ORG,
        "hrss",
        "001",
        "years",
        5,
        (("service_scope", "服务范围"),),
    ),
    DemoLicenseType(
        "real_estate_certificate",
        "不动产权证书",
        PERSON,
        "natural_resources",
        "001",
        "unlimited",
        0,
        (("location", "坐落"), ("unit_number", "不动产单元号"), ("usage", "用途"), ("area", "面积")),
    ),
    DemoLicenseType(
        "marriage_certificate",
        "结婚证",
        PERSON,
        "civil_affairs",
        "001",
        "unlimited",
        0,
        (("spouse", "配偶姓名"), ("registered_on", "登记日期")),
    ),
    DemoLicenseType(
        "driving_license",
        "机动车驾驶证",
        PERSON,
        "public_security",
        "001",
        "years",
        6,
        (("vehicle_class", "准驾车型"),),
    ),
]


@dataclass(frozen=True)
class DemoLicense:
    key: str
    type_code: str
    issuer: str  # demo department key
    person: int | None = None  # index into region.CITIZENS
    enterprise: int | None = None  # index into region.ENTERPRISES
    data: dict[str, str] = field(default_factory=dict)
    expires_in_days: int | None = None  # set: an explicit end date (expiring soon)
    revoke: str = ""  # a reason: revoked by two staff members of the issuer


LICENSES = [
    DemoLicense(
        "xiaochi-business",
        "business_license",
        "xiangcheng_market",
        enterprise=0,
        data={
            "business_scope": "小吃服务；预包装食品销售",
            "registered_capital": "10万元",
            "address": "漳州市芗城区延安北路1号",
        },
    ),
    DemoLicense(
        "xiaochi-food",
        "food_operation_license",
        "xiangcheng_market",
        enterprise=0,
        data={"business_items": "热食类食品制售", "premises": "漳州市芗城区延安北路1号"},
        expires_in_days=20,
    ),
    DemoLicense(
        "shuixian-business",
        "business_license",
        "market",
        enterprise=1,
        data={
            "business_scope": "食品生产；食品销售",
            "registered_capital": "500万元",
            "address": "漳州市芗城区胜利西路88号",
        },
    ),
    DemoLicense(
        "shuixian-food",
        "food_operation_license",
        "market",
        enterprise=1,
        data={"business_items": "预包装食品（含冷藏冷冻食品）销售", "premises": "漳州市芗城区胜利西路88号"},
        revoke="经查实该企业以欺骗手段取得食品经营许可（演示数据）",
    ),
    DemoLicense(
        "longwen-business",
        "business_license",
        "market",
        enterprise=2,
        data={
            "business_scope": "房屋建筑工程施工总承包",
            "registered_capital": "2000万元",
            "address": "漳州市龙文区建元东路6号",
        },
    ),
    DemoLicense(
        "longwen-construction",
        "construction_permit",
        "housing",
        enterprise=2,
        data={
            "project_name": "龙文区蓝田片区安置房项目",
            "project_address": "漳州市龙文区蓝田街道",
            "contract_price": "8600万元",
        },
    ),
    DemoLicense(
        "zhangsan-home",
        "real_estate_certificate",
        "natural_resources",
        person=0,
        data={
            "location": "漳州市芗城区新华西路12号3幢502室",
            "unit_number": "350602001001GB00012F00030502",
            "usage": "住宅",
            "area": "98.6平方米",
        },
    ),
    DemoLicense("zhangsan-driving", "driving_license", "public_security", person=0, data={"vehicle_class": "C1"}),
    DemoLicense(
        "wangfang-marriage",
        "marriage_certificate",
        "civil_affairs",
        person=2,
        data={"spouse": "陈**", "registered_on": "2005-10-01"},
    ),
]


def _types(departments: dict[str, Any]) -> None:
    for item in LICENSE_TYPES:
        department = departments[item.department]
        licenses.license_type_save(
            actor=ACTOR,
            code=item.code,
            type_code=department.credit_code + item.number,
            name=item.name,
            holder_kind=item.holder_kind,
            data_schema=_schema(*item.fields),
            validity_unit=item.validity_unit,
            validity_amount=item.validity_amount,
        )


def _revoke(info: Any, reason: str, department: Any) -> None:
    requester, confirmer = (
        accounts.user_by_username(username="decider"),
        accounts.user_by_username(username="dept_admin"),
    )
    if requester is None or confirmer is None:
        return
    revocation = licenses.license_revoke_request(
        actor=Actor(user_id=requester.pk, role="decider", department_id=department.pk),
        license_id=info.id,
        reason=reason,
        legal_basis="《中华人民共和国行政许可法》第六十九条",
    )
    licenses.license_revoke_confirm(
        actor=Actor(user_id=confirmer.pk, role="department_admin", department_id=department.pk),
        revocation_id=revocation.id,
    )


def load_licenses(departments: dict[str, Any], persons: list[Any]) -> dict[str, Any]:
    """Licence types and the demo licences (signed); returns the licences by key. Needs the
    departments, the demo staff, citizens (``persons``) and enterprises."""
    from govhall.demo import region

    _types(departments)
    today = local_date(timezone.now())
    enterprises: list[Any] = [
        accounts.organization_by_credit_code(credit_code=_enterprise_code(item)) for item in region.ENTERPRISES
    ]
    issued: dict[str, Any] = {}
    for item in LICENSES:
        until = today + dt.timedelta(days=item.expires_in_days) if item.expires_in_days is not None else None
        info: Any = licenses.license_issue(
            actor=ACTOR,
            license_type_code=item.type_code,
            issuer_department_id=departments[item.issuer].pk,
            holder_person_id=persons[item.person].pk if item.person is not None else None,
            holder_organization_id=enterprises[item.enterprise].pk if item.enterprise is not None else None,
            data=item.data,
            source=f"demo:{item.key}",
            # the expiring-soon licence ran its 5 years: it started 5 years before its end
            valid_from=until.replace(year=until.year - 5) if until is not None else None,
            valid_until=until,
        )
        if info.stored_status == "pending":
            licenses.license_sign(license_id=info.id)
            info = licenses.license_get(license_id=info.id)
        if item.revoke and info.stored_status == "valid":
            _revoke(info, item.revoke, departments[item.issuer])
            info = licenses.license_get(license_id=info.id)
        issued[item.key] = info
    return issued


def _enterprise_code(item: Any) -> str:
    from govhall.demo.management.commands.demo import enterprise_credit_code

    return enterprise_credit_code(item)
