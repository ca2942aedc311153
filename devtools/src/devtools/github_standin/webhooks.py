"""GitHub's published webhook examples, signed and sent the way GitHub sends them."""

from __future__ import annotations

import copy
import functools
import hashlib
import hmac
import json
import uuid
from typing import Any

import httpx

from devtools.github_standin import npm
from devtools.github_standin.objects import APP_ID
from devtools.github_standin.spec import load_spec

HOOK_ID = 512_345_678
USER_AGENT = "GitHub-Hookshot/6b8fd3e"


@functools.cache
def _definitions() -> dict[str, list[dict[str, Any]]]:
    # index.json: [{"name": "issue_comment", "actions": [...], "examples": [{payload}, ...]}, ...]
    with npm.webhook_examples_path().open("rb") as file:
        return {entry["name"]: entry["examples"] for entry in json.load(file)}


def events() -> list[str]:
    return sorted(_definitions())


def examples(event: str, action: str | None = None) -> list[dict[str, Any]]:
    """Every published example of ``event`` (with ``action``, if given), deep copies."""
    if event not in _definitions():
        raise KeyError(f"no examples for event {event!r}")
    found = [p for p in _definitions()[event] if action is None or p.get("action") == action]
    if not found:
        raise KeyError(f"no examples for {event!r} with action {action!r}")
    return copy.deepcopy(found)


def example(event: str, action: str | None = None) -> dict[str, Any]:
    """A published example, deep-copied: the first one that conforms to the webhook schema in
    GitHub's OpenAPI description (some older examples lack fields it now requires, e.g. the
    first ``issue_comment.created`` has no ``comment.reactions``), else simply the first."""
    return copy.deepcopy(_definitions()[event][_best(event, action)])


@functools.cache
def _best(event: str, action: str | None) -> int:
    candidates = [
        i
        for i, payload in enumerate(_definitions().get(event, []))
        if action is None or payload.get("action") == action
    ]
    if not candidates:
        examples(event, action)  # raises the KeyError that explains what is missing
    spec = load_spec()
    for index in candidates:
        try:
            payload = _definitions()[event][index]
            if not spec.validate_webhook(event, payload.get("action"), payload):
                return index
        except KeyError:  # the description does not document this webhook
            break
    return candidates[0]


def issues_closed(closed_at: str = "2026-12-04T08:00:00Z") -> dict[str, Any]:
    """An ``issues.closed`` payload. @octokit/webhooks-examples publishes none, so this is the published
    ``issues.reopened`` example turned the other way, checked against the ``issues-closed`` webhook schema
    of GitHub's OpenAPI description: a payload GitHub could send."""
    payload = example("issues", "reopened")
    payload["action"] = "closed"
    payload["issue"].update(state="closed", state_reason="completed", closed_at=closed_at)
    problems = load_spec().validate_webhook("issues", "closed", payload)
    if problems:
        raise ValueError(f"the derived issues.closed payload breaks GitHub's schema: {problems}")
    return payload


def sign(secret: str | bytes, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value: ``sha256=`` + hex HMAC-SHA256 of the raw body."""
    key = secret.encode() if isinstance(secret, str) else secret
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def delivery_headers(event: str, body: bytes, secret: str | bytes, delivery: str) -> dict[str, str]:
    """The headers GitHub sends with an App's webhook delivery."""
    key = secret.encode() if isinstance(secret, str) else secret
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery,
        "X-GitHub-Hook-ID": str(HOOK_ID),
        "X-GitHub-Hook-Installation-Target-Type": "integration",
        "X-GitHub-Hook-Installation-Target-ID": str(APP_ID),
        # the legacy SHA-1 header still comes along whenever a secret is configured
        "X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest(),
        "X-Hub-Signature-256": sign(key, body),
    }


async def deliver(
    url: str,
    secret: str,
    event: str,
    payload: dict[str, Any],
    *,
    delivery_id: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> httpx.Response:
    """POST ``payload`` to ``url`` as GitHub would. Reuse ``delivery_id`` to act out a redelivery
    (GitHub keeps the GUID). With ``client`` (e.g. one on an ASGI transport), ``url`` may be a
    path relative to its base URL."""
    body = encode(payload)
    sent = delivery_headers(event, body, secret, delivery_id or str(uuid.uuid4()))
    if client is not None:
        return await client.post(url, content=body, headers=sent)
    async with httpx.AsyncClient(timeout=10.0) as own:
        return await own.post(url, content=body, headers=sent)
