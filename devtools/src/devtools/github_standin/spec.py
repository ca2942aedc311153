"""GitHub's published OpenAPI description, and checks of requests and responses against it."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

# without types-jsonschema installed these are untyped; with it, the ignores are unused
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped,unused-ignore]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped,unused-ignore]
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from devtools.github_standin import npm
from devtools.github_standin.openapi30 import (
    convert,
    ref_closure,
    resolve_pointer,
    set_pointer,
    skeleton,
)
from devtools.github_standin.routes import Match, Operation, RouteTable

_BASE_URI = "urn:github-openapi"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.I)
FORMATS = FormatChecker(formats=())


def _is_date_time(value: object) -> bool:
    # Python's fromisoformat alone also takes "2024-01-01 10:00", which GitHub rejects
    if not isinstance(value, str):
        return True
    return bool(_RFC3339.match(value)) and bool(datetime.fromisoformat(value.replace("z", "Z")))


FORMATS.checks("date-time", raises=ValueError)(_is_date_time)


@dataclass(frozen=True)
class SchemaError:
    """One way a request, a response or a webhook payload departs from the description."""

    location: str  # body, json (unparseable body), path, query, response, webhook
    field: str  # dotted path into the instance; "" for the whole of it
    code: str  # GitHub's validation error codes: missing_field, invalid
    message: str


class Spec:
    """One OpenAPI document; validators are built per operation on first use, then cached.

    Schemas of a 3.0 document are converted to JSON Schema 2020-12 (see ``openapi30``); those of a
    3.1 document already are JSON Schema 2020-12 and are used as they are.
    """

    def __init__(self, document: Mapping[str, Any]) -> None:
        openapi = str(document.get("openapi", ""))
        if not openapi.startswith(("3.0.", "3.1.")):
            raise ValueError(f"expected an OpenAPI 3.0 or 3.1 document, got {openapi!r}")
        self._convert = convert if openapi.startswith("3.0.") else _unchanged
        self.document = document
        self.version = str(document["info"]["version"])
        self.routes = RouteTable(document)
        self._converted: dict[str, Any] = {}
        self._validators: dict[tuple[str, ...], Draft202012Validator | None] = {}

    def match(self, method: str, path: str) -> Match | None:
        return self.routes.match(method, path)

    def validate_body(self, operation: Operation, body: Any, *, present: bool) -> list[SchemaError]:
        request_body = self._deref(operation.raw.get("requestBody", {}))
        if not present:
            if not request_body.get("required"):
                return []
            return [SchemaError("body", "", "missing", "a JSON body is required")]
        schema = request_body.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return []
        return self._check(("body", operation.operation_id), schema, body, "body")

    def validate_params(self, match: Match, query: Mapping[str, str]) -> list[SchemaError]:
        errors: list[SchemaError] = []
        for param in match.operation.parameters:
            name, where = param["name"], param["in"]
            values = match.path_params if where == "path" else query if where == "query" else None
            if values is None:
                continue
            if name not in values:
                if param.get("required"):
                    errors.append(SchemaError(where, name, "missing_field", f"{name} is required"))
                continue
            key = ("param", match.operation.operation_id, where, name)
            value = _coerce(values[name], param.get("schema", {}))
            errors += [
                SchemaError(where, name, e.code, e.message)
                for e in self._check(key, param.get("schema", {}), value, where)
            ]
        return errors

    def validate_response(self, operation: Operation, status: int, body: Any) -> list[SchemaError]:
        responses = operation.raw.get("responses", {})
        response = self._deref(responses.get(str(status), responses.get("default", {})))
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return []
        key = ("response", operation.operation_id, str(status))
        return self._check(key, schema, body, "response")

    def validate_webhook(self, event: str, action: str | None, payload: Any) -> list[SchemaError]:
        """Check a webhook payload against ``x-webhooks`` (``issue-comment-created`` and so on)."""
        name = event.replace("_", "-") + (f"-{action}" if action else "")
        hook = self.document.get("x-webhooks", {}).get(name)
        if hook is None:
            raise KeyError(f"the description documents no webhook {name!r}")
        schema = hook["post"]["requestBody"]["content"]["application/json"]["schema"]
        return self._check(("webhook", name), schema, payload, "webhook")

    def skeleton(self, schema_name: str) -> Any:
        """A minimal instance of ``#/components/schemas/<schema_name>``: required fields only."""
        return skeleton(self.document, {"$ref": f"#/components/schemas/{schema_name}"})

    def _deref(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = resolve_pointer(self.document, node["$ref"])
        return node

    def _check(self, key: tuple[str, ...], schema: Any, value: Any, at: str) -> list[SchemaError]:
        if key not in self._validators:
            self._validators[key] = self._build(schema)
        validator = self._validators[key]
        if validator is None:
            return []
        return [_error(error, at) for error in validator.iter_errors(value)]

    def _build(self, schema: Any) -> Draft202012Validator | None:
        if not schema:
            return None
        resource: dict[str, Any] = {"root": self._convert(schema)}
        for ref in ref_closure(self.document, [schema]):
            if ref not in self._converted:
                self._converted[ref] = self._convert(resolve_pointer(self.document, ref))
            set_pointer(resource, ref, self._converted[ref])
        registry: Registry[Any] = Registry()
        registry = registry.with_resource(_BASE_URI, DRAFT202012.create_resource(resource))
        root = {"$ref": f"{_BASE_URI}#/root"}
        return Draft202012Validator(root, registry=registry, format_checker=FORMATS)


def load_spec(path: Path | None = None) -> Spec:
    """The description, parsed once per process and file (about 0.4 s for the 13 MB file)."""
    return _load((path or npm.openapi_path()).resolve())


@functools.cache
def _load(path: Path) -> Spec:
    with path.open("rb") as file:
        return Spec(json.load(file))


def _unchanged(schema: Any) -> Any:
    return schema


def _coerce(raw: str, schema: Mapping[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "integer" and re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    if kind == "array":
        return raw.split(",")
    return raw


def _error(error: ValidationError, where: str) -> SchemaError:
    path = [str(part) for part in error.absolute_path]
    code = "invalid"
    required = error.validator_value
    if error.validator == "required" and isinstance(required, list):
        # one error per missing property; only the message says which one
        names = [n for n in required if error.message.startswith(f"{n!r} is")]
        path, code = [*path, *names[:1]], "missing_field"
    message = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    return SchemaError(where, ".".join(path), code, message)
