"""Which SMS provider runs: ``GOVHALL_SMS_PROVIDER`` names one registered here (default ``sandbox``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from govhall.accounts.sms.base import SmsProvider
from govhall.core.facade import ConfigurationError

_PROVIDERS: dict[str, str] = {
    "sandbox": "govhall.accounts.sms.contrib.sandbox.provider.SandboxSmsProvider",
}


def sms_provider_register(*, name: str, dotted_path: str) -> None:
    """Make a provider class available under ``name`` (a deployment's own gateway, for example)."""
    _PROVIDERS[name] = dotted_path


def sms_provider() -> SmsProvider:
    name = str(getattr(settings, "GOVHALL_SMS_PROVIDER", "sandbox"))
    if not name:
        raise ConfigurationError("no SMS provider configured (GOVHALL_SMS_PROVIDER)")
    if name not in _PROVIDERS:
        raise ConfigurationError(f"unknown SMS provider {name!r}; known: {', '.join(sorted(_PROVIDERS))}")
    provider_class = import_string(_PROVIDERS[name])
    provider: SmsProvider = provider_class(getattr(settings, "GOVHALL_SMS_OPTIONS", {}) or {})
    return provider
