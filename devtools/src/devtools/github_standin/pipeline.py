"""One request to the stand-in's GitHub API, from credentials to the recorded reply."""

from __future__ import annotations

import asyncio
import hmac
import json
import uuid
from dataclasses import dataclass
from typing import Any

from devtools.github_standin import errors
from devtools.github_standin.calls import Call, Handler, StandIn
from devtools.github_standin.errors import GitHubError, Reply
from devtools.github_standin.issues_api import HANDLERS as ISSUE_HANDLERS
from devtools.github_standin.journal import RequestRecord, Violation, visible_headers
from devtools.github_standin.repo_api import HANDLERS as REPO_HANDLERS
from devtools.github_standin.routes import Match
from devtools.github_standin.spec import SchemaError

HANDLERS: dict[str, Handler] = {**ISSUE_HANDLERS, **REPO_HANDLERS}
API_VERSION = "2022-11-28"
NO_SUCH_OPERATION = "no such operation in the OpenAPI description"
UNCOUNTED = "/rate_limit"  # GitHub does not count calls to it against the limit


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    raw: bytes
    base: str  # the stand-in's base URL as the client reached it


async def handle(standin: StandIn, request: Request) -> Reply:
    """Answer one request as GitHub would, recording it and every violation on the way."""
    exchange = _Exchange(standin, request)
    reply = await exchange.answer()
    if request.path != UNCOUNTED:
        reply.headers.update(standin.rate.headers())
    version = request.headers.get("x-github-api-version", API_VERSION)
    reply.headers.setdefault("x-github-api-version-selected", version)
    reply.headers["x-github-request-id"] = uuid.uuid4().hex[:20].upper()
    record = RequestRecord(
        method=request.method,
        path=request.path,
        query=request.query,
        headers=visible_headers(request.headers),
        json=exchange.body,
        status=reply.status,
        operation_id=exchange.operation_id,
    )
    standin.journal.record(record)
    return reply


class _Exchange:
    def __init__(self, standin: StandIn, request: Request) -> None:
        self.standin = standin
        self.request = request
        self.match: Match | None = standin.spec.match(request.method, request.path)
        self.operation_id = self.match.operation.operation_id if self.match else None
        self.body: Any = None
        self.parsed = False
        if request.raw.strip():
            try:
                self.body, self.parsed = json.loads(request.raw), True
            except ValueError:
                pass

    def violate(self, kind: str, field: str, message: str) -> None:
        method, path = self.request.method, self.request.path
        violation = Violation(kind, method, path, self.operation_id, field, message)
        self.standin.journal.violation(violation)

    async def answer(self) -> Reply:
        request, standin = self.request, self.standin
        if not _authorized(standin.token, request.headers.get("authorization")):
            missing = "authorization" not in request.headers
            message = "Requires authentication" if missing else None
            return Reply(401, errors.error_body(401, message))
        if request.path != UNCOUNTED and not standin.rate.spend():
            return Reply(403, errors.error_body(403, "API rate limit exceeded"))
        if self.match is None:
            where = f"{request.method} {request.path}"
            self.violate("unknown-operation", "", f"{where}: {NO_SUCH_OPERATION}")
            return Reply(404, errors.error_body(404))
        problems = self._problems(self.match)
        fault = standin.faults.take(request.method, request.path)
        if fault is not None:
            await asyncio.sleep(fault.delay_seconds)
        fault_reply = fault.reply() if fault is not None else None
        if fault_reply is not None and fault is not None and not fault.after_effect:
            return fault_reply
        reply = self._run(self.match, problems)
        operation = self.match.operation
        for problem in standin.spec.validate_response(operation, reply.status, reply.body):
            self.violate("response", problem.field, f"reply {reply.status}: {problem.message}")
        return fault_reply or reply

    def _problems(self, match: Match) -> list[SchemaError]:
        spec = self.standin.spec
        problems = spec.validate_params(match, self.request.query)
        if self.request.raw.strip() and not self.parsed:
            problems.append(SchemaError("json", "", "invalid", "Problems parsing JSON"))
        else:
            problems += spec.validate_body(match.operation, self.body, present=self.parsed)
        for problem in problems:
            self.violate(problem.location, problem.field, problem.message)
        return problems

    def _run(self, match: Match, problems: list[SchemaError]) -> Reply:
        operation, docs = match.operation, match.operation.docs_url
        locations = {problem.location for problem in problems}
        if "path" in locations:
            return Reply(404, errors.error_body(404, docs=docs))
        if "json" in locations:
            return Reply(400, errors.error_body(400, "Problems parsing JSON", docs))
        if problems:
            resource = errors.resource_name(operation.operation_id)
            return errors.validation_failed(resource, problems, docs).reply
        handler = HANDLERS.get(operation.operation_id)
        if handler is None:
            self.violate("unimplemented", "", f"{operation.operation_id} is not stood in for")
            return Reply(404, errors.error_body(404, docs=docs))
        call = Call(
            standin=self.standin,
            base=self.request.base,
            method=self.request.method,
            path=self.request.path,
            operation_id=operation.operation_id,
            params=match.path_params,
            query=self.request.query,
            body=self.body,
            docs_url=docs,
        )
        try:
            return handler(call)
        except GitHubError as error:
            return error.reply


def _authorized(token: str | None, header: str | None) -> bool:
    if token is None:
        return True
    scheme, _, credentials = (header or "").partition(" ")
    valid = hmac.compare_digest(credentials.strip().encode(), token.encode())
    return scheme.lower() in ("bearer", "token") and valid
