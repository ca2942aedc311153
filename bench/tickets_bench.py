"""How the tickets API holds up as the table grows: p50/p95/p99 of lists (several filters and sorts),
deep pages, search and detail at 10,000 and at 1,000,000 tickets, against the real service process.

    uv run python bench/tickets_bench.py [--sizes 10000 1000000] [--requests 60]

Writes the table to docs/benchmarks.md. Takes a while at a million (filling is most of it).
"""

import argparse
import asyncio
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).parent))
from fill import add_tickets, person_id, setup_people

from devtools.servers import free_port
from devtools.stack import SERVICES
from gateway.internal_token import InternalTokenSigner
from shared import migrations
from shared.dev_keys import DEV_INTERNAL_PRIVATE_KEY
from shared.settings import normalise_database_url
from tickets.pagination import Cursor

ROOT = Path(__file__).resolve().parents[1]
DB = "revenge_bench"
ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
DSN = f"postgresql://postgres@127.0.0.1:5432/{DB}"
REPORTERS, ADMINS, BATCH = 1000, 5, 50_000
ADMIN_PATH = "/api/v1/admin/support/tickets"


@dataclass
class Result:
    size: int
    name: str
    samples: list[float]

    def pct(self, p: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


async def prepare_database() -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{DB}"')
    finally:
        await conn.close()
    spec = next(s for s in SERVICES if s.name == "tickets")
    await asyncio.to_thread(migrations.upgrade, spec.migrations_dir, normalise_database_url(DSN), spec.schema)
    conn = await asyncpg.connect(DSN)
    try:
        await setup_people(conn, REPORTERS, ADMINS)
    finally:
        await conn.close()


async def fill_to(have: int, want: int) -> None:
    conn = await asyncpg.connect(DSN)
    try:
        started = time.monotonic()
        for start in range(have + 1, want + 1, BATCH):
            count = min(BATCH, want - start + 1)
            await add_tickets(conn, start, count, reporters=REPORTERS, admins=ADMINS)
            print(f"  filled {start + count - 1:>9,} tickets ({time.monotonic() - started:.0f}s)", flush=True)
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


def headers(user_id: str, role: str) -> dict[str, str]:
    token = InternalTokenSigner(DEV_INTERNAL_PRIVATE_KEY).mint(
        user_id=uuid.UUID(user_id),
        username=f"{role}-bench",
        role=role,
        audience="tickets",
        lifetime=7200,  # type: ignore[arg-type]
    )
    return {"x-internal-token": token}


async def timed(
    client: httpx.AsyncClient, n: int, make: Callable[[int], Awaitable[httpx.Response]]
) -> list[float]:
    await make(0)  # warm the path (plans, caches)
    samples = []
    for i in range(n):
        start = time.perf_counter()
        response = await make(i)
        samples.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code}: {response.text[:300]}")
    return samples


async def landmarks() -> tuple[str, str, str]:
    """A cursor 90% of the way down the closed tickets (as a client reaches it by paging), and a
    created-at window holding the middle tenth of all tickets."""
    conn = await asyncpg.connect(DSN)
    try:
        closed = await conn.fetchval("SELECT count(*) FROM tickets.tickets WHERE status = 'closed'")
        row = await conn.fetchrow(
            "SELECT created_at, id FROM tickets.tickets WHERE status = 'closed' "
            "ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1",
            int(closed * 0.9),
        )
        low, high = await conn.fetchrow(
            "SELECT percentile_disc(0.45) WITHIN GROUP (ORDER BY created_at), "
            "percentile_disc(0.55) WITHIN GROUP (ORDER BY created_at) FROM tickets.tickets"
        )
    finally:
        await conn.close()
    cursor = Cursor(sort="created", key=(row["created_at"], row["id"])).encode()
    return cursor, low.isoformat(), high.isoformat()


