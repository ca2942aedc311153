from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from notifier.config import NotifierSettings
from notifier.email.account import queue_password_reset
from notifier.email.sender import mail_domain
from notifier.user.repository import UserRepository
from shared.events import AnyEvent, UserCreated, UserDeleted, UserPasswordResetRequested, UserUpdated


def on_identity_event(
    settings: NotifierSettings, wake_worker: Callable[[], None]
) -> Callable[[AsyncSession, AnyEvent], Awaitable[None]]:
    domain = mail_domain(settings)

    async def handle(session: AsyncSession, event: AnyEvent) -> None:
        users = UserRepository(session)
        if isinstance(event, UserCreated | UserUpdated):
            await users.upsert(event.data)
        elif isinstance(event, UserDeleted):
            await users.forget(event.data.id)
        elif isinstance(event, UserPasswordResetRequested):
            await queue_password_reset(session, event, site_name=settings.site_name, mail_domain=domain)
            wake_worker()

    return handle
