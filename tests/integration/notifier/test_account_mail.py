"""The password reset mail: sent at once to the address in the event, known to the notifier or not."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from devtools.mailcatcher import MailStore
from shared.events import PasswordResetData, UserPasswordResetRequested
from support.broker import publish


def reset_requested(**overrides: object) -> UserPasswordResetRequested:
    tag = uuid.uuid4().hex[:8]
    data = PasswordResetData(
        **{
            "user_id": uuid.uuid4(),
            "email": f"forgetful-{tag}@example.com",
            "username": f"forgetful-{tag}",
            "display_name": "Fay <Forgetful>",
            "reset_url": f"https://support.example.test/reset-password#token=rsr_{tag}",
            "expires_at": datetime.now(UTC) + timedelta(minutes=30),
        }
        | overrides  # type: ignore[arg-type]
    )
    return UserPasswordResetRequested(source="gateway", subject=str(data.user_id), data=data)


class TestPasswordResetMail:
    async def test_a_person_the_notifier_has_never_heard_of_gets_the_link_once(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        event = reset_requested()
        address = event.data.email
        await publish(broker_prefix, "identity", event)
        await mail.wait_for(lambda _: mail.to(address))
        await publish(broker_prefix, "identity", event)  # delivered again by the broker
        await asyncio.sleep(1.5)
        [message] = mail.to(address)
        assert message.subject == "Reset your Revenge Support password"
        assert event.data.reset_url in message.part("plain")
        assert event.data.reset_url in message.part("html")
        assert "Fay &lt;Forgetful&gt;" in message.part("html")
        assert event.data.username in message.part("plain")
        assert message.message["Auto-Submitted"] == "auto-generated"
        assert "Precedence" not in message.message  # not bulk: it must reach the inbox
        assert "References" not in message.message  # no ticket thread to join
