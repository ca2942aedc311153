"""Merging descriptions: clashing schema names get the service's name, shared ones stay single."""

from typing import Any

from gateway.openapi.merge import merge

PROBLEM = {"title": "Problem", "type": "object", "properties": {"title": {"type": "string"}}}


def spec(paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "x", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def op(ref: str, op_id: str) -> dict[str, Any]:
    return {
        "get": {
            "operationId": op_id,
            "responses": {
                "200": {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}
            },
        }
    }


def test_clashing_names_are_prefixed_and_references_follow() -> None:
    gateway = spec({}, {"Problem": PROBLEM})
    tickets = spec(
        {"/api/v1/support/tickets": op("Page", "list"), "/internal/only": op("Page", "hidden")},
        {
            "Page": {"type": "object", "properties": {"items": {"$ref": "#/components/schemas/Item"}}},
            "Item": {"type": "string"},
            "Problem": PROBLEM,
        },
    )
    webhooks = spec(
        {"/api/v1/admin/webhooks": op("Page", "list")},
        {
            "Page": {"type": "object", "properties": {"items": {"$ref": "#/components/schemas/Item"}}},
            "Item": {"type": "integer"},
            "Problem": {**PROBLEM, "description": "theirs"},
        },
    )
    merged = merge(
        gateway, {"tickets": tickets, "webhooks": webhooks}, lambda path, method: ("public", False)
    )
    schemas = merged["components"]["schemas"]
    assert set(merged["paths"]) == {"/api/v1/support/tickets", "/api/v1/admin/webhooks"}
    assert schemas["Problem"] == PROBLEM
    assert schemas["Item"] == {"type": "string"}
    assert schemas["WebhooksItem"] == {"type": "integer"}
    # Page is the same text in both, but means something else once Item is renamed: it is renamed too.
    assert schemas["WebhooksPage"]["properties"]["items"]["$ref"] == "#/components/schemas/WebhooksItem"
    hook_op = merged["paths"]["/api/v1/admin/webhooks"]["get"]
    assert hook_op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/WebhooksPage"
    )
    assert hook_op["operationId"] == "webhooks_list"
    assert hook_op["x-revenge-access"]["role"] == "admin"
    assert hook_op["x-revenge-service"] == "webhooks"


def test_identical_schemas_are_shared() -> None:
    common = {"type": "object", "properties": {"id": {"type": "string"}}}
    merged = merge(
        spec({}, {}),
        {
            "tickets": spec({"/api/v1/support/a": op("Ref", "a")}, {"Ref": common}),
            "webhooks": spec({"/api/v1/admin/webhooks/b": op("Ref", "b")}, {"Ref": common}),
        },
        lambda path, method: ("public", False),
    )
    assert [name for name in merged["components"]["schemas"] if name.endswith("Ref")] == ["Ref"]
