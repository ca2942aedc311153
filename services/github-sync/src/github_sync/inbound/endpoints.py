"""GitHub's webhook deliveries: the one route of this service that GitHub, not the gateway's token,
authenticates. The signature is checked over the raw body before anything in it is read."""

import hashlib
import hmac
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from github_sync.config import GitHubSyncSettings
from github_sync.inbound.handlers import Inbound, record_delivery, set_outcome
from github_sync.issue.endpoints import settings_of
from shared.dependencies import DbSession
from shared.problems import BadRequest, NotFound, Unauthorized, ValidationFailed, problem_responses

router = APIRouter(prefix="/integrations/github", tags=["github"])


class Receipt(BaseModel):
    delivery: str
    outcome: str


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    if not header:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.strip().encode())


@router.post(
    "/webhook",
    summary="Receive a GitHub webhook delivery (issues, issue_comment, ping)",
    description="Point the repository's (or the GitHub App's) webhook here with content type "
    "`application/json` and the secret in `GITHUB_WEBHOOK_SECRET`. Deliveries are checked against "
    "`X-Hub-Signature-256` and recorded by `X-GitHub-Delivery`, so a redelivery changes nothing. "
    "Closing or reopening a linked issue resolves or reopens its ticket; a new comment on it becomes "
    "a public comment on the ticket.",
    responses=problem_responses(BadRequest, Unauthorized, NotFound, ValidationFailed),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
async def receive(
    request: Request,
    session: DbSession,
    settings: Annotated[GitHubSyncSettings, Depends(settings_of)],
) -> Receipt:
    secret = settings.github_webhook_secret
    if secret is None:
        raise NotFound("GitHub webhooks are not set up here: GITHUB_WEBHOOK_SECRET is not set.")
    body = await request.body()
    if not signature_ok(secret, body, request.headers.get("x-hub-signature-256")):
        raise Unauthorized(
            "X-Hub-Signature-256 is missing or does not match the body signed with the webhook secret."
        )
    event = request.headers.get("x-github-event")
    delivery = request.headers.get("x-github-delivery")
    if not event:
        raise ValidationFailed.one("X-GitHub-Event", "header is required")
    if not delivery or len(delivery) > 64:
        raise ValidationFailed.one("X-GitHub-Delivery", "header is required (at most 64 characters)")
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise BadRequest(f"The body is not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise ValidationFailed.one("body", "must be a JSON object")
    action = payload.get("action")
    if not await record_delivery(session, delivery, event, action if isinstance(action, str) else None):
        return Receipt(delivery=delivery, outcome="ignored: delivery already received")
    outcome = await Inbound(settings).handle(session, event, payload)
    await set_outcome(session, delivery, outcome)
    await session.commit()
    return Receipt(delivery=delivery, outcome=outcome)
