"""Shared test data builders (factory_boy where a model is built directly, services otherwise)."""

from __future__ import annotations

import itertools

import pyotp

from govhall.accounts import services
from govhall.accounts.constants import TOTP_CONTEXT
from govhall.accounts.models import Department, Region, User
from govhall.core.contracts import Actor
from govhall.core.crypto import decrypt_text
from govhall.core.identifiers import id_number_check_char, make_credit_code

SYSTEM = Actor.system("test")
PASSWORD = "correct-horse-battery"
_seq = itertools.count(100)


def regions() -> None:
    services.region_import(
        rows=[
            ("350000", "福建省", "province", ""),
            ("350600", "漳州市", "prefecture", "350000"),
            ("350602", "芗城区", "county", "350600"),
            ("350603", "龙文区", "county", "350600"),
        ]
    )


def id_number(region: str = "350602", birth: str = "19850312", seq: int | None = None) -> str:
    first17 = f"{region}{birth}{(seq if seq is not None else next(_seq)) % 1000:03d}"
    return first17 + id_number_check_char(first17)


def credit_code(authority: str = "1", org_type: str = "1", region: str = "350600") -> str:
    return make_credit_code(authority, org_type, region, f"{next(_seq):08d}")


def department(name: str | None = None, region: str = "350600") -> Department:
    if not Region.objects.filter(code=region).exists():
        regions()
    return services.department_create(
        actor=SYSTEM, name=name or f"测试局{next(_seq)}", credit_code=credit_code(region=region), region_code=region
    )


def citizen(name: str = "张三", phone: str | None = None, password: str = PASSWORD) -> tuple[User, str]:
    number = id_number()
    phone = phone or f"139{next(_seq):08d}"
    user = services.citizen_register(actor=SYSTEM, real_name=name, id_number=number, phone=phone, password=password)
    return user, number


def staff(username: str | None = None, *, enrolled: bool = True, password: str = PASSWORD) -> User:
    user = services.staff_create(
        actor=SYSTEM, username=username or f"staff{next(_seq)}", display_name="测试员", password=password
    )
    if enrolled:
        services.totp_enrollment_begin(user=user)
        services.totp_demo_confirm(user=user)
        user.refresh_from_db()
    return user


def totp_code(user: User, *, offset_steps: int = 0) -> str:
    user.refresh_from_db()
    totp = pyotp.TOTP(decrypt_text(user.totp_secret, context=TOTP_CONTEXT))
    import time

    return str(totp.at(int(time.time()) + 30 * offset_steps))
