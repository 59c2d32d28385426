"""The sandbox SMS provider: behaves like a carrier gateway but "delivers" into the
``SandboxSmsDelivery`` table (a handset's inbox) instead of a phone.

Documented test numbers (any other valid mobile number is delivered):

- ending in ``0000``: terminal failure ``sms.invalid_number`` (空号), never retried;
- ending in ``9999``: retryable failure ``sms.gateway_busy`` on every attempt (the outbox gives up
  after its attempt limit);
- ending in ``9998``: ``sms.gateway_busy`` on the first attempt only, delivered on the retry.

Option ``delay_seconds`` (default 0) simulates carrier latency: a message becomes visible in the
inbox that many seconds after it was sent.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from govhall.accounts.constants import PHONE_CONTEXT
from govhall.accounts.models import SandboxSmsDelivery
from govhall.accounts.sms.base import SmsError, SmsProvider, SmsResult
from govhall.core.facade import blind_index, parse_mobile_phone


class SandboxSmsProvider(SmsProvider):
    name = "sandbox"

    def send(self, *, phone: str, text: str, attempt: int) -> SmsResult:
        number = parse_mobile_phone(phone)
        if number.endswith("0000"):
            raise SmsError("sms.invalid_number", retryable=False)
        if number.endswith("9999") or (number.endswith("9998") and attempt == 1):
            raise SmsError("sms.gateway_busy", retryable=True)
        reference = f"sbx-{secrets.token_hex(8)}"
        delay = dt.timedelta(seconds=float(self.options.get("delay_seconds", 0)))
        SandboxSmsDelivery.objects.create(
            reference=reference,
            phone_index=blind_index(number, context=PHONE_CONTEXT),
            body=text,
            delivered_at=timezone.now() + delay,
        )
        return SmsResult(reference=reference)


def sandbox_inbox(*, phone: str, now: dt.datetime | None = None) -> list[SandboxSmsDelivery]:
    """Messages the sandbox has delivered to ``phone`` by ``now``, newest first."""
    index = blind_index(parse_mobile_phone(phone), context=PHONE_CONTEXT)
    return list(SandboxSmsDelivery.objects.filter(phone_index=index, delivered_at__lte=now or timezone.now()))
