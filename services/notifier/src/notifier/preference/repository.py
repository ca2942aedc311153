import uuid
from collections.abc import Iterable, Mapping

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifier.models import EmailOptOut


class PreferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def opted_out(self, user_ids: Iterable[uuid.UUID]) -> set[tuple[uuid.UUID, str]]:
        ids = list(set(user_ids))
        if not ids:
            return set()
        rows = await self.session.execute(
            select(EmailOptOut.user_id, EmailOptOut.kind).where(EmailOptOut.user_id.in_(ids))
        )
        return {(user_id, kind) for user_id, kind in rows}

    async def set(self, user_id: uuid.UUID, wanted: Mapping[str, bool]) -> None:
        off = [kind for kind, on in wanted.items() if not on]
        on = [kind for kind, on in wanted.items() if on]
        if on:
            await self.session.execute(
                delete(EmailOptOut).where(EmailOptOut.user_id == user_id, EmailOptOut.kind.in_(on))
            )
        if off:
            await self.session.execute(
                insert(EmailOptOut)
                .values([{"user_id": user_id, "kind": k} for k in off])
                .on_conflict_do_nothing()
            )
