"""The REST API under /api/v1/ (django-ninja, OpenAPI at /api/v1/openapi.json).

Errors are problem+json (RFC 9457) with stable ``code`` values; see ``govhall.core.errors``.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from govhall.accounts.api import router as accounts_router
from govhall.cases.api import router as cases_router
from govhall.catalog.api import router as catalog_router
from govhall.core.api import problem_response
from govhall.core.api import router as core_router
from govhall.core.facade import GovhallError, NotFound, PermissionDenied, ProblemDocumentingAPI, ValidationFailed
from govhall.licenses.api import router as licenses_router
from govhall.licenses.facade import sharing_router as license_sharing_router

logger = logging.getLogger(__name__)

api = ProblemDocumentingAPI(
    title="govhall API",
    version="1",
    description="一体化在线政务服务平台 API。错误以 application/problem+json 返回，`code` 字段稳定不变。",
    urls_namespace="api",
)


@api.exception_handler(GovhallError)
def _govhall_error(request: HttpRequest, exc: GovhallError) -> HttpResponse:
    return problem_response(request, exc)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    error = ValidationFailed(_("请求参数不符合要求，请检查后重试。"), code="request.invalid")
    response = problem_response(request, error)
    return response


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem_response(request, PermissionDenied(_("请先登录。"), code="auth.required", status=401))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 404:
        return problem_response(request, NotFound(_("请求的资源不存在。"), code="not_found"))
    return problem_response(request, GovhallError(_("请求无法处理。"), code="http_error", status=exc.status_code))


@api.exception_handler(MultiPartParserError)
def _malformed_body(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return problem_response(
        request,
        GovhallError(_("请求体格式不正确，无法解析，请检查 Content-Type 与内容是否一致。"), code="request.malformed"),
    )


@api.exception_handler(DataError)
def _unstorable(request: HttpRequest, exc: DataError) -> HttpResponse:
    # The database refused a value (a NUL character in JSON, a number out of range): the
    # service's transaction is rolled back; tell the client instead of answering 500.
    logger.warning("API request with unstorable data: %s", type(exc).__name__)
    return problem_response(
        request,
        ValidationFailed(
            _("提交的数据含有无法保存的字符（如空字符）或超出允许的范围，请检查后重试。"), code="request.unstorable"
        ),
    )


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Log the type only: exception messages may carry input values (personal data).
    logger.exception("unhandled API error: %s", type(exc).__name__)
    return problem_response(
        request, GovhallError(_("服务器内部错误，请稍后再试；如持续出现请联系平台运维。"), code="internal", status=500)
    )


api.add_router("/", core_router)
api.add_router("/regions", accounts_router)
api.add_router("/catalog", catalog_router)
api.add_router("/cases", cases_router)
api.add_router("/licenses", licenses_router)
api.add_router("/sharing/licenses", license_sharing_router)

if settings.GOVHALL_BENCH_ENDPOINTS:
    # The framework ceiling for benchmarks/: the cheapest possible JSON endpoint on the same stack.
    @api.get("/bench/ceiling", auth=None, include_in_schema=False)
    def bench_ceiling(request: HttpRequest) -> dict[str, bool]:
        return {"ok": True}
