"""The public face of core for other apps: import from here (and ``contracts``) only."""

from __future__ import annotations

from govhall.core.audit import RESULT_DENIED, RESULT_FAILED, RESULT_OK, audit_events_for, audit_record, audit_verify
from govhall.core.clock import (
    WorkingCalendar,
    add_working_days,
    is_workday,
    local_date,
    working_days_between,
    working_days_remaining,
)
from govhall.core.compiled import CompiledCompareAndSet, CompiledInsert, CompiledQuery
from govhall.core.context import acting_for_var
from govhall.core.crypto import blind_index, decrypt_text, digest_of, encrypt_text, sm3_hex
from govhall.core.errors import (
    ConfigurationError,
    Conflict,
    GovhallError,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
)
from govhall.core.fields import EncryptedJSONField
from govhall.core.http import safe_next_url
from govhall.core.identifiers import (
    IdentifierError,
    id_number_check_char,
    license_check_char,
    make_credit_code,
    make_license_identifier,
    mask_id_number,
    mask_phone,
    parse_credit_code,
    parse_id_number,
    parse_license_identifier,
    parse_mobile_phone,
    parse_region_code,
)
from govhall.core.logging import mask_text as mask_personal_text
from govhall.core.lru import LruCache
from govhall.core.openapi import ProblemDocumentingAPI
from govhall.core.ratelimit import check as rate_limit_check
from govhall.core.ratelimit import client_address, rate_limit
from govhall.core.scanning import UploadQuarantined, upload_scan
from govhall.core.scheduler import periodic_register
from govhall.core.storage import FileTooLarge, StoredFile, file_delete, file_open, file_store

__all__ = [
    "RESULT_DENIED",
    "RESULT_FAILED",
    "RESULT_OK",
    "CompiledCompareAndSet",
    "CompiledInsert",
    "CompiledQuery",
    "ConfigurationError",
    "Conflict",
    "EncryptedJSONField",
    "FileTooLarge",
    "GovhallError",
    "IdentifierError",
    "LruCache",
    "NotFound",
    "PermissionDenied",
    "ProblemDocumentingAPI",
    "RateLimited",
    "StoredFile",
    "UploadQuarantined",
    "ValidationFailed",
    "WorkingCalendar",
    "acting_for_var",
    "add_working_days",
    "audit_events_for",
    "audit_record",
    "audit_verify",
    "blind_index",
    "client_address",
    "decrypt_text",
    "digest_of",
    "encrypt_text",
    "file_delete",
    "file_open",
    "file_store",
    "id_number_check_char",
    "is_workday",
    "license_check_char",
    "local_date",
    "make_credit_code",
    "make_license_identifier",
    "mask_id_number",
    "mask_personal_text",
    "mask_phone",
    "parse_credit_code",
    "parse_id_number",
    "parse_license_identifier",
    "parse_mobile_phone",
    "parse_region_code",
    "periodic_register",
    "rate_limit",
    "rate_limit_check",
    "safe_next_url",
    "sm3_hex",
    "upload_scan",
    "working_days_between",
    "working_days_remaining",
]
