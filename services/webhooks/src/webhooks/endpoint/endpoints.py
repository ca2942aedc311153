import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from shared.dependencies import DbSession as Session
from shared.internal_auth import AdminUser
from shared.problems import Forbidden, NotFound, Unauthorized, ValidationFailed, problem_responses
from webhooks.config import WebhooksSettings
from webhooks.endpoint import service
from webhooks.endpoint.repository import EndpointRepository
from webhooks.endpoint.schemas import (
    AttemptOut,
    DeliveryOut,
    EndpointCreate,
    EndpointOut,
    EndpointWithSecret,
)
from webhooks.models import Endpoint

router = APIRouter(prefix="/api/v1/admin/webhooks", tags=["webhooks"])
AUTH_PROBLEMS = (Unauthorized, Forbidden)


def _settings(request: Request) -> WebhooksSettings:
    settings: WebhooksSettings = request.app.state.settings
    return settings


def _out(endpoint: Endpoint) -> EndpointOut:
    return EndpointOut(
        id=endpoint.id,
        url=endpoint.url,
        kind=endpoint.kind,
        events=endpoint.event_types,
        description=endpoint.description,
        status=endpoint.status,
        disabled_reason=endpoint.disabled_reason,
        created_at=endpoint.created_at,
    )


async def _get(session: AsyncSession, endpoint_id: uuid.UUID) -> Endpoint:
    endpoint = await EndpointRepository(session).get(endpoint_id)
    if endpoint is None:
        raise NotFound(f"There is no webhook {endpoint_id}.")
    return endpoint


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Subscribe a URL to ticket events",
    responses=problem_responses(ValidationFailed, *AUTH_PROBLEMS),
)
async def create_webhook(
    body: EndpointCreate, admin: AdminUser, session: Session, request: Request
) -> EndpointWithSecret:
    settings = _settings(request)
    endpoint = await service.create_endpoint(
        session, admin, body, allow_private=settings.webhooks_allow_private_targets
    )
    await session.commit()
    return EndpointWithSecret(**_out(endpoint).model_dump(), secret=endpoint.secret)


@router.get("", summary="All webhook subscriptions", responses=problem_responses(*AUTH_PROBLEMS))
async def list_webhooks(admin: AdminUser, session: Session) -> list[EndpointOut]:
    return [_out(e) for e in await EndpointRepository(session).all()]


@router.get(
    "/{endpoint_id}",
    summary="One webhook subscription",
    responses=problem_responses(NotFound, *AUTH_PROBLEMS),
)
async def get_webhook(endpoint_id: uuid.UUID, admin: AdminUser, session: Session) -> EndpointOut:
    return _out(await _get(session, endpoint_id))


@router.get(
    "/{endpoint_id}/secret",
    summary="The signing secret of a webhook",
    responses=problem_responses(NotFound, *AUTH_PROBLEMS),
)
async def get_webhook_secret(endpoint_id: uuid.UUID, admin: AdminUser, session: Session) -> dict[str, str]:
    return {"secret": (await _get(session, endpoint_id)).secret}


@router.delete(
    "/{endpoint_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a webhook subscription and its delivery log",
    responses=problem_responses(NotFound, *AUTH_PROBLEMS),
)
async def delete_webhook(endpoint_id: uuid.UUID, admin: AdminUser, session: Session) -> Response:
    if not await EndpointRepository(session).remove(endpoint_id):
        raise NotFound(f"There is no webhook {endpoint_id}.")
    await session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{endpoint_id}/deliveries",
    summary="Recent deliveries to a webhook, with every attempt",
    responses=problem_responses(NotFound, *AUTH_PROBLEMS),
)
async def list_deliveries(
    endpoint_id: uuid.UUID,
    admin: AdminUser,
    session: Session,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[DeliveryOut]:
    await _get(session, endpoint_id)
    rows = await EndpointRepository(session).recent_deliveries(endpoint_id, limit)
    return [
        DeliveryOut(
            id=d.id,
            event_id=d.event_id,
            event_type=d.event_type,
            status=d.status,
            attempts=d.attempts,
            last_status_code=d.last_status_code,
            next_attempt_at=d.next_attempt_at if d.status == "pending" else None,
            created_at=d.created_at,
            attempt_log=[
                AttemptOut(
                    attempt_number=a.attempt_number,
                    status_code=a.status_code,
                    error=a.error,
                    duration_ms=a.duration_ms,
                    attempted_at=a.attempted_at,
                )
                for a in attempts
            ],
        )
        for d, attempts in rows
    ]
