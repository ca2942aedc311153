import uuid

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared.events import UserData
from shared.internal_auth import Principal
from tickets.models import User


class UserRepository:
    """The users projection: filled from ``user.*`` events, and from each request's internal token so a
    ticket never waits for an event that is still on its way."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def ensure(self, principal: Principal) -> None:
        stmt = insert(User).values(
            id=principal.user_id, username=principal.username, role=principal.role, disabled=False
        )
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=[User.id],
                set_={"username": stmt.excluded.username, "role": stmt.excluded.role},
                where=(User.username != stmt.excluded.username) | (User.role != stmt.excluded.role),
            )
        )

    async def upsert(self, data: UserData) -> None:
        values = {
            "username": data.username,
            "display_name": data.display_name,
            "role": data.role,
            "disabled": data.disabled,
        }
        stmt = insert(User).values(id=data.id, **values)
        await self.session.execute(stmt.on_conflict_do_update(index_elements=[User.id], set_=values))

    async def forget(self, user_id: uuid.UUID) -> None:
        """A deleted account: its tickets stay, with no reporter (the seed's ON DELETE SET NULL)."""
        await self.session.execute(delete(User).where(User.id == user_id))
