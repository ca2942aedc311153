import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from tickets.models.base import Base
from tickets.models.label import TicketLabel
from tickets.models.user import User

ACTIVE = "status IN ('open', 'in_progress')"


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint("type IN ('bug', 'feature', 'support')", name="type"),
        CheckConstraint(
            "severity IS NULL OR severity IN ('critical', 'high', 'medium', 'low')", name="severity"
        ),
        CheckConstraint("severity IS NULL OR type = 'bug'", name="severity_only_for_bugs"),
        CheckConstraint(
            "category IN ('movies', 'tv_shows', 'music', 'books', 'adult', 'other')",
            name="category",
        ),
        CheckConstraint("status IN ('open', 'in_progress', 'resolved', 'closed')", name="status"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority"),
        # Keyset pagination walks one of these for each sort, filter and named view (see query.py).
        Index("ix_tickets_user_created", "user_id", "created_at", "id"),
        Index("ix_tickets_created", "created_at", "id"),
        Index("ix_tickets_updated", "updated_at", "id"),
        Index("ix_tickets_priority", "priority", "created_at", "id"),
        Index("ix_tickets_status_created", "status", "created_at", "id"),
        Index("ix_tickets_status_updated", "status", "updated_at", "id"),
        Index("ix_tickets_status_priority", "status", "priority", "created_at", "id"),
        Index("ix_tickets_active_created", "created_at", "id", postgresql_where=text(ACTIVE)),
        Index("ix_tickets_active_updated", "updated_at", "id", postgresql_where=text(ACTIVE)),
        Index("ix_tickets_active_priority", "priority", "created_at", "id", postgresql_where=text(ACTIVE)),
        Index(
            "ix_tickets_unassigned_priority",
            "priority",
            "created_at",
            "id",
            postgresql_where=text(f"assigned_admin_id IS NULL AND {ACTIVE}"),
        ),
        Index(
            "ix_tickets_unassigned_created",
            "created_at",
            "id",
            postgresql_where=text(f"assigned_admin_id IS NULL AND {ACTIVE}"),
        ),
        Index("ix_tickets_assignee_priority", "assigned_admin_id", "priority", "created_at", "id"),
        Index("ix_tickets_assignee_created", "assigned_admin_id", "created_at", "id"),
        Index("ix_tickets_search", "search_vector", postgresql_using="gin"),
        # Housekeeping: resolved tickets waiting to be closed automatically.
        Index("ix_tickets_resolved_at", "resolved_at", postgresql_where=text("status = 'resolved'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # Human-facing number (#1234). An identity column: unique under concurrent inserts, and a rolled
    # back insert leaves a gap rather than a duplicate.
    ticket_number: Mapped[int] = mapped_column(BigInteger, Identity(start=1), unique=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    type: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(50), server_default="other")
    status: Mapped[str] = mapped_column(String(20), server_default="open")
    priority: Mapped[int] = mapped_column(SmallInteger, server_default="3")
    assigned_admin_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    github_issue_url: Mapped[str | None] = mapped_column(String(500))
    metadata_json: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    # Bumped on every change; carried by events (consumers drop stale ones) and used as the ETag.
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When a critical ticket left too long without an answer was escalated (once per ticket).
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Title (A), description (B) and public comments (C); kept current by TicketRepository.reindex.
    search_vector: Mapped[str] = deferred(
        mapped_column(TSVECTOR, server_default=text("''::tsvector"), nullable=False)
    )

    reporter: Mapped[User | None] = relationship(foreign_keys=[user_id], lazy="raise")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assigned_admin_id], lazy="raise")
    labels: Mapped[list[TicketLabel]] = relationship(
        secondary="tickets.ticket_label_assignments", lazy="raise", order_by="TicketLabel.name"
    )
