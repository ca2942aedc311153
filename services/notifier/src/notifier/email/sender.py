"""SMTP delivery of queued mails, with the headers that keep auto-replies and loops away."""

from email.message import EmailMessage
from email.utils import formatdate, parseaddr

import aiosmtplib
from sqlalchemy.ext.asyncio import AsyncSession

from notifier.config import NotifierSettings
from notifier.email.compose import root_message_id
from notifier.models import Email
from shared.jobs import GiveUp, RetryLater


def mail_domain(settings: NotifierSettings) -> str:
    address = parseaddr(settings.smtp_from)[1]
    return address.rpartition("@")[2] or "localhost"


def build_message(email: Email, settings: NotifierSettings) -> EmailMessage:
    domain = mail_domain(settings)
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = email.to_address
    msg["Subject"] = email.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = email.message_id
    if email.ticket_id is not None:
        root = root_message_id(email.ticket_id, domain)
        msg["In-Reply-To"] = root
        msg["References"] = root
    # RFC 3834 and the de-facto headers: out-of-office robots should not answer these.
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    if email.ticket_id is not None:
        # Ticket mail is a list of sorts; account mail (a reset link) must not be filed away as bulk.
        msg["Precedence"] = "bulk"
        msg["List-Id"] = f"<tickets.{domain}>"
    msg.set_content(email.text_body)
    msg.add_alternative(email.html_body, subtype="html")
    return msg


class SmtpSender:
    def __init__(self, settings: NotifierSettings) -> None:
        self.settings = settings

    async def __call__(self, session: AsyncSession, email: Email) -> None:
        await self.send(email)

    async def send(self, email: Email) -> None:
        s = self.settings
        message = build_message(email, s)
        try:
            await aiosmtplib.send(
                message,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password,
                start_tls=s.smtp_starttls,
                use_tls=s.smtp_tls,
                timeout=s.smtp_timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise GiveUp(f"the SMTP server refused {email.to_address}: {exc}") from exc
        except aiosmtplib.SMTPResponseException as exc:
            if 500 <= exc.code < 600:
                raise GiveUp(f"permanent SMTP error {exc.code}: {exc.message}") from exc
            raise RetryLater(f"temporary SMTP error {exc.code}: {exc.message}") from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise RetryLater(f"SMTP server unreachable: {exc}") from exc
