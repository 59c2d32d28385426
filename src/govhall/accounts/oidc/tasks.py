"""Housekeeping for the OIDC provider."""

from __future__ import annotations

from django_tasks import task
from oauth2_provider.models import clear_expired


@task()
def oidc_tokens_clear() -> None:
    """Daily: delete expired and revoked tokens, grants and ID tokens (django-oauth-toolkit's
    ``clear_expired``; idempotent, safe to run twice)."""
    clear_expired()
