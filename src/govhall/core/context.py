"""Per-request context (request id, client address) available to logging and the audit log."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("govhall_request_id", default="")
client_ip_var: ContextVar[str] = ContextVar("govhall_client_ip", default="")
# Whom a citizen acts for in this request after an explicit identity switch ("organization:5" for an
# enterprise handler, "mandate:7" for an agent); empty when acting as themselves. Set by accounts'
# identity middleware; the audit log records it with every event.
acting_for_var: ContextVar[str] = ContextVar("govhall_acting_for", default="")
