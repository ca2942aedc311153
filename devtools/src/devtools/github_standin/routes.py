"""Find the documented operation for a method and a concrete path."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from devtools.github_standin.openapi30 import resolve_pointer

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PARAM = re.compile(r"\{([^}/]+)\}")


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    template: str  # e.g. /repos/{owner}/{repo}/issues/{issue_number}
    operation_id: str  # e.g. issues/create
    docs_url: str
    raw: Mapping[str, Any] = field(repr=False)
    parameters: tuple[Mapping[str, Any], ...] = field(repr=False)


@dataclass(frozen=True)
class Match:
    operation: Operation
    path_params: dict[str, str]


@dataclass(frozen=True)
class _Route:
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    rank: tuple[int, ...]
    operations: dict[str, Operation]


class RouteTable:
    """Path templates of one OpenAPI document, most specific first.

    ``/repos/{owner}/{repo}/issues/comments`` and ``/repos/{owner}/{repo}/issues/{issue_number}``
    both match ``/repos/o/r/issues/comments``; as in GitHub's router, the literal segment wins.
    """

    def __init__(self, document: Mapping[str, Any]) -> None:
        routes = [self._route(document, t, item) for t, item in document["paths"].items()]
        self._routes = sorted(routes, key=lambda route: route.rank)

    @staticmethod
    def _route(document: Mapping[str, Any], template: str, item: Mapping[str, Any]) -> _Route:
        multi = {
            p["name"]
            for op in item.values()
            if isinstance(op, dict)
            for p in op.get("parameters", [])
            if isinstance(p, dict) and p.get("x-multi-segment")
        }
        # names like {enterprise-team} are not valid group names: capture by position instead
        names = tuple(_PARAM.findall(template))
        parts = _PARAM.split(template)  # literal, name, literal, name, ..., literal
        regex = "".join(
            re.escape(part) if i % 2 == 0 else "(.+)" if part in multi else "([^/]+?)"
            for i, part in enumerate(parts)
        )
        rank = tuple(int("{" in segment) for segment in template.split("/"))
        shared = item.get("parameters", [])
        operations = {
            method.upper(): Operation(
                method=method.upper(),
                template=template,
                operation_id=op.get("operationId", f"{method} {template}"),
                docs_url=op.get("externalDocs", {}).get("url", "https://docs.github.com/rest"),
                raw=op,
                parameters=_parameters(document, [*shared, *op.get("parameters", [])]),
            )
            for method, op in item.items()
            if method in _METHODS
        }
        return _Route(re.compile(f"^{regex}$"), names, rank, operations)

    def match(self, method: str, path: str) -> Match | None:
        for route in self._routes:
            found = route.pattern.match(path)
            if found and method.upper() in route.operations:
                params = dict(zip(route.names, found.groups(), strict=True))
                return Match(route.operations[method.upper()], params)
        return None

    def operations(self) -> list[Operation]:
        return [op for route in self._routes for op in route.operations.values()]


def _parameters(document: Mapping[str, Any], params: list[Any]) -> tuple[Mapping[str, Any], ...]:
    resolved = [resolve_pointer(document, p["$ref"]) if "$ref" in p else p for p in params]
    # an operation's own parameter overrides a path-level one with the same name and location
    by_key = {(p["name"], p["in"]): p for p in resolved}
    return tuple(by_key.values())
