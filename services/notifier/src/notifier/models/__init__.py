from notifier.models.base import SCHEMA, Base
from notifier.models.email import Email
from notifier.models.messaging import InboxEntry
from notifier.models.opt_out import EmailOptOut
from notifier.models.user import User

__all__ = ["SCHEMA", "Base", "Email", "EmailOptOut", "InboxEntry", "User"]
