import uuid
from datetime import datetime

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from gateway.models import User, UserSession


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
        query = select(User).where(User.id == user_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))

    async def email_taken(self, email: str) -> bool:
        return bool(
            await self.session.scalar(select(exists().where(func.lower(User.email) == email.lower())))
        )

    async def username_taken(self, username: str) -> bool:
        return bool(
            await self.session.scalar(select(exists().where(func.lower(User.username) == username.lower())))
        )

    async def admin_exists(self) -> bool:
        return bool(await self.session.scalar(select(exists().where(User.role == "admin"))))

    async def lock_roster(self) -> None:
        """Serialise changes to who is an enabled admin until the transaction ends.

        Without it two admins demoting each other at once would both see "another admin is left"; one
        advisory lock (not row locks taken in varying order) cannot deadlock."""
        await self.session.execute(select(func.pg_advisory_xact_lock(func.hashtext("identity.admin-roster"))))

    async def active_admin_ids(self) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            select(User.id).where(User.role == "admin", User.disabled.is_(False))
        )
        return list(rows)

    async def add(self, user: User) -> User:
        self.session.add(user)
        await self.session.flush()
        await self.session.refresh(user)
        return user

    async def touch(self, user: User) -> None:
        """Flush the changes made to ``user`` and move its ``updated_at`` (the admin API's ETag)."""
        user.updated_at = await self.session.scalar(select(func.clock_timestamp())) or user.updated_at
        await self.session.flush()

    async def delete(self, user_id: uuid.UUID) -> None:
        await self.session.execute(delete(User).where(User.id == user_id))


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, user_session: UserSession) -> None:
        self.session.add(user_session)
        await self.session.flush()

    async def active(self, token_hash: str, idle_cutoff: datetime) -> UserSession | None:
        return await self.session.scalar(
            select(UserSession)
            .options(selectinload(UserSession.user))
            .where(
                UserSession.token_hash == token_hash,
                UserSession.expires_at > func.now(),
                UserSession.last_seen_at > idle_cutoff,
            )
        )

    async def seen(self, token_hash: str) -> None:
        await self.session.execute(
            update(UserSession).where(UserSession.token_hash == token_hash).values(last_seen_at=func.now())
        )

    async def remove(self, token_hash: str) -> None:
        await self.session.execute(delete(UserSession).where(UserSession.token_hash == token_hash))

    async def remove_all_for(self, user_id: uuid.UUID, *, keep: str | None = None) -> None:
        """End every session of the user, except the one whose hash is ``keep``."""
        query = delete(UserSession).where(UserSession.user_id == user_id)
        if keep is not None:
            query = query.where(UserSession.token_hash != keep)
        await self.session.execute(query)
