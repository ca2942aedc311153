from github_sync.models.base import SCHEMA, Base
from github_sync.models.comment_link import CommentLink
from github_sync.models.delivery import Delivery
from github_sync.models.issue_link import IssueLink
from github_sync.models.messaging import InboxEntry, OutboxMessage
from github_sync.models.task import SyncTask

__all__ = [
    "SCHEMA",
    "Base",
    "CommentLink",
    "Delivery",
    "InboxEntry",
    "IssueLink",
    "OutboxMessage",
    "SyncTask",
]
