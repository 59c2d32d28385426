"""The SMS outbox: ``sms_enqueue`` writes a message in the caller's transaction (so a rolled-back
change sends nothing); ``sms_dispatch`` sends what is due through the provider, retrying retryable
failures with back-off up to ``MAX_ATTEMPTS``. Safe to run in several workers at once: each
message is claimed with a row lock (PostgreSQL ``SKIP LOCKED``) and sent at most once."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from govhall.accounts.constants import PHONE_CONTEXT
from govhall.accounts.models import SmsMessage
from govhall.accounts.sms.base import SmsError
from govhall.accounts.sms.registry import sms_provider
from govhall.core.facade import decrypt_text, encrypt_text, mask_phone, parse_mobile_phone

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
SMS_BODY_CONTEXT = "sms.body"


def sms_enqueue(*, phone: str, text: str, purpose: str) -> SmsMessage:
    """Queue one message; must run inside the transaction that needs it. The number and the text
    (it may hold a one-time code) are stored encrypted."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sms_enqueue() must be called inside the transaction that needs the message")
    number = parse_mobile_phone(phone)
    message = SmsMessage.objects.create(
        phone_encrypted=encrypt_text(number, context=PHONE_CONTEXT),
        phone_masked=mask_phone(number),
        body_encrypted=encrypt_text(text, context=SMS_BODY_CONTEXT),
        purpose=purpose,
    )
    sms_send_task.enqueue(message.pk)  # the task row commits with the message, or neither does
    return message


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=30 * 2 ** max(0, attempts - 1))


def sms_dispatch_one(*, message_id: int, now: dt.datetime | None = None) -> str:
    """Send one due message; returns its status afterwards (``pending`` if not due or taken)."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            SmsMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=SmsMessage.Status.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if message is None:
            return SmsMessage.objects.filter(pk=message_id).values_list("status", flat=True).first() or ""
        provider = sms_provider()
        message.attempts += 1
        message.provider = provider.name
        try:
            result = provider.send(
                phone=decrypt_text(message.phone_encrypted, context=PHONE_CONTEXT),
                text=decrypt_text(message.body_encrypted, context=SMS_BODY_CONTEXT),
                attempt=message.attempts,
            )
        except SmsError as error:
            message.error_code = error.code
            if error.retryable and message.attempts < MAX_ATTEMPTS:
                message.next_attempt_at = now + _backoff(message.attempts)
            else:
                message.status = SmsMessage.Status.FAILED
            logger.warning("sms %s attempt %d failed: %s", message.pk, message.attempts, error.code)
        else:
            message.status = SmsMessage.Status.SENT
            message.provider_reference = result.reference
            message.sent_at = now
            message.error_code = ""
        message.save()
        return message.status


def sms_dispatch(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send every due pending message (oldest first); returns counts by resulting status."""
    now = now or timezone.now()
    ids = list(
        SmsMessage.objects.filter(status=SmsMessage.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts: dict[str, int] = {}
    for message_id in ids:
        status = sms_dispatch_one(message_id=message_id, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts


@task()
def sms_send_task(message_id: int) -> str:
    return sms_dispatch_one(message_id=message_id)


@task()
def sms_dispatch_task() -> dict[str, int]:
    """Every 2 minutes: retries and anything a lost task left behind."""
    return sms_dispatch()
