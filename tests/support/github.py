"""Talking to the GitHub stand-in from tests."""

import uuid
from typing import Any

import httpx

TOKEN = "test-token"
REPOSITORY = "revenge-media/revenge"


async def issues_for(standin: httpx.AsyncClient, ticket_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every stand-in issue whose body carries this ticket's metadata."""
    entries = (await standin.get("/_standin/issues")).json()
    return [e["issue"] for e in entries if f"revenge_ticket_id: {ticket_id}" in (e["issue"]["body"] or "")]


async def add_fault(standin: httpx.AsyncClient, **fault: Any) -> None:
    response = await standin.post("/_standin/faults", json=fault)
    assert response.status_code == 201, response.text
