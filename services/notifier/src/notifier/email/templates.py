"""Mail bodies: plain text first, HTML as the alternative. Every user-written string is escaped."""

from dataclasses import dataclass
from html import escape

from shared.events import TicketState
from shared.wording import priority_label, status_label, type_label


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def subject(site_name: str, ticket: TicketState) -> str:
    """Kept the same for every mail about one ticket, so mail clients thread them together."""
    title = " ".join(ticket.title.split())  # no header injection through newlines
    return f"[{site_name} #{ticket.ticket_number}] {title}"


def _facts(ticket: TicketState) -> list[tuple[str, str]]:
    facts = [
        ("Ticket", f"#{ticket.ticket_number}: {ticket.title}"),
        ("Type", type_label(ticket.type)),
        ("Status", status_label(ticket.status)),
        ("Priority", priority_label(ticket.priority)),
    ]
    if ticket.severity:
        facts.append(("Severity", ticket.severity.capitalize()))
    return facts


def render(
    *,
    site_name: str,
    ticket: TicketState,
    greeting_name: str,
    lead: str,
    quote: str | None = None,
    quote_label: str | None = None,
) -> Rendered:
    facts = _facts(ticket)
    text_lines = [f"Hi {greeting_name},", "", lead, ""]
    text_lines += [f"{label}: {value}" for label, value in facts]
    if quote:
        text_lines += ["", f"{quote_label or 'Message'}:", "---", quote, "---"]
    text_lines += ["", f"View the ticket: {ticket.url}", "", "Thanks,", f"{site_name} Team", ""]

    rows = "".join(
        f"<tr><th align='left' style='padding-right:12px'>{escape(label)}</th><td>{escape(value)}</td></tr>"
        for label, value in facts
    )
    quote_html = ""
    if quote:
        quote_html = (
            f"<p><strong>{escape(quote_label or 'Message')}:</strong></p>"
            f"<blockquote style='border-left:3px solid #ccc;margin:0;padding-left:12px;"
            f"white-space:pre-wrap'>{escape(quote)}</blockquote>"
        )
    html = (
        "<!doctype html><html><body style='font-family:sans-serif'>"
        f"<p>Hi {escape(greeting_name)},</p><p>{escape(lead)}</p>"
        f"<table>{rows}</table>{quote_html}"
        f"<p><a href='{escape(ticket.url, quote=True)}'>View ticket "
        f"#{ticket.ticket_number}</a></p>"
        f"<p>Thanks,<br>{escape(site_name)} Team</p></body></html>"
    )
    return Rendered(subject=subject(site_name, ticket), text="\n".join(text_lines), html=html)
