"""A small fixed-window rate limiter keyed by client address and purpose.

Each purpose (``login``, ``register``, ``sms_code``, ``search`` …) has a limit ``"<count>/<seconds>"``
in ``settings.GOVHALL_RATE_LIMITS`` (environment: ``GOVHALL_RATE_LIMIT_<PURPOSE>``; ``0/…`` turns
the purpose off). Counters live in the ``ratelimit`` cache: local memory in the embedded default
(one process), Redis in production so every web node shares them (DESIGN.md §7).

Fixed windows are cheap (one atomic ``incr`` per request) and good enough against guessing and
scraping; the account lockout in accounts stays the defence against guessing one account's password.
The key is a keyed hash of the address, so addresses are not stored in the cache in clear.
"""

from __future__ import annotations

import ipaddress
import json
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from govhall.core.crypto import blind_index
from govhall.core.errors import PROBLEM_CONTENT_TYPE, RateLimited

CACHE_ALIAS = "ratelimit"
_KEY_CONTEXT = "ratelimit.client"
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    seconds: int


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    remaining: int
    retry_after: int


def parse_limit(text: str) -> Limit:
    """``"20/300"`` → ``Limit(20, 300)``. Raises ``ValueError`` for anything else."""
    count_text, sep, seconds_text = text.strip().partition("/")
    if not sep:
        raise ValueError(f"rate limit must look like '<count>/<seconds>', got {text!r}")
    count, seconds = int(count_text), int(seconds_text)
    if count < 0 or seconds <= 0:
        raise ValueError(f"rate limit needs count >= 0 and seconds > 0, got {text!r}")
    return Limit(count, seconds)


def limit_for(purpose: str) -> Limit:
    configured: dict[str, str] = getattr(settings, "GOVHALL_RATE_LIMITS", {})
    if purpose not in configured:
        raise KeyError(f"no rate limit configured for purpose {purpose!r} (settings.GOVHALL_RATE_LIMITS)")
    return parse_limit(configured[purpose])


def client_ip(request: HttpRequest) -> str:
    """The client's address, or "" when none is known: ``REMOTE_ADDR``, or behind a trusted proxy
    (``GOVHALL_BEHIND_PROXY``) the address it appended last to ``X-Forwarded-For`` (earlier
    entries are whatever the client chose to send). A last entry that is not an IP address (a
    request that bypassed the proxy with a header of its own) is ignored: it would otherwise
    reach the audit log's 64-character column and fail the change it records."""
    if getattr(settings, "GOVHALL_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops and _is_ip(hops[-1]):
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", "") or "")


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str:
    """``client_ip``, or "unknown" (one shared rate-limit bucket) when none is known."""
    return client_ip(request) or "unknown"


def hit(*, purpose: str, client: str, now: float | None = None) -> Verdict:
    """Count one request of ``client`` for ``purpose``; say whether it is within the limit.

    Raises ``KeyError`` for a purpose without a configured limit (a programming error).
    """
    limit = limit_for(purpose)
    if limit.count == 0:
        return Verdict(allowed=True, remaining=0, retry_after=0)
    moment = time.time() if now is None else now
    window = int(moment // limit.seconds)
    key = f"rl:{purpose}:{blind_index(client, context=_KEY_CONTEXT)[:32]}:{window}"
    cache = caches[CACHE_ALIAS]
    # add() is a no-op when the key exists; incr() is atomic in Redis and locked in local memory.
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=limit.seconds + 1)
        count = 1
    retry_after = max(1, math.ceil((window + 1) * limit.seconds - moment))
    if count > limit.count:
        return Verdict(allowed=False, remaining=0, retry_after=retry_after)
    return Verdict(allowed=True, remaining=limit.count - count, retry_after=0)


def check(*, purpose: str, request: HttpRequest) -> None:
    """Count the request; raise ``RateLimited`` (``rate_limited.<purpose>``, HTTP 429) over the limit.

    For services and API operations; the exception carries ``retry_after`` (seconds).
    """
    verdict = hit(purpose=purpose, client=client_address(request))
    if not verdict.allowed:
        raise rate_limited_error(purpose=purpose, retry_after=verdict.retry_after)


def rate_limited_error(*, purpose: str, retry_after: int) -> RateLimited:
    error = RateLimited(
        _("请求过于频繁，请在%(seconds)d秒后再试。"),
        code=f"rate_limited.{purpose}",
        params={"seconds": retry_after},
    )
    error.retry_after = retry_after  # type: ignore[attr-defined]
    return error


def problem_response_429(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """problem+json with the message in the active language and in the other one (Chinese +
    English), and ``Retry-After``."""
    retry_after = int(getattr(error, "retry_after", 60))
    problem = error.as_problem(instance=getattr(request, "request_id", ""))
    with translation.override("zh-hans"):
        problem["title_zh"] = error.message
    with translation.override("en"):
        problem["title_en"] = error.message
    problem["retry_after"] = retry_after
    response = HttpResponse(json.dumps(problem, ensure_ascii=False), status=429, content_type=PROBLEM_CONTENT_TYPE)
    response["Retry-After"] = str(retry_after)
    return response


def _wants_html(request: HttpRequest) -> bool:
    # A browser's navigation or form post names text/html; a script or API client does not.
    return "text/html" in request.headers.get("Accept", "")


def response_429(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """For a browser, a page saying when to try again (in the active language); for anything
    else, ``problem_response_429``. Both with ``Retry-After``."""
    if not _wants_html(request):
        return problem_response_429(request, error)
    retry_after = int(getattr(error, "retry_after", 60))
    # a refused form post goes back to its form (a GET of the same address, not counted); a
    # refused GET (the search page, the licence check) to the home page
    back = request.path if request.method != "GET" else "/"
    response = render(request, "core/rate_limited.html", {"message": error.message, "back": back}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(purpose: str, *, methods: Iterable[str] = ("POST",)) -> Callable[[ViewFunc], ViewFunc]:
    """Decorate a Django view: requests with one of ``methods`` are counted per client address;
    over the limit the view is not called and the answer is 429 with Retry-After: a page for a
    browser, problem+json otherwise (``response_429``).

    Apply it *below* the access-rule decorator (``@public`` on top) so the rule label stays
    on the outermost function.
    """
    counted = frozenset(m.upper() for m in methods)

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in counted:
                verdict = hit(purpose=purpose, client=client_address(request))
                if not verdict.allowed:
                    error = rate_limited_error(purpose=purpose, retry_after=verdict.retry_after)
                    return response_429(request, error)
            response: HttpResponse = view(request, *args, **kwargs)
            return response

        return wrapper  # type: ignore[return-value]

    return decorator
