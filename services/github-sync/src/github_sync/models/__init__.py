from github_sync.models.base import SCHEMA, Base
from github_sync.models.issue_link import IssueLink
from github_sync.models.messaging import InboxEntry, OutboxMessage
from github_sync.models.task import SyncTask

__all__ = ["SCHEMA", "Base", "InboxEntry", "IssueLink", "OutboxMessage", "SyncTask"]
