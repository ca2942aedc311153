from shared.inbox import InboxMixin
from webhooks.models.base import Base


class InboxEntry(InboxMixin, Base):
    pass
