"""The tickets service's OpenAPI description covers every endpoint, with examples a reader can copy."""

from typing import Any

import pytest

from tickets.app import create_app

SPEC = create_app().openapi()
OPERATIONS = [
    (path, method, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if method in ("get", "post", "put", "patch", "delete")
]


def _component(ref: str) -> dict[str, Any]:
    return dict(SPEC["components"]["schemas"][ref.rsplit("/", 1)[1]])


def _has_example(schema: dict[str, Any]) -> bool:
    if "$ref" in schema:
        return _has_example(_component(schema["$ref"]))
    if schema.get("type") == "array":
        return _has_example(schema["items"])
    return bool(schema.get("examples") or schema.get("example"))


@pytest.mark.parametrize(
    ("path", "method", "op"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m, _ in OPERATIONS]
)
def test_every_operation_is_described_with_examples(path: str, method: str, op: dict[str, Any]) -> None:
    assert op.get("summary"), "a summary says what it is for"
    assert op.get("tags"), "grouped under a tag"
    body = op.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        assert _has_example(body["schema"]), "the JSON request body has an example"
    ok = next((r for code, r in op["responses"].items() if code.startswith("2")), None)
    assert ok is not None
    json_body = ok.get("content", {}).get("application/json")
    if json_body is not None and json_body.get("schema"):
        assert _has_example(json_body["schema"]), "the success response has an example"
    documented = {code for code in op["responses"] if code.startswith("4")}
    assert "401" in documented, "says it needs the gateway's token"


def test_the_problem_schema_is_a_component() -> None:
    assert {"Problem", "FieldError"} <= SPEC["components"]["schemas"].keys()


def test_there_are_as_many_operations_as_the_api_promises() -> None:
    assert len(OPERATIONS) >= 25
