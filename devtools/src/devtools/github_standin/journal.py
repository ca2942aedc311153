"""What the stand-in saw: every request, and every departure from GitHub's description."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

_HIDDEN_HEADERS = ("host", "content-length", "connection", "accept-encoding")


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    json: Any  # the parsed body; None when there was none (or it was not JSON)
    status: int
    operation_id: str | None
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())


@dataclass(frozen=True)
class Violation:
    """``kind``: body, query, path (the request broke the schema), json (not JSON at all),
    unknown-operation (not in the description), unimplemented (documented, but not stood in for),
    rule (GitHub would refuse it, though the schema allows it, e.g. a body over 65,536 characters),
    response (the stand-in's own reply broke the schema: a bug in the stand-in)."""

    kind: str
    method: str
    path: str
    operation_id: str | None
    field: str
    message: str


class Journal:
    def __init__(self) -> None:
        self.requests: list[RequestRecord] = []
        self.violations: list[Violation] = []

    def clear(self) -> None:
        self.requests.clear()
        self.violations.clear()

    def record(self, record: RequestRecord) -> None:
        self.requests.append(record)

    def violation(self, violation: Violation) -> None:
        self.violations.append(violation)

    def dump_requests(self) -> list[dict[str, Any]]:
        return [asdict(r) for r in self.requests]

    def dump_violations(self) -> list[dict[str, Any]]:
        return [asdict(v) for v in self.violations]


def visible_headers(headers: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items() if k.lower() not in _HIDDEN_HEADERS}
