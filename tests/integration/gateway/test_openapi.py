"""One OpenAPI description for the whole product at /api/openapi.json, and its docs at /api/docs."""

import re
from typing import Any

import httpx
import pytest

from gateway.proxy.routes import find_route

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


@pytest.fixture
async def spec(gateway: httpx.AsyncClient) -> dict[str, Any]:
    response = await gateway.get("/api/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, op) for p, item in spec["paths"].items() for m, op in item.items() if m in METHODS]


class TestMergedDescription:
    def test_it_holds_the_gateways_routes_and_each_services_routed_paths_only(
        self, spec: dict[str, Any]
    ) -> None:
        paths = set(spec["paths"])
        assert {"/api/v1/auth/login", "/api/v1/auth/tokens", "/api/v1/admin/users"} <= paths
        assert "/api/v1/support/tickets" in paths  # tickets
        assert "/api/v1/admin/webhooks" in paths  # webhooks
        assert "/api/v1/admin/github/status" in paths  # github-sync
        assert "x-revenge-missing" not in spec["info"]
        for path, _, op in operations(spec):
            service = op["x-revenge-service"]
            if service != "gateway":
                route = find_route(path)
                assert route is not None, path
                assert route.service == service, path
        assert not any(p.startswith(("/healthz", "/readyz", "/metrics", "/openapi")) for p in paths)

    def test_every_operation_says_who_may_call_it(self, spec: dict[str, Any]) -> None:
        schemes = spec["components"]["securitySchemes"]
        assert set(schemes) == {"sessionCookie", "bearer"}
        for path, method, op in operations(spec):
            access = op["x-revenge-access"]
            if access["role"] == "public":
                assert op["security"] == [], path
                continue
            roles = ["admin"] if access["role"] == "admin" else []
            assert op["security"] == [{"sessionCookie": roles}, {"bearer": roles}], path
            if "api_token" in access["credentials"]:
                assert access["api_token_scopes"][0] == ("read" if method in {"get", "head"} else "write")
        access_of = {(p, m): op["x-revenge-access"] for p, m, op in operations(spec)}
        assert access_of[("/api/v1/admin/users", "get")]["role"] == "admin"
        assert access_of[("/api/v1/admin/webhooks", "get")]["role"] == "admin"
        assert access_of[("/api/v1/support/tickets", "post")]["role"] == "user"
        assert access_of[("/api/v1/auth/login", "post")]["role"] == "public"
        assert access_of[("/api/v1/auth/tokens", "post")]["credentials"] == ["session"]

    def test_components_are_merged_without_collisions_and_problems_stay_single(
        self, spec: dict[str, Any]
    ) -> None:
        schemas = spec["components"]["schemas"]
        assert "Problem" in schemas
        assert "FieldError" in schemas
        assert not [name for name in schemas if name.endswith(("Problem", "FieldError")) and len(name) > 10]
        text = str(spec)
        for ref in set(re.findall(r"#/components/schemas/([A-Za-z0-9_.-]+)", text)):
            assert ref in schemas, ref
        ids = [op["operationId"] for _, _, op in operations(spec)]
        assert len(ids) == len(set(ids))

    async def test_docs_are_served_from_here_with_no_inline_script(self, gateway: httpx.AsyncClient) -> None:
        page = await gateway.get("/api/docs")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
        assert scripts
        assert all(body.strip() == "" and 'src="/api/' in attrs for attrs, body in scripts)
        assert "http://" not in page.text
        assert "https://" not in page.text
        for asset in re.findall(r'(?:src|href)="(/api/docs/[^"]+)"', page.text):
            response = await gateway.get(asset)
            assert response.status_code == 200, asset
        assert (await gateway.get("/api/docs/assets/index.html")).status_code == 404
