"""Model fields that keep personal data encrypted at rest (DESIGN.md §9)."""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from govhall.core.crypto import decrypt_text, encrypt_text, is_encrypted


class EncryptedJSONField(models.TextField):
    """A JSON value (dict/list/str/number) stored as SM4-GCM ciphertext bound to ``context``.

    Application forms hold mobile numbers, addresses and other personal data typed by applicants:
    the database sees only ciphertext. Python code reads and writes plain values, exactly like a
    ``JSONField``; the value cannot be filtered on in SQL (nothing does, by design). A legacy
    plain-JSON value (written before the column was encrypted) still reads, and is encrypted by the
    migration that introduced the field."""

    # for django-stubs: Python code sees JSON values, not the stored text
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def __init__(self, *args: Any, context: str = "", **kwargs: Any) -> None:
        self.context = context
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["context"] = self.context
        return name, path, args, kwargs

    def _decode(self, value: str) -> Any:
        text = decrypt_text(value, context=self.context) if is_encrypted(value) else value
        return json.loads(text) if text else None

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return self._decode(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return self._decode(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return encrypt_text(json.dumps(value, ensure_ascii=False, sort_keys=True), context=self.context)

    def value_to_string(self, obj: Any) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)
