from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class GovhallBackend(ModelBackend):
    """Loads users for sessions and answers Django admin permission checks.

    It authenticates nothing itself: sign-in goes through ``accounts.services`` (citizen ID or
    phone + password; staff password + TOTP), which are the only code paths that call ``login``.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        return None
