"""``govhall license_sharing_credential``: issue, list or revoke the API credentials other
departments' systems use for the licence sharing API (/api/v1/sharing/licenses/)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from govhall.accounts import facade as accounts
from govhall.core.contracts import Actor
from govhall.core.facade import GovhallError
from govhall.licenses import sharing


class Command(BaseCommand):
    help = "Issue, list or revoke licence sharing API credentials (one per department system)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="issue a credential; the token is printed once")
        issue.add_argument("--department", required=True, help="the department's unified social credit code")
        issue.add_argument("--name", required=True, help="the calling system, e.g. 住建局审批系统")
        issue.add_argument(
            "--scope",
            action="append",
            choices=sharing.ALL_SCOPES,
            help="licenses.query and/or licenses.download (default: both)",
        )
        sub.add_parser("list", help="list credentials (never the secrets)")
        revoke = sub.add_parser("revoke", help="revoke a credential at once")
        revoke.add_argument("key_id")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        actor = Actor.system("cli")
        try:
            if action == "issue":
                department = accounts.department_by_credit_code(credit_code=options["department"].strip().upper())
                if department is None:
                    raise CommandError("no department with that credit code")
                issued = sharing.sharing_credential_issue(
                    actor=actor,
                    department_id=department.pk,
                    name=options["name"],
                    scopes=options.get("scope") or list(sharing.ALL_SCOPES),
                )
                self.stdout.write(f"key id: {issued.key_id}  scopes: {', '.join(issued.scopes)}")
                self.stdout.write(f"token (shown once): {issued.token}")
            elif action == "list":
                for item in sharing.sharing_credentials():
                    state = "revoked" if item.revoked_at else "active"
                    self.stdout.write(
                        f"{item.key_id}  {state:<7}  {item.department_name}  {item.name}  {','.join(item.scopes)}"
                    )
            else:
                found = [c for c in sharing.sharing_credentials() if c.key_id == options["key_id"]]
                if not found:
                    raise CommandError("no credential with that key id")
                sharing.sharing_credential_revoke(actor=actor, credential_id=found[0].id)
                self.stdout.write(f"revoked {options['key_id']}")
        except GovhallError as error:
            raise CommandError(error.message) from None
