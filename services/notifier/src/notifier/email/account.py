"""Mail about the account itself (not a ticket): the password reset link.

It goes out at once to the address the event carries, whatever the recipient's notification
preferences, and whether or not the users projection knows the account yet.
"""

from email.utils import make_msgid
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from notifier.email.repository import EmailRepository
from notifier.email.templates import Rendered
from notifier.models import Email
from shared.events import PasswordResetData, UserPasswordResetRequested


def render_password_reset(site_name: str, data: PasswordResetData) -> Rendered:
    name = data.display_name or data.username
    until = data.expires_at.strftime("%Y-%m-%d %H:%M UTC")
    lead = f"Someone asked to reset the password of your {site_name} account {data.username}."
    advice = "If that was not you, ignore this mail: your password stays as it is."
    text = "\n".join(
        [
            f"Hi {name},",
            "",
            lead,
            "Choose a new password here (the link works once, until " + until + "):",
            "",
            data.reset_url,
            "",
            advice,
            "",
            "Thanks,",
            f"{site_name} Team",
            "",
        ]
    )
    html = (
        "<!doctype html><html><body style='font-family:sans-serif'>"
        f"<p>Hi {escape(name)},</p><p>{escape(lead)}</p>"
        f"<p><a href='{escape(data.reset_url, quote=True)}'>Choose a new password</a> "
        f"(the link works once, until {escape(until)}).</p>"
        f"<p>{escape(advice)}</p><p>Thanks,<br>{escape(site_name)} Team</p></body></html>"
    )
    return Rendered(subject=f"Reset your {site_name} password", text=text, html=html)


async def queue_password_reset(
    session: AsyncSession, event: UserPasswordResetRequested, *, site_name: str, mail_domain: str
) -> None:
    content = render_password_reset(site_name, event.data)
    await EmailRepository(session).add_once(
        Email(
            event_id=event.id,
            event_type=event.type,
            ticket_id=None,
            recipient_id=event.data.user_id,
            to_address=event.data.email,
            subject=content.subject,
            text_body=content.text,
            html_body=content.html,
            message_id=make_msgid(idstring="account", domain=f"notify.{mail_domain}"),
        )
    )
