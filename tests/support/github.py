"""Talking to the GitHub stand-in from tests."""

import uuid
from typing import Any

import httpx

TOKEN = "test-token"
REPOSITORY = "revenge-media/revenge"
WEBHOOK_SECRET = "It's a Secret to Everybody"


async def issues_for(standin: httpx.AsyncClient, ticket_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every stand-in issue whose body carries this ticket's metadata."""
    entries = (await standin.get("/_standin/issues")).json()
    return [e["issue"] for e in entries if f"revenge_ticket_id: {ticket_id}" in (e["issue"]["body"] or "")]


async def add_fault(standin: httpx.AsyncClient, **fault: Any) -> None:
    response = await standin.post("/_standin/faults", json=fault)
    assert response.status_code == 201, response.text


async def comments_on(standin: httpx.AsyncClient, number: int) -> list[dict[str, Any]]:
    """The stand-in issue's comments, as GitHub's API lists them."""
    response = await standin.get(
        f"/repos/{REPOSITORY}/issues/{number}/comments", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


async def issue(standin: httpx.AsyncClient, number: int) -> dict[str, Any]:
    response = await standin.get(
        f"/repos/{REPOSITORY}/issues/{number}", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found
