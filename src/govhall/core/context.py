"""Per-request context (request id, client address) available to logging and the audit log."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("govhall_request_id", default="")
client_ip_var: ContextVar[str] = ContextVar("govhall_client_ip", default="")
