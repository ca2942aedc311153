from gateway.models.base import SCHEMA, Base
from gateway.models.messaging import OutboxMessage
from gateway.models.session import UserSession
from gateway.models.user import User

__all__ = ["SCHEMA", "Base", "OutboxMessage", "User", "UserSession"]
