"""Which request paths the gateway refuses to route: those that could leave their prefix downstream."""

import pytest

from gateway.proxy.routes import find_route, safe_path


@pytest.mark.parametrize(
    "raw",
    [
        "/api/v1/support/../admin/x",
        "/api/v1/support/%2E%2e/x",
        "/api/v1/support/a%2Fb",
        "/api/v1/support//x",
        "/api/v1/support/a%5cb",
        "/api/v1/support/.",
        "/api/v1/support/x/%2e/y",
    ],
)
def test_dot_segments_encoded_slashes_and_empty_segments_are_refused(raw: str) -> None:
    assert safe_path({"raw_path": raw.encode(), "path": raw}) is None


@pytest.mark.parametrize(
    "raw", ["/api/v1/support/tickets/%231234", "/api/v1/support/tickets/1234", "/api/v1/support/a.b"]
)
def test_ordinary_paths_pass(raw: str) -> None:
    assert safe_path({"raw_path": raw.encode(), "path": raw}) == raw


def test_longer_prefixes_win() -> None:
    route = find_route("/api/v1/admin/support/tickets")
    assert route is not None
    assert (route.service, route.access) == ("tickets", "admin")
    assert find_route("/api/v1/supportx") is None
