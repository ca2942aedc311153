from sqlalchemy.ext.asyncio import AsyncSession

from notifier.user.repository import UserRepository
from shared.events import AnyEvent, UserCreated, UserDeleted, UserUpdated


async def on_identity_event(session: AsyncSession, event: AnyEvent) -> None:
    users = UserRepository(session)
    if isinstance(event, UserCreated | UserUpdated):
        await users.upsert(event.data)
    elif isinstance(event, UserDeleted):
        await users.forget(event.data.id)
