"""The GitHub issue a ticket becomes (its description, a footer, the seed's metadata block), and the
GitHub comment a public ticket comment becomes."""

from shared.events import CommentState, TicketState

TITLE_MAX = 256
BODY_MAX = 65_536  # GitHub answers 422 "Body is too long" past this
COMMENT_MARKER_PREFIX = "<!-- revenge-support:c="


def metadata_block(ticket: TicketState) -> str:
    reporter = ticket.reporter.username if ticket.reporter else ""
    return "\n".join(
        [
            "<!-- Revenge Ticket Metadata -->",
            f"revenge_ticket_id: {ticket.id}",
            f"revenge_ticket_number: {ticket.ticket_number}",
            f"revenge_user: {reporter}",
            f"revenge_url: {ticket.url}",
        ]
    )


def marker(ticket: TicketState) -> str:
    """What identifies our issue for this ticket, if we ever have to look for it."""
    return f"revenge_ticket_id: {ticket.id}"


def issue_title(ticket: TicketState) -> str:
    return ticket.title[:TITLE_MAX]


def issue_body(ticket: TicketState, site_name: str) -> str:
    facts: list[str] = [ticket.type]
    if ticket.severity:
        facts.append(f"severity {ticket.severity}")
    facts.append(f"category {ticket.category}")
    footer = (
        f"\n\n---\nFiled through {site_name} as [ticket #{ticket.ticket_number}]({ticket.url}) "
        f"({', '.join(facts)}).\n\n{metadata_block(ticket)}\n"
    )
    room = BODY_MAX - len(footer)
    description = ticket.description
    if len(description) > room:
        description = description[: room - 40] + "\n\n… (truncated; see the ticket)"
    return description + footer


def comment_marker(comment: CommentState) -> str:
    """Hidden in every comment we mirror: the webhook about it is recognised as our own echo."""
    return f"{COMMENT_MARKER_PREFIX}{comment.id} -->"


def comment_body(ticket: TicketState, comment: CommentState, *, resolution: bool = False) -> str:
    author = comment.author.username if comment.author else "someone"
    link = f"[ticket #{ticket.ticket_number}]({ticket.url})"
    did = f"closed {link} with this resolution" if resolution else f"wrote on {link}"
    header = f"**{author}** {did}:\n\n"
    footer = f"\n\n{comment_marker(comment)}"
    room = BODY_MAX - len(header) - len(footer)
    body = comment.body
    if len(body) > room:
        body = body[: room - 40] + "\n\n… (truncated; see the ticket)"
    return header + body + footer
