"""The OpenAPI document says what errors look like: every operation lists the problem+json
(RFC 9457) answers it can give, so clients and schemathesis (tests/test_api_fuzz.py) can rely on
the document. Added centrally instead of on each operation: the error shape is the platform's,
not an app's.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from govhall.core.errors import PROBLEM_CONTENT_TYPE

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details. `code` is stable; `title` is translated (zh-hans / en).",
    "type": "object",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "instance": {"type": "string"},
        "field": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {"anyOf": [{"type": "object", "additionalProperties": {"type": "string"}}, {"type": "string"}]},
        },
        "title_zh": {"type": "string"},
        "title_en": {"type": "string"},
        "retry_after": {"type": "integer"},
    },
}

_DESCRIPTIONS = {
    "400": "Bad request",
    "401": "Not signed in",
    "403": "Forbidden (CSRF token missing or role not held)",
    "404": "Not found (missing and forbidden alike)",
    "405": "Method not allowed",
    "409": "Conflict (a concurrent change won, or it already happened)",
    "413": "Upload too large",
    "422": "Invalid input",
    "429": "Too many requests (see Retry-After)",
    "500": "Internal error (nothing about it is revealed)",
    "503": "Configuration missing (e.g. the holiday calendar)",
}
_COMMON = ("400", "404", "422", "429", "500", "503")
_AUTHENTICATED = ("401", "403")
_UNSAFE = ("409", "413")


def _problem(code: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": _DESCRIPTIONS[code],
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if code == "429":
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "string"}, "required": True}
        }
    return response


def add_problem_responses(document: dict[str, Any]) -> dict[str, Any]:
    """Add the platform's problem+json responses to every operation of ``document`` (in place)."""
    document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = list(_COMMON)
            if operation.get("security"):
                codes += _AUTHENTICATED
            if method.lower() in {"post", "put", "patch", "delete"}:
                codes += _UNSAFE
                codes += _AUTHENTICATED  # CSRF refusals are 403; sign-in needed is 401
            responses = operation["responses"]
            for code in codes:
                responses.setdefault(code, _problem(code))
    return document


class ProblemDocumentingAPI(NinjaAPI):
    """``NinjaAPI`` whose OpenAPI document lists the problem+json answers of every operation."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        add_problem_responses(document)
        return document
