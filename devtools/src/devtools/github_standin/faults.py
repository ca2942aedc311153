"""Faults that tests inject: error statuses, lost responses, secondary rate limits, slowness."""

from __future__ import annotations

import itertools
import re
from typing import Any

from pydantic import BaseModel, Field, field_validator

from devtools.github_standin.errors import Reply, fault_body


class FaultIn(BaseModel):
    """The body of ``POST /_standin/faults``.

    ``after_effect``: perform the operation (create the issue...) and still answer with ``status``,
    as when GitHub did the work but the response got lost. ``status`` None with ``delay_seconds``
    only slows matching requests down (for client timeouts).
    """

    path_regex: str = Field(description="searched in the request path, e.g. '/issues$'")
    method: str | None = Field(default=None, description="None matches every method")
    status: int | None = Field(default=None, ge=100, le=599)
    times: int | None = Field(default=1, ge=1, description="None: until reset")
    after_effect: bool = False
    headers: dict[str, str] = Field(default_factory=dict)
    body: Any = Field(default=None, description="default: GitHub's error body for the status")
    delay_seconds: float = Field(default=0.0, ge=0, le=60)

    @field_validator("path_regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"not a regular expression: {error}") from error
        return value


class Fault(FaultIn):
    id: int
    remaining: int | None

    def matches(self, method: str, path: str) -> bool:
        method_ok = self.method is None or self.method.upper() == method.upper()
        return method_ok and re.search(self.path_regex, path) is not None

    def reply(self) -> Reply | None:
        if self.status is None:
            return None
        body = self.body if self.body is not None else fault_body(self.status)
        return Reply(self.status, body, {k.lower(): v for k, v in self.headers.items()})


class FaultBook:
    def __init__(self) -> None:
        self.faults: list[Fault] = []
        self._ids = itertools.count(1)

    def add(self, fault: FaultIn) -> Fault:
        added = Fault(**fault.model_dump(), id=next(self._ids), remaining=fault.times)
        self.faults.append(added)
        return added

    def clear(self) -> None:
        self.faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        """The first armed fault for this request, used up by one."""
        for fault in self.faults:
            if fault.matches(method, path):
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self.faults.remove(fault)
                return fault
        return None
