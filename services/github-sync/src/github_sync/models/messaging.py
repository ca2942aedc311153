from github_sync.models.base import Base
from shared.inbox import InboxMixin
from shared.outbox import OutboxMixin


class InboxEntry(InboxMixin, Base):
    pass


class OutboxMessage(OutboxMixin, Base):
    pass
