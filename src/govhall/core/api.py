from __future__ import annotations

import json

from django.db import connection
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from govhall.core.errors import PROBLEM_CONTENT_TYPE, GovhallError, RateLimited
from govhall.core.ratelimit import problem_response_429

router = Router(tags=["platform"])


def problem_response(request: HttpRequest, error: GovhallError) -> HttpResponse:
    if isinstance(error, RateLimited):
        return problem_response_429(request, error)
    problem = error.as_problem(instance=getattr(request, "request_id", ""))
    return HttpResponse(json.dumps(problem, ensure_ascii=False), status=error.status, content_type=PROBLEM_CONTENT_TYPE)


class HealthOut(Schema):
    status: str
    database: str


@router.get("/health", response=HealthOut, summary="Liveness and database check", auth=None)
def health(request: HttpRequest) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "database": connection.vendor}
