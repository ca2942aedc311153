from tickets.models.attachment import TicketAttachment
from tickets.models.base import SCHEMA, Base
from tickets.models.comment import TicketComment
from tickets.models.label import TicketLabel, TicketLabelAssignment
from tickets.models.messaging import InboxEntry, OutboxMessage
from tickets.models.status_history import TicketStatusHistory
from tickets.models.ticket import Ticket
from tickets.models.user import User

__all__ = [
    "SCHEMA",
    "Base",
    "InboxEntry",
    "OutboxMessage",
    "Ticket",
    "TicketAttachment",
    "TicketComment",
    "TicketLabel",
    "TicketLabelAssignment",
    "TicketStatusHistory",
    "User",
]
