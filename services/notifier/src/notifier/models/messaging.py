from notifier.models.base import Base
from shared.inbox import InboxMixin


class InboxEntry(InboxMixin, Base):
    pass
