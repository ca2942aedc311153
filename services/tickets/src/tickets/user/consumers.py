from sqlalchemy.ext.asyncio import AsyncSession

from shared.events import AnyEvent, UserCreated, UserDeleted, UserUpdated
from tickets.user.repository import UserRepository


async def on_identity_event(session: AsyncSession, event: AnyEvent) -> None:
    users = UserRepository(session)
    if isinstance(event, UserCreated | UserUpdated):
        await users.upsert(event.data)
    elif isinstance(event, UserDeleted):
        await users.forget(event.data.id)
