"""One OpenAPI description for the whole product: the gateway's own routes plus each service's, kept to
the paths the gateway actually forwards to that service.

Schema names that two services use for different schemas get the service's name in front (only those);
``Problem`` and ``FieldError`` come from ``shared`` and stay single.
"""

import copy
from collections.abc import Callable, Mapping
from typing import Any

from gateway.openapi.access import SECURITY_SCHEMES, describe
from gateway.proxy.routes import find_route

SHARED_SCHEMAS = frozenset({"Problem", "FieldError", "HTTPValidationError", "ValidationError"})
METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
REF = "#/components/schemas/"


def _rewrite(node: Any, renames: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        out = {k: _rewrite(v, renames) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF) and ref[len(REF) :] in renames:
            out["$ref"] = REF + renames[ref[len(REF) :]]
        return out
    if isinstance(node, list):
        return [_rewrite(v, renames) for v in node]
    return node


def _prefix(service: str) -> str:
    return "".join(part.capitalize() for part in service.replace("_", "-").split("-"))


def _renames(ours: Mapping[str, Any], theirs: Mapping[str, Any], service: str) -> dict[str, str]:
    """Names in ``theirs`` that clash with a different schema in ``ours`` (directly, or because a
    schema they refer to had to be renamed)."""
    renames: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for name, schema in theirs.items():
            if name in renames or name in SHARED_SCHEMAS or name not in ours:
                continue
            if ours[name] != _rewrite(schema, renames):
                target = _prefix(service) + name
                while target in ours or target in theirs:
                    target += "_"
                renames[name] = target
                changed = True
    return renames


def _operations(paths: Mapping[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in paths.items()
        for method, op in item.items()
        if method in METHODS and isinstance(op, dict)
    ]


def merge(
    gateway: dict[str, Any],
    upstreams: Mapping[str, dict[str, Any]],
    gateway_access: Callable[[str, str], tuple[str, bool]],
) -> dict[str, Any]:
    """``gateway_access(path, method)`` gives the role and token use of one of the gateway's routes."""
    merged = copy.deepcopy(gateway)
    components = merged.setdefault("components", {})
    schemas: dict[str, Any] = components.setdefault("schemas", {})
    components["securitySchemes"] = SECURITY_SCHEMES
    tags = {tag["name"]: tag for tag in merged.get("tags", [])}
    operation_ids = set()
    for path, method, op in _operations(merged.get("paths", {})):
        role, tokens = gateway_access(path, method)
        describe(op, method, role, tokens)  # type: ignore[arg-type]
        op["x-revenge-service"] = "gateway"
        operation_ids.add(op.get("operationId"))

    for service, spec in sorted(upstreams.items()):
        kept: dict[str, Any] = {}
        for path, item in spec.get("paths", {}).items():
            route = find_route(path)
            if route is not None and route.service == service:
                kept[path] = item
        theirs: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        renames = _renames(schemas, theirs, service)
        for name, schema in theirs.items():
            if name in SHARED_SCHEMAS and name in schemas:
                continue
            schemas[renames.get(name, name)] = _rewrite(schema, renames)
        kept = _rewrite(kept, renames)
        for path, method, op in _operations(kept):
            route = find_route(path)
            assert route is not None
            describe(op, method, route.access, True)
            op["x-revenge-service"] = service
            if op.get("operationId") in operation_ids:
                op["operationId"] = f"{service}_{op['operationId']}"
            operation_ids.add(op.get("operationId"))
            for tag in op.get("tags", []):
                tags.setdefault(tag, {"name": tag})
        for tag in spec.get("tags", []):
            tags.setdefault(tag["name"], tag)
        merged.setdefault("paths", {}).update(kept)
    if tags:
        merged["tags"] = list(tags.values())
    return merged
