from gateway.models.base import Base
from shared.outbox import OutboxMixin


class OutboxMessage(OutboxMixin, Base):
    pass
