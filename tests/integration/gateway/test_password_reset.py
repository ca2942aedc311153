"""Password reset by an emailed single-use link: through the gateway, the broker, the notifier and a
real SMTP server, the way a person who forgot their password goes through it."""

import hashlib
import re
from typing import Any

import asyncpg
import httpx

from devtools.mailcatcher import CaughtMail, MailStore
from shared.db import asyncpg_dsn
from support.accounts import api_token, bearer, login, register, signed_up
from support.apps import eventually
from support.broker import capture
from support.clock import expire_reset_links

NEW_PASSWORD = "violet staircase humming quietly"
LINK = re.compile(r"http://gateway\.test/reset-password#token=(rsr_[A-Za-z0-9_-]+)")


async def reset_mail(mail: MailStore, email: str, count: int = 1) -> CaughtMail:
    await mail.wait_for(lambda _: len(mail.to(email)) >= count)
    return mail.to(email)[count - 1]


def token_in_url(text: str) -> str:
    match = LINK.search(text)
    assert match is not None, text
    return match[1]


def token_in(message: CaughtMail) -> str:
    return token_in_url(message.part("plain"))


async def confirm(gateway: httpx.AsyncClient, token: str, password: str = NEW_PASSWORD) -> httpx.Response:
    return await gateway.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": password}
    )


class TestPasswordReset:
    async def test_the_emailed_link_sets_a_new_password_and_ends_every_session_and_token(
        self, gateway: httpx.AsyncClient, mail: MailStore
    ) -> None:
        account = await signed_up(gateway)
        token = await api_token(gateway, account, ["read"])
        asked = await gateway.post("/api/v1/auth/password-reset", json={"email": account.email.upper()})
        assert asked.status_code == 202

        message = await reset_mail(mail, account.email)
        assert message.subject == "Reset your Revenge Support password"
        assert account.username in message.part("plain")
        assert token_in(message) in message.part("html")
        assert "List-Id" not in message.message  # account mail is not a mailing list

        done = await confirm(gateway, token_in(message))
        assert done.status_code == 204, done.text
        assert (await gateway.get("/api/v1/auth/me", headers=account.bearer)).status_code == 401
        assert (await gateway.get("/api/v1/auth/me", headers=bearer(token))).status_code == 401
        old = await gateway.post(
            "/api/v1/auth/login", json={"email": account.email, "password": account.password}
        )
        assert old.status_code == 401
        await login(gateway, account.email, NEW_PASSWORD)

    async def test_a_link_works_once(self, gateway: httpx.AsyncClient, mail: MailStore) -> None:
        email, _, _ = await register(gateway)
        await gateway.post("/api/v1/auth/password-reset", json={"email": email})
        link = token_in(await reset_mail(mail, email))
        assert (await confirm(gateway, link)).status_code == 204
        again = await confirm(gateway, link, "another long passphrase entirely")
        assert again.status_code == 400
        assert again.json()["title"] == "Invalid reset link"
        await login(gateway, email, NEW_PASSWORD)

    async def test_an_expired_link_does_nothing(
        self, gateway: httpx.AsyncClient, mail: MailStore, database_url: str
    ) -> None:
        email, _, password = await register(gateway)
        await gateway.post("/api/v1/auth/password-reset", json={"email": email})
        link = token_in(await reset_mail(mail, email))
        await expire_reset_links(database_url, email)
        assert (await confirm(gateway, link)).status_code == 400
        await login(gateway, email, password)

    async def test_a_weak_new_password_is_refused_and_the_link_still_works(
        self, gateway: httpx.AsyncClient, mail: MailStore
    ) -> None:
        email, _, _ = await register(gateway)
        await gateway.post("/api/v1/auth/password-reset", json={"email": email})
        link = token_in(await reset_mail(mail, email))
        weak = await confirm(gateway, link, "password1234")
        assert weak.status_code == 422
        assert weak.json()["errors"][0]["field"] == "new_password"
        assert (await confirm(gateway, link)).status_code == 204

    async def test_an_unknown_address_gets_the_same_answer_and_no_mail(
        self, gateway: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        known, _, _ = await register(gateway)
        async with capture(broker_prefix, "identity", "user.password_reset_requested") as events:
            unknown = await gateway.post("/api/v1/auth/password-reset", json={"email": "nobody@example.com"})
            existing = await gateway.post("/api/v1/auth/password-reset", json={"email": known})
            assert unknown.status_code == existing.status_code == 202
            assert unknown.content == existing.content
            [event] = await events.wait_for(1)
        assert event["data"]["email"] == known
        await reset_mail(mail, known)
        assert mail.to("nobody@example.com") == []

    async def test_the_event_carries_what_the_mail_needs_and_the_database_only_a_digest(
        self, gateway: httpx.AsyncClient, broker_prefix: str, database_url: str
    ) -> None:
        email, username, _ = await register(gateway)
        async with capture(broker_prefix, "identity", "user.password_reset_requested") as events:
            await gateway.post("/api/v1/auth/password-reset", json={"email": email})

            async def mine() -> list[dict[str, Any]]:
                return [e for e in events.bodies if e["data"]["email"] == email]

            [event] = await eventually(mine)
        data = event["data"]
        assert data["username"] == username
        assert LINK.fullmatch(data["reset_url"])
        assert data["expires_at"]
        connection = await asyncpg.connect(asyncpg_dsn(database_url))
        try:
            rows = await connection.fetch("SELECT token_hash FROM identity.password_resets")
        finally:
            await connection.close()
        secret = token_in_url(data["reset_url"])
        assert hashlib.sha256(secret.encode()).hexdigest() in {row["token_hash"] for row in rows}