async def measure(base: str, size: int, n: int) -> list[Result]:
    admin = headers(person_id(1), "admin")
    reporter_id = person_id(ADMINS + 1)
    reporter = headers(reporter_id, "user")
    out: list[Result] = []
    deep, low, high = await landmarks()
    async with httpx.AsyncClient(base_url=base, timeout=60, trust_env=False) as client:

        async def run(name: str, make: Callable[[int], Awaitable[httpx.Response]]) -> None:
            out.append(Result(size, name, await timed(client, n, make)))
            print(f"  {name:<44} p50 {out[-1].pct(50):7.1f} ms  p95 {out[-1].pct(95):7.1f} ms", flush=True)

        lists = {
            "list: newest first": {},
            "list: unassigned view, by priority": {"view": "unassigned", "sort": "priority"},
            "list: open view, recently updated": {"view": "open", "sort": "updated"},
            "list: closed, newest first": {"status": "closed"},
            "list: critical bugs": {"type": "bug", "severity": "critical"},
            "list: assigned to an admin, by priority": {"assigned_to": person_id(2), "sort": "priority"},
            "list: created in a window (middle tenth)": {"created_from": low, "created_to": high},
        }
        for name, params in lists.items():
            await run(name, lambda _i, p=params: client.get(ADMIN_PATH, params=p, headers=admin))
        await run(
            "list: closed, a page 90% of the way down",
            lambda _i: client.get(ADMIN_PATH, params={"status": "closed", "cursor": deep}, headers=admin),
        )
        await run(
            "search: a common word",
            lambda _i: client.get(ADMIN_PATH, params={"q": "playback"}, headers=admin),
        )
        await run(
            "search: two rare words",
            lambda i: client.get(ADMIN_PATH, params={"q": "trickplay quicksync"}, headers=admin),
        )
        await run(
            "search: by #number",
            lambda i: client.get(ADMIN_PATH, params={"q": f"#{1 + (i * 7919) % size}"}, headers=admin),
        )
        await run(
            "detail: one ticket (admin)",
            lambda i: client.get(f"{ADMIN_PATH}/{1 + (i * 104729) % size}", headers=admin),
        )
        await run(
            "user: own tickets, newest first",
            lambda _i: client.get("/api/v1/support/tickets", headers=reporter),
        )
    return out


async def with_service(size: int, n: int) -> list[Result]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": DSN, "BROKER_PREFIX": "bench.", "TICKETS_PORT": str(port),
           "LOG_LEVEL": "WARNING", "LOG_FORMAT": "text"}  # fmt: skip
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "tickets", env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(trust_env=False) as client:
            for _ in range(240):
                try:
                    if (await client.get(f"{base}/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.25)
        return await measure(base, size, n)
    finally:
        process.terminate()
        await process.wait()


def report(results: list[Result], sizes: list[int]) -> str:
    names = list(dict.fromkeys(r.name for r in results))
    by = {(r.size, r.name): r for r in results}
    small, large = sizes[0], sizes[-1]
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/tickets_bench.py` (`make bench`): the tickets service as its own process against "
        "PostgreSQL 15 on this machine (2 cores), one request at a time, latency as the client sees it. "
        f"Data: {REPORTERS:,} reporters, {ADMINS} admins, 80% of tickets closed, about two comments each, "
        "labels on a third.",
        "",
        f"| request | {small:,}: p50 / p95 / p99 ms | {large:,}: p50 / p95 / p99 ms | p95 ratio |",
        "|---|---|---|---|",
    ]
    for name in names:
        a, b = by.get((small, name)), by.get((large, name))
        cells = [f"{r.pct(50):.1f} / {r.pct(95):.1f} / {r.pct(99):.1f}" if r else "-" for r in (a, b)]
        ratio = f"{b.pct(95) / a.pct(95):.2f}x" if a and b else "-"
        lines.append(f"| {name} | {cells[0]} | {cells[1]} | {ratio} |")
    lines += [
        "",
        f"Run on {time.strftime('%Y-%m-%d')}; goal: every {large:,} figure within 1.5x of the {small:,} one.",
        "",
    ]
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    await prepare_database()
    results: list[Result] = []
    have = 0
    for size in sorted(args.sizes):
        print(f"filling to {size:,} tickets", flush=True)
        await fill_to(have, size)
        have = size
        print(f"measuring at {size:,}", flush=True)
        results += await with_service(size, args.requests)
    text = report(results, sorted(args.sizes))
    print(text)
    (ROOT / "docs" / "benchmarks.md").write_text(text)


if __name__ == "__main__":
    asyncio.run(main())
