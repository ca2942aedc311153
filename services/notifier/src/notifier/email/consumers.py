from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from notifier.config import NotifierSettings
from notifier.email.compose import queue_emails
from notifier.email.sender import mail_domain
from shared.events import AnyEvent


def on_ticket_event(
    settings: NotifierSettings, wake_worker: Callable[[], None]
) -> Callable[[AsyncSession, AnyEvent], Awaitable[None]]:
    domain = mail_domain(settings)

    async def handle(session: AsyncSession, event: AnyEvent) -> None:
        if await queue_emails(session, event, site_name=settings.site_name, mail_domain=domain):
            # Rows become visible at commit; the worker also polls, this only saves a second.
            wake_worker()

    return handle
