import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifier.models import EmailOptOut, User
from shared.events import UserData


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def admins(self) -> Sequence[User]:
        return (
            await self.session.scalars(
                select(User).where(User.role == "admin", User.disabled.is_(False)).order_by(User.username)
            )
        ).all()

    async def upsert(self, data: UserData) -> None:
        values = {
            "email": data.email,
            "username": data.username,
            "display_name": data.display_name,
            "role": data.role,
            "disabled": data.disabled,
        }
        stmt = insert(User).values(id=data.id, **values)
        await self.session.execute(stmt.on_conflict_do_update(index_elements=[User.id], set_=values))

    async def forget(self, user_id: uuid.UUID) -> None:
        """A deleted account leaves nothing here: not its address, not its choices."""
        await self.session.execute(delete(EmailOptOut).where(EmailOptOut.user_id == user_id))
        await self.session.execute(delete(User).where(User.id == user_id))
