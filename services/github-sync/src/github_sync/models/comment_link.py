import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from github_sync.models.base import Base


class CommentLink(Base):
    """A GitHub comment and the ticket comment it mirrors, whichever side it started on.

    Recording every comment id we create is what stops an echo loop: the webhook about a comment we wrote
    names an id found here, and is dropped.
    """

    __tablename__ = "comment_links"
    __table_args__ = (CheckConstraint("origin IN ('ticket', 'github')", name="origin"),)

    github_comment_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # Null for a comment that came from GitHub: the tickets service makes that comment from the event.
    ticket_comment_id: Mapped[uuid.UUID | None] = mapped_column(unique=True)
    ticket_id: Mapped[uuid.UUID] = mapped_column(index=True)
    origin: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
