"""``govhall demo``: load the demo region once (idempotent; re-running adds only what is missing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from govhall.accounts import facade as accounts
from govhall.core.contracts import Actor
from govhall.core.facade import id_number_check_char, make_credit_code, sm3_hex
from govhall.demo import region as demo
from govhall.demo.cases import load_cases
from govhall.demo.catalog import load_catalog
from govhall.demo.identity import load_identity
from govhall.demo.licenses import load_licenses
from govhall.workflow.facade import install_default_processes

ACTOR = Actor.system("demo")
# 张三 L2 (verified by the sandbox provider), 李四 L1, 王芳 L3 (in person), 陈建国 L2.
DEMO_REALNAME_LEVELS = (2, 1, 3, 2)
DEMO_OIDC_CLIENT = "不动产登记业务系统（演示）"
DEMO_OIDC_CALLBACK = "http://127.0.0.1:8765/callback"


def department_credit_code(name: str, region: str) -> str:
    """A valid GB 32100 code for a government body (1 = 机构编制, 1 = 机关) derived from its name."""
    body = str(int(sm3_hex(name.encode())[:12], 16))[-8:].zfill(8)
    return make_credit_code("1", "1", region, body)


def enterprise_credit_code(enterprise: demo.DemoEnterprise) -> str:
    digest = sm3_hex(enterprise.name.encode())
    letters = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "".join(letters[int(digest[i : i + 2], 16) % len(letters)] for i in range(0, 16, 2))
    body = body.replace("I", "1").replace("O", "0").replace("S", "5").replace("V", "U").replace("Z", "2")
    return make_credit_code(enterprise.authority, enterprise.type_code, enterprise.region, body)


def citizen_id_number(citizen: demo.DemoCitizen) -> str:
    first17 = citizen.region + citizen.birth + citizen.sequence
    return first17 + id_number_check_char(first17)


class Command(BaseCommand):
    help = "Load the demo region (漳州市): regions, departments, staff for every role, citizens, enterprises."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="do not print the account list")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        if accounts.region_count() < 3000:
            accounts.region_load_bundled()
        with transaction.atomic():
            departments = self._departments()
            self._staff(departments)
            persons = self._citizens()
            self._identity(persons, departments)
            self._enterprises(persons)
            load_identity(persons, id_number=citizen_id_number, credit_code=enterprise_credit_code)
            load_catalog(departments)
            install_default_processes(actor=ACTOR)
            load_licenses(departments, persons)  # types before the cases: a granted case issues its licence
            load_cases(departments, persons)
        if not quiet:
            self._print_accounts()

    def _departments(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for item in demo.DEPARTMENTS:
            code = department_credit_code(item.name, item.region)
            dept = accounts.department_by_credit_code(credit_code=code)
            if dept is None:
                dept = accounts.department_create(
                    actor=ACTOR,
                    name=item.name,
                    short_name=item.short_name,
                    credit_code=code,
                    region_code=item.region,
                    parent=result.get(item.parent_key) if item.parent_key else None,
                )
            result[item.key] = dept
        return result

    def _staff(self, departments: dict[str, Any]) -> None:
        for item in demo.STAFF:
            user = accounts.user_by_username(username=item.username)
            if user is None:
                user = accounts.staff_create(
                    actor=ACTOR, username=item.username, display_name=item.display_name, password=demo.DEMO_PASSWORD
                )
                if item.enrolled:
                    accounts.totp_enrollment_begin(user=user)
                    accounts.totp_demo_confirm(user=user)
                for dept_key, role in item.roles:
                    accounts.role_grant(actor=ACTOR, user=user, department=departments[dept_key], role=role)

    def _citizens(self) -> list[Any]:
        persons = []
        for item in demo.CITIZENS:
            id_number = citizen_id_number(item)
            person = accounts.person_by_id_number(id_number=id_number)
            if person is None:
                user = accounts.citizen_register(
                    actor=ACTOR, real_name=item.name, id_number=id_number, phone=item.phone, password=demo.DEMO_PASSWORD
                )
                person = user.person
            persons.append(person)
        return persons

    def _identity(self, persons: list[Any], departments: dict[str, Any]) -> None:
        """Real-name levels for the demo citizens and one departmental system signing in through
        govhall's OIDC provider (a public client: PKCE only, so no secret to print)."""
        for person, level in zip(persons, DEMO_REALNAME_LEVELS, strict=False):
            if person.user is not None and accounts.realname_level(user=person.user) < level:
                accounts.realname_demo_level(user=person.user, level=level)
        if any(client.name == DEMO_OIDC_CLIENT for client in accounts.oidc_client_list()):
            return
        admin = accounts.user_by_username(username="sysadmin")
        department = departments.get("natural_resources")
        if admin is None or department is None:
            return
        accounts.oidc_client_create(
            actor=Actor(user_id=admin.pk, role="system_admin"),
            name=DEMO_OIDC_CLIENT,
            department_id=department.pk,
            audience=accounts.OidcAudience.ALL,
            redirect_uris=DEMO_OIDC_CALLBACK,
            post_logout_redirect_uris="http://127.0.0.1:8765/",
            confidential=False,
        )

    def _enterprises(self, persons: list[Any]) -> None:
        for item in demo.ENTERPRISES:
            code = enterprise_credit_code(item)
            if accounts.organization_by_credit_code(credit_code=code) is None:
                accounts.organization_create(
                    actor=ACTOR,
                    name=item.name,
                    credit_code=code,
                    org_type=item.org_type,
                    legal_representative=persons[item.representative],
                    region_code=item.region,
                    address=item.address,
                )

    def _print_accounts(self) -> None:
        out = self.stdout.write
        out("")
        out("govhall demo region: 漳州市 (350600)")
        out(f"  demo password for every account: {demo.DEMO_PASSWORD}")
        out("  citizens  -> http://127.0.0.1:8000/login/  (sign in with ID number or phone)")
        for item in demo.CITIZENS:
            out(f"    {item.name:<6} ID {citizen_id_number(item)}  phone {item.phone}")
        out("  staff     -> http://127.0.0.1:8000/workbench/login/  (password + TOTP)")
        out("    TOTP codes for demo staff: .venv/bin/govhall totp-code USERNAME (embedded demo only);")
        out("    'newstaff' has no TOTP yet and binds an authenticator app at first sign-in.")
        for member in demo.STAFF:
            roles = ", ".join(f"{role}@{dept}" for dept, role in member.roles)
            out(f"    {member.username:<17} {member.display_name:<4} {roles}")
        out("  Django admin (system administrators only): http://127.0.0.1:8000/admin/ as sysadmin")
        out("  identities: 王芳 is a handler (经办人) of 漳州市水仙花食品有限公司; 张三 holds a mandate (代办)")
        out("    from 陈建国 — sign in and use 切换身份 (switch identity) in the header.")
        for client in accounts.oidc_client_list():
            if client.name == DEMO_OIDC_CLIENT:
                out(f"  OIDC (统一身份认证): issuer http://127.0.0.1:8000/o  client_id {client.client_id}")
                out(f"    public client, PKCE S256, redirect {DEMO_OIDC_CALLBACK}")
                out("    departmental systems are registered at /workbench/oidc/ (sysadmin)")
        out("")
