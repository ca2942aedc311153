from shared.inbox import InboxMixin
from shared.outbox import OutboxMixin
from tickets.models.base import Base


class OutboxMessage(OutboxMixin, Base):
    pass


class InboxEntry(InboxMixin, Base):
    pass
