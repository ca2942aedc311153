"""What each kind of endpoint receives for a ticket event.

Custom endpoints get the seed's JSON (``{event, timestamp, ticket: {...}}``, plus the comment or change when
there is one); Discord and Slack get a message in their own format, trimmed to their documented limits.
"""

from typing import Any

from shared.events import (
    AssignedData,
    ClosedData,
    CommentedData,
    PriorityChangedData,
    StatusChangeData,
    TicketEvent,
    TicketState,
)
from shared.wording import priority_label, status_label, type_label

DISCORD_TITLE, DISCORD_DESCRIPTION, DISCORD_TOTAL = 256, 4096, 6000
SLACK_HEADER, SLACK_SECTION = 150, 3000
HEADLINES = {
    "ticket.created": "New ticket",
    "ticket.assigned": "Ticket assigned",
    "ticket.status_changed": "Status changed",
    "ticket.commented": "New reply",
    "ticket.resolved": "Ticket resolved",
    "ticket.closed": "Ticket closed",
    "ticket.reopened": "Ticket reopened",
    "ticket.priority_changed": "Priority changed",
    "ticket.labels_changed": "Labels changed",
    "ticket.escalated": "Ticket escalated",
}


def _ticket(ticket: TicketState) -> dict[str, Any]:
    return {
        "id": str(ticket.id),
        "ticket_number": ticket.ticket_number,
        "type": ticket.type,
        "title": ticket.title,
        "severity": ticket.severity,
        "status": ticket.status,
        "priority": ticket.priority,
        "category": ticket.category,
        "user": (
            {"id": str(ticket.reporter.id), "username": ticket.reporter.username} if ticket.reporter else None
        ),
        "url": ticket.url,
    }


def custom(event: TicketEvent) -> dict[str, Any]:
    data = event.data
    payload: dict[str, Any] = {
        "event": event.type,
        "timestamp": event.time.isoformat().replace("+00:00", "Z"),
        "ticket": _ticket(data.ticket),
    }
    if isinstance(data, CommentedData):
        payload["comment"] = {
            "id": str(data.comment.id),
            # A comment from GitHub has no account here: its author is the GitHub login.
            "author": data.comment.author.username if data.comment.author else data.comment.external_author,
            "origin": data.comment.origin,
            "body": data.comment.body,
            "created_at": data.comment.created_at.isoformat(),
        }
    elif isinstance(data, StatusChangeData):
        payload["changes"] = {"status": {"from": data.old_status, "to": data.new_status}}
        if isinstance(data, ClosedData) and data.resolution:
            payload["resolution"] = data.resolution
    elif isinstance(data, PriorityChangedData):
        payload["changes"] = {"priority": {"from": data.old_priority, "to": data.new_priority}}
    elif isinstance(data, AssignedData):
        payload["changes"] = {
            "assignee": {
                "from": data.old_assignee.username if data.old_assignee else None,
                "to": data.new_assignee.username if data.new_assignee else None,
            }
        }
    return payload


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _summary(event: TicketEvent) -> str:
    data = event.data
    if isinstance(data, CommentedData):
        return data.comment.body
    if isinstance(data, StatusChangeData):
        old = status_label(data.old_status) if data.old_status else "—"
        return f"Status: {old} → {status_label(data.new_status)}"
    if event.type == "ticket.created":
        return data.ticket.description
    return ""


def discord(event: TicketEvent, site_name: str) -> dict[str, Any]:
    ticket = event.data.ticket
    title = _cut(f"#{ticket.ticket_number} {ticket.title}", DISCORD_TITLE)
    facts = {
        "Type": type_label(ticket.type),
        "Status": status_label(ticket.status),
        "Priority": priority_label(ticket.priority),
    }
    fields = [{"name": name, "value": value, "inline": True} for name, value in facts.items()]
    # Discord refuses a message whose embeds hold more than 6,000 characters in all.
    budget = DISCORD_TOTAL - len(title) - sum(len(k) + len(v) for k, v in facts.items()) - 64
    description = _cut(_summary(event), min(DISCORD_DESCRIPTION, budget))
    return {
        "username": _cut(site_name, 80),
        # Ticket text must never ping @everyone or a role.
        "allowed_mentions": {"parse": []},
        "embeds": [
            {
                "title": title,
                "url": ticket.url,
                "description": description,
                "fields": fields,
                "footer": {"text": HEADLINES.get(event.type, event.type)},
                "timestamp": event.time.isoformat(),
            }
        ],
    }


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack(event: TicketEvent, site_name: str) -> dict[str, Any]:
    ticket = event.data.ticket
    headline = HEADLINES.get(event.type, event.type)
    fallback = f"{headline}: #{ticket.ticket_number} {ticket.title}"
    summary = _slack_escape(_summary(event))
    link = f"<{ticket.url}|#{ticket.ticket_number} {_slack_escape(ticket.title)}>"
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(headline, SLACK_HEADER)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": _cut(link, SLACK_SECTION)}},
    ]
    if summary:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _cut(summary, SLACK_SECTION)}})
    facts = (type_label(ticket.type), status_label(ticket.status), priority_label(ticket.priority))
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": " · ".join(facts)}],
        }
    )
    return {"text": _cut(fallback, 3000), "blocks": blocks, "username": site_name}


def for_kind(kind: str, event: TicketEvent, site_name: str) -> dict[str, Any]:
    if kind == "discord":
        return discord(event, site_name)
    if kind == "slack":
        return slack(event, site_name)
    return custom(event)
