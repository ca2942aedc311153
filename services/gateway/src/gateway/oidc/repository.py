import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import ExternalIdentity, OidcLogin


class OidcRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(self, login: OidcLogin) -> None:
        # Abandoned sign-ins are swept as new ones start.
        await self.session.execute(delete(OidcLogin).where(OidcLogin.expires_at <= func.now()))
        self.session.add(login)
        await self.session.flush()

    async def take(self, state_hash: str) -> OidcLogin | None:
        """The sign-in this state belongs to, deleted as it is read: a state works once."""
        result = await self.session.execute(
            delete(OidcLogin)
            .where(OidcLogin.state_hash == state_hash, OidcLogin.expires_at > func.now())
            .returning(OidcLogin)
        )
        return result.scalar_one_or_none()

    async def identity(self, issuer: str, subject: str) -> ExternalIdentity | None:
        return await self.session.scalar(
            select(ExternalIdentity).where(
                ExternalIdentity.issuer == issuer, ExternalIdentity.subject == subject
            )
        )

    async def link(self, issuer: str, subject: str, user_id: uuid.UUID, email: str) -> None:
        self.session.add(ExternalIdentity(issuer=issuer, subject=subject, user_id=user_id, email=email))
        await self.session.flush()
