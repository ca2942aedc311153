import uuid
from datetime import datetime

from sqlalchemy import DateTime, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from notifier.models.base import Base
from shared.jobs import JobMixin


class Email(JobMixin, Base):
    """One mail to one recipient, rendered when its event arrived; also the log of what was sent.

    UNIQUE(event_id, recipient_id): one event never mails one person twice, however often it is
    delivered.
    """

    __tablename__ = "emails"
    __table_args__ = (UniqueConstraint("event_id", "recipient_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID]
    event_type: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    recipient_id: Mapped[uuid.UUID]
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(998))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    # Fixed when the row is written, so a retried send carries the same Message-ID.
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
