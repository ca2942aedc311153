"""Replies, and GitHub's error bodies (``basic-error`` and ``validation-error``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from devtools.github_standin.spec import SchemaError

REST_DOCS = "https://docs.github.com/rest"
_RATE_LIMITS_DOCS = f"{REST_DOCS}/using-the-rest-api/rate-limits-for-the-rest-api"
SECONDARY_RATE_LIMIT_DOCS = f"{_RATE_LIMITS_DOCS}#about-secondary-rate-limits"
_SECONDARY = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID."
)
_DEFAULT_MESSAGES = {
    400: "Bad Request",
    401: "Bad credentials",
    403: _SECONDARY,
    404: "Not Found",
    409: "Conflict",
    410: "Gone",
    422: "Validation Failed",
    429: _SECONDARY,
    500: "Server Error",
    502: "Server Error",
    503: "Service Unavailable",
}


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON-able; None means an empty body
    headers: dict[str, str] = field(default_factory=dict)


class GitHubError(Exception):
    """Raised by a handler to answer with one of GitHub's error bodies."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message", status))
        self.reply = Reply(status, body)


def error_body(status: int, message: str | None = None, docs: str = REST_DOCS) -> dict[str, Any]:
    # GitHub has added the status, as a string, to its error bodies since 2024
    text = message or _DEFAULT_MESSAGES.get(status, "Error")
    return {"message": text, "documentation_url": docs, "status": str(status)}


def fault_body(status: int) -> dict[str, Any]:
    docs = SECONDARY_RATE_LIMIT_DOCS if status in (403, 429) else REST_DOCS
    return error_body(status, docs=docs)


def not_found(docs: str = REST_DOCS) -> GitHubError:
    return GitHubError(404, error_body(404, docs=docs))


def validation_failed(resource: str, errors: Iterable[SchemaError], docs: str) -> GitHubError:
    items = [_error_item(resource, error) for error in errors]
    return GitHubError(422, {**error_body(422, docs=docs), "errors": items})


def _error_item(resource: str, error: SchemaError) -> dict[str, str]:
    item = {"resource": resource, "field": error.field, "code": error.code}
    return item | ({"message": error.message} if error.message else {})


def resource_name(operation_id: str) -> str:
    """``issues/create-comment`` -> ``IssueComment``, as in GitHub's error ``resource`` field."""
    if "label" in operation_id:
        return "Label"
    if "comment" in operation_id:
        return "IssueComment"
    if operation_id.startswith("issues/"):
        return "Issue"
    return operation_id.split("/")[0].rstrip("s").title()
