from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import User


class UserDirectory:
    """The admin's view of the users: search and keyset pages in username order."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def search(
        self,
        *,
        prefix: str | None,
        role: str | None,
        disabled: bool | None,
        after: str | None,
        limit: int,
    ) -> Sequence[User]:
        username = func.lower(User.username)
        query = select(User).order_by(username).limit(limit)
        if prefix:
            needle = prefix.strip().lower()
            query = query.where(
                or_(
                    func.lower(User.email).startswith(needle, autoescape=True),
                    username.startswith(needle, autoescape=True),
                )
            )
        if role is not None:
            query = query.where(User.role == role)
        if disabled is not None:
            query = query.where(User.disabled.is_(disabled))
        if after is not None:
            query = query.where(username > after)
        return (await self.session.scalars(query)).all()
