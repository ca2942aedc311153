import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from gateway.models import ApiToken


class ApiTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, token: ApiToken) -> ApiToken:
        self.session.add(token)
        await self.session.flush()
        await self.session.refresh(token)
        return token

    async def active(self, token_hash: str) -> ApiToken | None:
        return await self.session.scalar(
            select(ApiToken)
            .options(selectinload(ApiToken.user))
            .where(
                ApiToken.token_hash == token_hash,
                or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > func.now()),
            )
        )

    async def used(self, token_id: uuid.UUID) -> None:
        await self.session.execute(
            update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=func.now())
        )

    async def for_user(self, user_id: uuid.UUID) -> Sequence[ApiToken]:
        rows = await self.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc())
        )
        return rows.all()

    async def remove(self, user_id: uuid.UUID, token_id: uuid.UUID) -> bool:
        result = await self.session.execute(
            delete(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.id == token_id)
            .returning(ApiToken.id)
        )
        return result.first() is not None

    async def remove_all_for(self, user_id: uuid.UUID) -> None:
        await self.session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
