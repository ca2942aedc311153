"""Typed domain errors rendered as RFC 9457 ``application/problem+json``.

Domain code raises a :class:`DomainError` subclass; one set of handlers, installed by
:func:`install_problem_handlers`, turns it (and FastAPI's own validation and routing errors) into a
problem document. A 422 names every bad field in ``errors``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
logger = logging.getLogger(__name__)


class FieldError(BaseModel):
    field: str
    message: str
    type: str = "invalid"


class Problem(BaseModel):
    """The body of every error response (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None


class DomainError(Exception):
    status: int = 400
    slug: str = "bad-request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        title: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        status: int | None = None,
        slug: str | None = None,
    ) -> None:
        super().__init__(detail or title or self.slug)
        if status is not None:
            self.status = status
        if slug is not None:
            self.slug = slug
        self.detail = detail
        self.title = title or HTTPStatus(self.status).phrase
        self.extra = extra or {}
        self.headers = headers or {}

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body = Problem(
            type=f"urn:revenge-support:problem:{self.slug}",
            title=self.title,
            status=self.status,
            detail=self.detail,
            instance=instance,
        ).model_dump(exclude_none=True)
        body.update(self.extra)
        return body


class BadRequest(DomainError):
    status = 400
    slug = "bad-request"


class Unauthorized(DomainError):
    status = 401
    slug = "unauthorized"


class Forbidden(DomainError):
    status = 403
    slug = "forbidden"


class NotFound(DomainError):
    status = 404
    slug = "not-found"


class Conflict(DomainError):
    status = 409
    slug = "conflict"


class PreconditionFailed(DomainError):
    status = 412
    slug = "precondition-failed"


class PayloadTooLarge(DomainError):
    status = 413
    slug = "payload-too-large"


class UnsupportedMediaType(DomainError):
    status = 415
    slug = "unsupported-media-type"


class ValidationFailed(DomainError):
    status = 422
    slug = "validation-failed"

    def __init__(self, errors: Sequence[FieldError], detail: str | None = None) -> None:
        summary = detail or "; ".join(f"{e.field}: {e.message}" for e in errors)
        super().__init__(
            summary,
            title="Validation failed",
            extra={"errors": [e.model_dump() for e in errors]},
        )
        self.errors = list(errors)

    @classmethod
    def one(cls, field: str, message: str, type_: str = "invalid") -> ValidationFailed:
        return cls([FieldError(field=field, message=message, type=type_)])


class TooManyRequests(DomainError):
    status = 429
    slug = "too-many-requests"


class BadGateway(DomainError):
    status = 502
    slug = "bad-gateway"


class ServiceUnavailable(DomainError):
    status = 503
    slug = "service-unavailable"


class GatewayTimeout(DomainError):
    status = 504
    slug = "gateway-timeout"


def problem_response(error: DomainError, request: Request | None = None) -> JSONResponse:
    instance = request.url.path if request is not None else None
    return JSONResponse(
        error.to_problem(instance),
        status_code=error.status,
        media_type=PROBLEM_JSON,
        headers=error.headers or None,
    )


def _field_name(loc: Sequence[int | str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        where, parts = parts[0], parts[1:]
        if where != "body" and parts:
            return ".".join(parts)
    return ".".join(parts) or "body"


def validation_failed(errors: Sequence[Any]) -> DomainError:
    """Pydantic's error list (from a request or a model) as one problem naming every bad field."""
    field_errors: list[FieldError] = []
    for err in errors:
        if err.get("type") == "json_invalid":
            return BadRequest("The request body is not valid JSON.", title="Malformed JSON")
        message = str(err.get("msg", "is invalid"))
        # pydantic prefixes custom errors with "Value error, "; the field name says enough.
        message = message.removeprefix("Value error, ")
        field_errors.append(
            FieldError(field=_field_name(err.get("loc", ())), message=message, type=err["type"])
        )
    return ValidationFailed(field_errors)


def install_problem_handlers(app: FastAPI) -> None:
    """Render every error this app can raise as problem+json."""

    async def on_domain_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return problem_response(exc, request)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return problem_response(validation_failed(exc.errors()), request)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        phrase = HTTPStatus(exc.status_code).phrase
        detail = str(exc.detail) if exc.detail and exc.detail != phrase else None
        error = DomainError(
            detail,
            headers=dict(exc.headers) if exc.headers else None,
            status=exc.status_code,
            slug=phrase.lower().replace(" ", "-"),
        )
        return problem_response(error, request)

    async def on_database_error(request: Request, exc: Exception) -> JSONResponse:
        # A net under the validators: data the database refuses is the request's fault (SQLSTATE class
        # 22, data exception; 23, integrity), anything else is ours.
        sqlstate = str(getattr(getattr(exc, "orig", None), "sqlstate", "") or "")
        if sqlstate.startswith("22"):
            logger.warning("refused data on %s %s: %s", request.method, request.url.path, exc)
            return problem_response(
                BadRequest("The request holds a value that cannot be stored (check for odd characters)."),
                request,
            )
        if sqlstate.startswith("23"):
            logger.warning("integrity conflict on %s %s: %s", request.method, request.url.path, exc)
            return problem_response(Conflict("The request conflicts with existing data."), request)
        return await on_unexpected(request, exc)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        error = DomainError(
            "Something went wrong on our side; it has been logged.",
            status=500,
            slug="internal-error",
        )
        return problem_response(error, request)

    app.add_exception_handler(DomainError, on_domain_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(DBAPIError, on_database_error)
    app.add_exception_handler(Exception, on_unexpected)


def problem_responses(*errors: type[DomainError]) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entry for a route, so OpenAPI shows the problems it can answer with."""
    out: dict[int | str, dict[str, Any]] = {}
    for err in errors:
        out[err.status] = {
            "description": HTTPStatus(err.status).phrase,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return out


def problem_schemas() -> dict[str, Any]:
    """``Problem`` and ``FieldError`` as OpenAPI components, for the ``$ref`` above."""
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components: dict[str, Any] = schema.pop("$defs", {})
    components["Problem"] = schema
    return components
