"""Logging filter that keeps personal data out of logs.

Code must not log personal data in the first place; this filter is the safety net. It masks
anything shaped like a mainland ID number or mobile number and adds the request id.
"""

from __future__ import annotations

import logging
import re

from govhall.core.context import request_id_var

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def mask_text(text: str) -> str:
    text = _ID_NUMBER.sub(lambda m: m.group(1)[:4] + "*" * 10 + m.group(3)[-4:], text)
    return _PHONE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or "-"
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info or record.exc_text:
            # Exception messages can carry input values: mask the formatted traceback too (the
            # formatter reuses ``exc_text`` instead of formatting the exception again).
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)  # type: ignore[arg-type]
            record.exc_text = mask_text(text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
