from webhooks.models.attempt import DeliveryAttempt
from webhooks.models.base import SCHEMA, Base
from webhooks.models.delivery import Delivery
from webhooks.models.endpoint import Endpoint
from webhooks.models.messaging import InboxEntry

__all__ = ["SCHEMA", "Base", "Delivery", "DeliveryAttempt", "Endpoint", "InboxEntry"]
