from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifier.models import Email


class EmailRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_once(self, email: Email) -> None:
        """Queue the mail unless this event already queued one for this recipient."""
        values = {
            c.key: getattr(email, c.key)
            for c in Email.__table__.columns
            if getattr(email, c.key, None) is not None
        }
        await self.session.execute(
            insert(Email)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[Email.event_id, Email.recipient_id])
        )
