from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from govhall.accounts.selectors import user_by_username
from govhall.accounts.services import totp_demo_code
from govhall.core.facade import GovhallError


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo staff account (embedded default only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = user_by_username(username=username)
        if user is None:
            raise CommandError(f"no such account: {username}")
        try:
            self.stdout.write(totp_demo_code(user=user))
        except GovhallError as error:
            raise CommandError(error.message) from error
