"""Turn OpenAPI 3.0 Schema Objects into JSON Schema 2020-12 that ``jsonschema`` understands.

OpenAPI 3.0 is a dialect of draft 5 with its own keywords. The ones that change validation:

- ``nullable: true`` admits ``null`` in addition to what the rest of the schema admits. When the
  schema also has an ``enum`` without ``null`` (71 places in GitHub's description, e.g. an issue's
  ``state_reason``), a literal reading would still reject ``null``; GitHub's intent, and what its
  API returns, is "or null", so ``null`` is added to the enum.
- ``exclusiveMinimum``/``exclusiveMaximum`` are booleans that modify ``minimum``/``maximum``.
- siblings of ``$ref`` are ignored in 3.0, but would apply in 2020-12.

Annotations (``example``, ``discriminator``, ``readOnly``, ``x-*``) are left alone: 2020-12 ignores
unknown keywords.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

Schema = dict[str, Any]
_COMPOSITIONS = ("oneOf", "anyOf", "allOf", "not")
_SUBSCHEMA_MAPS = ("properties", "patternProperties")
_SUBSCHEMAS = ("items", "additionalProperties", "not")


def convert(schema: Any) -> Any:
    """A converted copy of ``schema`` (the input is never modified)."""
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return {"$ref": schema["$ref"]}
    out: Schema = {}
    for key, value in schema.items():
        if key in _SUBSCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: convert(sub) for name, sub in value.items()}
        elif key in _SUBSCHEMAS:
            out[key] = convert(value)
        elif key in _COMPOSITIONS[:3]:
            out[key] = [convert(sub) for sub in value]
        elif key != "nullable":
            out[key] = value
    _convert_exclusive(out, "exclusiveMinimum", "minimum")
    _convert_exclusive(out, "exclusiveMaximum", "maximum")
    if schema.get("nullable") is True:
        return _nullable(out)
    return out


def _convert_exclusive(schema: Schema, exclusive: str, bound: str) -> None:
    flag = schema.get(exclusive)
    if flag is True and bound in schema:
        schema[exclusive] = schema.pop(bound)
    elif isinstance(flag, bool):
        del schema[exclusive]


def _nullable(schema: Schema) -> Schema:
    if any(key in schema for key in _COMPOSITIONS):
        # "null, or whatever the composition admits": a `oneOf` would reject null in every branch
        return {"anyOf": [{"type": "null"}, schema]}
    if "type" in schema:
        declared = schema["type"]
        types = list(declared) if isinstance(declared, list) else [declared]
        schema["type"] = [*types, "null"] if "null" not in types else types
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema


def local_refs(node: Any) -> Iterator[str]:
    """Every ``#/...`` reference inside ``node``, depth-first (may repeat)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                yield ref
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def resolve_pointer(document: Mapping[str, Any], ref: str) -> Any:
    node: Any = document
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def ref_closure(document: Mapping[str, Any], roots: Iterable[Any]) -> set[str]:
    """The references reachable from ``roots``, following references transitively."""
    seen: set[str] = set()
    pending = [ref for root in roots for ref in local_refs(root)]
    while pending:
        ref = pending.pop()
        if ref not in seen:
            seen.add(ref)
            pending.extend(local_refs(resolve_pointer(document, ref)))
    return seen


def set_pointer(target: Schema, ref: str, value: Any) -> None:
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in ref.removeprefix("#/").split("/")]
    for token in tokens[:-1]:
        target = target.setdefault(token, {})
    target[tokens[-1]] = value


def skeleton(document: Mapping[str, Any], schema: Any) -> Any:
    """A minimal instance of a 3.0 ``schema``: required properties only, placeholder values."""
    while isinstance(schema, dict) and "$ref" in schema:
        schema = resolve_pointer(document, schema["$ref"])
    if not isinstance(schema, dict) or schema.get("nullable"):
        return None
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(skeleton(document, part) or {})
        return merged
    if "oneOf" in schema or "anyOf" in schema:
        return skeleton(document, (schema.get("oneOf") or schema["anyOf"])[0])
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        return {name: skeleton(document, properties.get(name)) for name in required}
    date = "1970-01-01T00:00:00Z" if schema.get("format") == "date-time" else ""
    defaults = {"array": [], "string": date, "integer": 0, "number": 0, "boolean": False}
    return defaults.get(str(kind))
