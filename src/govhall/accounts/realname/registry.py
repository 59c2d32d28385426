"""Which real-name provider is in use: ``settings.GOVHALL_REALNAME_PROVIDER`` (one name).

Built-in providers are listed by dotted path so that nothing is imported until used; a
deployment can add its own with ``realname_provider_register``.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from govhall.accounts.realname.base import ProviderOptions, RealNameProvider
from govhall.core.facade import ConfigurationError

_BUILTIN = {"sandbox": "govhall.accounts.realname.contrib.sandbox.provider.SandboxProvider"}
_REGISTERED: dict[str, type[RealNameProvider]] = {}


def realname_provider_register(provider_class: type[RealNameProvider]) -> type[RealNameProvider]:
    """Make ``provider_class`` selectable by its ``name`` (usable as a class decorator)."""
    _REGISTERED[provider_class.name] = provider_class
    return provider_class


def provider_names() -> list[str]:
    return sorted({*_BUILTIN, *_REGISTERED})


def provider_get(name: str | None = None) -> RealNameProvider:
    """An instance of the configured (or named) provider.

    Raises ``ConfigurationError`` (``realname.provider_not_configured``) when none is configured
    or the name is unknown: verification is then unavailable, never silently skipped."""
    chosen = str(settings.GOVHALL_REALNAME_PROVIDER or "") if name is None else name
    provider_class = _REGISTERED.get(chosen)
    if provider_class is None and chosen in _BUILTIN:
        provider_class = import_string(_BUILTIN[chosen])
    if provider_class is None:
        raise ConfigurationError(
            _("实名核验服务尚未配置，请稍后再试或到政务服务中心窗口办理实名认证。"),
            code="realname.provider_not_configured",
        )
    options = ProviderOptions(
        timeout_seconds=float(settings.GOVHALL_REALNAME_TIMEOUT_SECONDS),
        endpoint=str(getattr(settings, "GOVHALL_REALNAME_ENDPOINT", "") or ""),
    )
    return provider_class(options)
