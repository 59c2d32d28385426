"""Idempotency keys for create / submit / decide: a retry with the same key returns the first
result; the same key for another case or another request body is refused. Used by the services,
inside their transactions, so the key and the change commit together."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from govhall.cases.models import Case, IdempotencyKey
from govhall.core.facade import CompiledInsert, CompiledQuery, Conflict, ValidationFailed


def check_key(key: str | None) -> str | None:
    """Normalise a client key; ``idempotency.invalid`` unless 8–100 characters."""
    if key is None or key == "":
        return None
    key = key.strip()
    if not 8 <= len(key) <= 100:
        raise ValidationFailed(_("Idempotency-Key 长度应为8至100个字符。"), code="idempotency.invalid")
    return key


def digest(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


# Two columns by the unique (user, scope, key); compiled once per process (core/compiled.py).
_PREVIOUS = CompiledQuery(
    lambda user_id, scope, key: IdempotencyKey.objects.filter(user_id=user_id, scope=scope, key=key).values_list(
        "case_id", "request_digest"
    ),
    params=(int, str, str),
)


_KEY_INSERT = CompiledInsert(IdempotencyKey)


def _mismatch() -> Conflict:
    return Conflict(_("该请求编号已用于另一份申请或另一内容，请勿重复使用。"), code="idempotency.mismatch")


def replay(
    *, user_id: int | None, scope: str, key: str | None, case_id: int | None = None, request_digest: str | None = None
) -> Case | None:
    """The case a previous request with ``key`` produced, or None. Refuses a key reused for another
    case (``case_id``) or with another body (``request_digest``)."""
    if not key or user_id is None:
        return None
    # Two columns first (a first submission finds nothing, and a case row is costly to build).
    previous = _PREVIOUS.first(int(user_id), scope, key)
    if previous is None:
        return None
    previous_case_id, previous_digest = previous
    if case_id is not None and previous_case_id != case_id:
        raise _mismatch()
    if request_digest is not None and previous_digest and previous_digest != request_digest:
        raise _mismatch()
    return Case.objects.get(pk=previous_case_id)


def remember(*, user_id: int | None, scope: str, key: str | None, case: Case, request_digest: str = "") -> None:
    """Record the key for ``case``; a concurrent request that stored it first wins (``mismatch``)."""
    if not key or user_id is None:
        return
    try:
        # No savepoint: a key stored first by a concurrent request ends this transaction anyway.
        with transaction.atomic(savepoint=False):
            _KEY_INSERT.create(user_id=user_id, scope=scope, key=key, request_digest=request_digest, case=case)
    except IntegrityError:
        raise _mismatch() from None
