"""Durable work rows for side effects outside the database (an email, a webhook POST, a GitHub call).

A consumer writes a row in the same transaction as its inbox entry; a worker claims due rows under a lease
(``FOR UPDATE SKIP LOCKED``, so replicas never take the same row), performs the call, and records the
outcome. A crash mid-call leaves the lease to expire and the row is tried again: at least once, and at most
once more than needed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import DateTime, Integer, String, Text, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

logger = logging.getLogger(__name__)

JobStatus = Literal["pending", "done", "failed"]


class JobMixin:
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    leased_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


J = TypeVar("J", bound=JobMixin)


class RetryLater(Exception):
    """The call failed in a way worth retrying; ``after`` overrides the schedule (e.g. Retry-After)."""

    def __init__(self, message: str, after: float | None = None) -> None:
        super().__init__(message)
        self.after = after


class GiveUp(Exception):
    """The call failed for good (a 4xx that will not change, a refused address): mark the job failed."""


def jittered(seconds: float, spread: float = 0.2) -> float:
    return seconds * random.uniform(1 - spread, 1 + spread)


async def claim_due(session: AsyncSession, model: type[J], *, limit: int, lease: timedelta) -> Sequence[J]:
    """Lease up to ``limit`` due jobs; the caller's transaction must commit to make the lease stick."""
    now = func.now()
    due = (
        select(model.id)  # type: ignore[attr-defined]
        .where(
            model.status == "pending",
            model.next_attempt_at <= now,
            or_(model.leased_until.is_(None), model.leased_until < now),
        )
        .order_by(model.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = await session.scalars(
        update(model)
        .where(model.id.in_(due.scalar_subquery()))  # type: ignore[attr-defined]
        .values(leased_until=now + lease, attempts=model.attempts + 1)
        .returning(model)
        .execution_options(synchronize_session=False)
    )
    return rows.all()


class JobWorker(Generic[J]):
    """Runs ``perform`` on due jobs of one table, applying a retry schedule to failures.

    ``perform`` gets a fresh session in its own transaction and may record its outcome there; this class
    then marks the job done, schedules its retry, or fails it.
    """

    def __init__(
        self,
        *,
        name: str,
        sessionmaker: async_sessionmaker[AsyncSession],
        model: type[J],
        perform: Callable[[AsyncSession, J], Awaitable[None]],
        schedule: Sequence[float],
        concurrency: int = 4,
        lease: timedelta = timedelta(seconds=120),
        poll_interval: float = 1.0,
    ) -> None:
        self.name = name
        self._sessionmaker = sessionmaker
        self._model = model
        self._perform = perform
        self._schedule = tuple(schedule)
        self._concurrency = concurrency
        self._lease = lease
        self._poll_interval = poll_interval
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                handled = await self.run_once()
            except Exception:
                logger.exception("%s: pass failed", self.name)
                handled = 0
            if handled < self._concurrency:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll_interval)
                self._wake.clear()

    async def run_once(self) -> int:
        async with self._sessionmaker() as session, session.begin():
            jobs = await claim_due(session, self._model, limit=self._concurrency, lease=self._lease)
        await asyncio.gather(*(self._run_job(job) for job in jobs))
        return len(jobs)

    async def _run_job(self, job: J) -> None:
        outcome: dict[str, Any]
        try:
            async with self._sessionmaker() as session, session.begin():
                await self._perform(session, job)
                await self._finish(session, job, status="done", completed_at=func.now())
            return
        except GiveUp as exc:
            outcome = {"status": "failed", "completed_at": func.now(), "last_error": str(exc)}
            logger.warning("%s: job %s failed for good: %s", self.name, job.id, exc)  # type: ignore[attr-defined]
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
            delay = self._next_delay(job.attempts, exc)
            if delay is None:
                outcome = {"status": "failed", "completed_at": func.now(), "last_error": error}
                logger.warning("%s: job %s exhausted its retries: %s", self.name, job.id, error)  # type: ignore[attr-defined]
            else:
                outcome = {
                    "last_error": error,
                    "next_attempt_at": datetime.now(UTC) + timedelta(seconds=delay),
                }
                # One line in the log (a database error carries its whole statement); all of it in last_error.
                brief = error.splitlines()[0][:300] if error else error
                logger.warning("%s: job %s retry in %.0fs: %s", self.name, job.id, delay, brief)  # type: ignore[attr-defined]
        async with self._sessionmaker() as session, session.begin():
            await self._finish(session, job, **outcome)

    def _next_delay(self, attempts: int, exc: Exception) -> float | None:
        if attempts > len(self._schedule):
            return None
        if isinstance(exc, RetryLater) and exc.after is not None:
            return max(0.0, exc.after)
        return jittered(self._schedule[attempts - 1])

    async def _finish(self, session: AsyncSession, job: J, **values: Any) -> None:
        model = self._model
        await session.execute(
            update(model)
            .where(model.id == job.id)  # type: ignore[attr-defined]
            .values(leased_until=None, **values)
        )
