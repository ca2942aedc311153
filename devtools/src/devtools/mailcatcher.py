"""A local SMTP server that keeps every message, with an HTTP inbox to read them.

Used by ``make run`` (SMTP on 1025, inbox on http://127.0.0.1:8025) and by the tests, which start their own
on free ports. It is a real SMTP server (aiosmtpd): the notifier talks to it exactly as to Postfix.
"""

from __future__ import annotations

import asyncio
import email
import itertools
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from html import escape
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi import FastAPI, Response
from fastapi.responses import HTMLResponse

from shared.problems import NotFound, install_problem_handlers


@dataclass
class CaughtMail:
    id: int
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage = field(repr=False)

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        return body.get_content() if body is not None else ""

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": self.mail_from,
            "to": self.rcpt_tos,
            "subject": self.subject,
            "date": self.message.get("Date"),
            "message_id": self.message.get("Message-ID"),
        }

    def detail(self) -> dict[str, Any]:
        return {
            **self.summary(),
            "headers": {k: str(v) for k, v in self.message.items()},
            "text": self.part("plain"),
            "html": self.part("html"),
        }


class MailStore:
    def __init__(self) -> None:
        self.messages: list[CaughtMail] = []
        self._ids = itertools.count(1)
        self._arrived = asyncio.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Waiters live on this loop; the SMTP controller runs on its own thread and loop."""
        self._loop = loop

    def add(self, mail_from: str, rcpt_tos: list[str], raw: bytes) -> None:
        message = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(CaughtMail(next(self._ids), mail_from, list(rcpt_tos), raw, message))
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._notify(), self._loop)

    async def _notify(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    def to(self, address: str) -> list[CaughtMail]:
        return [m for m in self.messages if address.lower() in (r.lower() for r in m.rcpt_tos)]

    async def wait_for(self, predicate: Any, within: float = 30.0) -> list[CaughtMail]:
        """Wait until ``predicate(messages)`` is truthy; returns the messages at that point."""

        async def until() -> None:
            async with self._arrived:
                await self._arrived.wait_for(lambda: bool(predicate(self.messages)))

        await asyncio.wait_for(until(), within)
        return list(self.messages)


class _Handler:
    def __init__(self, store: MailStore) -> None:
        self.store = store

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.store.add(envelope.mail_from or "", list(envelope.rcpt_tos), content)
        return "250 OK"


class MailCatcher:
    """The SMTP side. ``start()`` binds 127.0.0.1:``port`` (pick a free one; never 0, see aiosmtpd)."""

    def __init__(self, port: int, store: MailStore | None = None) -> None:
        self.port = port
        self.store = store or MailStore()
        self._controller = Controller(_Handler(self.store), hostname="127.0.0.1", port=port)

    def start(self) -> None:
        self.store.bind_loop(asyncio.get_event_loop())
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


def inbox_app(store: MailStore) -> FastAPI:
    app = FastAPI(title="Revenge Support mail catcher", openapi_url=None)
    install_problem_handlers(app)

    def find(message_id: int) -> CaughtMail:
        for mail in store.messages:
            if mail.id == message_id:
                return mail
        raise NotFound(f"No message {message_id}.")

    @app.get("/messages")
    async def messages() -> list[dict[str, Any]]:
        return [m.summary() for m in reversed(store.messages)]

    @app.get("/messages/{message_id}")
    async def message(message_id: int) -> dict[str, Any]:
        return find(message_id).detail()

    @app.get("/messages/{message_id}.eml")
    async def raw(message_id: int) -> Response:
        return Response(find(message_id).raw, media_type="message/rfc822")

    @app.delete("/messages", status_code=204)
    async def clear() -> Response:
        store.messages.clear()
        return Response(status_code=204)

    @app.get("/", response_class=HTMLResponse)
    async def index() -> str:
        rows = "".join(
            f"<tr><td>{m.id}</td><td>{escape(', '.join(m.rcpt_tos))}</td>"
            f"<td><a href='/messages/{m.id}'>{escape(m.subject)}</a></td>"
            f"<td>{escape(str(m.message.get('Date', '')))}</td></tr>"
            for m in reversed(store.messages)
        )
        return (
            "<!doctype html><title>Mail catcher</title><h1>Caught mail</h1>"
            "<p>JSON: <a href='/messages'>/messages</a></p>"
            f"<table border=1 cellpadding=4><tr><th>#</th><th>To</th><th>Subject</th><th>Date</th>"
            f"</tr>{rows}</table>"
        )

    return app
