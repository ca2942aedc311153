"""Filing and fetching tickets in tests, as the reporter or as an admin would through the gateway."""

from typing import Any

import httpx

from support.tokens import Person

USER = "/api/v1/support/tickets"
ADMIN = "/api/v1/admin/support/tickets"
LABELS = "/api/v1/admin/support/labels"


def body(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "type": "bug",
        "title": "Video playback stutters on Chrome",
        "description": "Every 4K movie stutters after about ten seconds of playback.",
        "severity": "medium",
        "category": "movies",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


async def file_ticket(client: httpx.AsyncClient, who: Person, **overrides: Any) -> dict[str, Any]:
    response = await client.post(USER, json=body(**overrides), headers=who.headers())
    assert response.status_code == 201, response.text
    return dict(response.json())


async def admin_get(client: httpx.AsyncClient, admin: Person, number: int) -> httpx.Response:
    return await client.get(f"{ADMIN}/{number}", headers=admin.headers())


CLOSING_NOTE = "Closed: nothing more to do here."


async def set_status(
    client: httpx.AsyncClient, admin: Person, number: int, status: str, **headers: str
) -> httpx.Response:
    """Move a ticket as an admin does; closing carries a resolution, as the API demands."""
    body = {"status": status} | ({"resolution": CLOSING_NOTE} if status == "closed" else {})
    return await client.put(f"{ADMIN}/{number}/status", json=body, headers={**admin.headers(), **headers})


async def make_label(
    client: httpx.AsyncClient, admin: Person, name: str, color: str = "#d73a4a"
) -> dict[str, Any]:
    response = await client.post(LABELS, json={"name": name, "color": color}, headers=admin.headers())
    assert response.status_code == 201, response.text
    return dict(response.json())


async def insert_tickets(database_url: str, reporter_id: str, count: int) -> list[str]:
    """``count`` open tickets written straight into the table (the reporter must already be known):
    for tests that need many tickets and are not about filing them."""
    import asyncpg

    from shared.db import asyncpg_dsn

    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        rows = await conn.fetch(
            """
            INSERT INTO tickets.tickets (id, user_id, type, title, description, category, status, priority)
            SELECT gen_random_uuid(), $1::uuid, 'support', 'Many tickets ' || g,
                   'A ticket made in bulk for a test.', 'other', 'open', 3
            FROM generate_series(1, $2::int) g
            RETURNING id
            """,
            reporter_id,
            count,
        )
    finally:
        await conn.close()
    return [str(r["id"]) for r in rows]
