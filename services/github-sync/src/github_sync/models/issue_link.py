import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from github_sync.models.base import Base


class IssueLink(Base):
    """A ticket and its GitHub issue. One issue per ticket, one ticket per issue."""

    __tablename__ = "issue_links"
    __table_args__ = (UniqueConstraint("repository", "issue_number"),)

    ticket_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    ticket_number: Mapped[int] = mapped_column(Integer)
    repository: Mapped[str] = mapped_column(String(200))
    issue_number: Mapped[int] = mapped_column(Integer)
    issue_url: Mapped[str] = mapped_column(String(500))
    issue_node_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    # The issue's state as we last set or saw it: an event that would set it again is an echo.
    state_synced: Mapped[str] = mapped_column(String(8), server_default="open")
    # The ticket version whose state we last sent; an older state change that arrives late is dropped.
    state_version: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
