import uuid

from sqlalchemy import delete, func
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import PasswordReset


class ResetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, reset: PasswordReset) -> None:
        # Expired links of anyone are of no use to anybody: sweep them as new ones are made.
        await self.session.execute(delete(PasswordReset).where(PasswordReset.expires_at <= func.now()))
        self.session.add(reset)
        await self.session.flush()

    async def take(self, token_hash: str) -> uuid.UUID | None:
        """Use a live link: delete it and return its user, or None. Deleting makes it single-use even
        when two requests race (only one DELETE … RETURNING gets the row)."""
        result = await self.session.execute(
            delete(PasswordReset)
            .where(PasswordReset.token_hash == token_hash, PasswordReset.expires_at > func.now())
            .returning(PasswordReset.user_id)
        )
        return result.scalar_one_or_none()

    async def remove_all_for(self, user_id: uuid.UUID) -> None:
        await self.session.execute(delete(PasswordReset).where(PasswordReset.user_id == user_id))
