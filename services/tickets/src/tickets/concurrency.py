"""Optimistic concurrency: every response about a ticket carries its version as an ETag, and an admin
change sent with ``If-Match`` is refused (412) when someone else changed the ticket in between."""

from fastapi import Response

from shared.problems import PreconditionFailed
from tickets.models import Ticket


def etag(ticket: Ticket) -> str:
    return f'"{ticket.id}.{ticket.version}"'


def set_etag(response: Response, ticket: Ticket) -> None:
    response.headers["ETag"] = etag(ticket)


def check_if_match(if_match: str | None, ticket: Ticket) -> None:
    """No header: the caller takes its chances (API scripts). ``*`` or the current tag: go ahead."""
    if if_match is None:
        return
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in candidates or etag(ticket) in candidates:
        return
    raise PreconditionFailed(
        f"Ticket #{ticket.ticket_number} changed since you loaded it (now version {ticket.version}); "
        "reload it and apply your change again.",
        title="Ticket changed meanwhile",
        extra={"current_version": ticket.version},
    )
