import uuid
from datetime import datetime

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from notifier.models.base import Base


class EmailOptOut(Base):
    """A kind of mail someone asked not to get. Absent means on: everyone starts with every mail."""

    __tablename__ = "email_opt_outs"

    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
