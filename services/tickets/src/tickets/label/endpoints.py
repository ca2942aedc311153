"""Label CRUD for admins: names are unique (case-insensitively), colours are #rrggbb."""

import uuid

from fastapi import APIRouter, Response, status

from shared.internal_auth import AdminUser
from shared.problems import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed, problem_responses
from tickets.dependencies import Session
from tickets.label.repository import LabelRepository
from tickets.label.schemas import LabelCreate, LabelDetail, LabelUpdate
from tickets.models import TicketLabel

router = APIRouter(prefix="/api/v1/admin/support/labels", tags=["labels"])
AUTH = (Unauthorized, Forbidden)


def _detail(label: TicketLabel, count: int) -> LabelDetail:
    return LabelDetail(
        id=label.id,
        name=label.name,
        color=label.color,
        description=label.description,
        created_at=label.created_at,
        ticket_count=count,
    )


async def _unique(labels: LabelRepository, name: str, other_than: uuid.UUID | None = None) -> None:
    if await labels.name_taken(name, other_than=other_than):
        raise Conflict(
            f"A label named {name!r} already exists.",
            title="Label exists",
            extra={"errors": [{"field": "name", "message": "is already taken", "type": "taken"}]},
        )


@router.get("", summary="Every label, with how many tickets carry it", responses=problem_responses(*AUTH))
async def list_labels(admin: AdminUser, session: Session) -> list[LabelDetail]:
    return [_detail(label, n) for label, n in await LabelRepository(session).all_with_counts()]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a label",
    responses=problem_responses(ValidationFailed, Conflict, *AUTH),
)
async def create_label(body: LabelCreate, admin: AdminUser, session: Session) -> LabelDetail:
    labels = LabelRepository(session)
    await _unique(labels, body.name)
    label = await labels.add(TicketLabel(name=body.name, color=body.color, description=body.description))
    await session.commit()
    return _detail(label, 0)


@router.patch(
    "/{label_id}",
    summary="Rename or recolour a label",
    responses=problem_responses(NotFound, ValidationFailed, Conflict, *AUTH),
)
async def update_label(
    label_id: uuid.UUID, body: LabelUpdate, admin: AdminUser, session: Session
) -> LabelDetail:
    labels = LabelRepository(session)
    label = await labels.get(label_id)
    if label is None:
        raise NotFound(f"There is no label {label_id}.")
    if "name" in body.model_fields_set and body.name is None:
        raise ValidationFailed.one("name", "a label needs a name")
    if body.name is not None:
        await _unique(labels, body.name, other_than=label.id)
    for field in body.model_fields_set:
        setattr(label, field, getattr(body, field))
    await session.flush()
    count = await labels.count_for(label.id)
    await session.commit()
    return _detail(label, count)


@router.delete(
    "/{label_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a label (it is taken off every ticket)",
    responses=problem_responses(NotFound, *AUTH),
)
async def delete_label(label_id: uuid.UUID, admin: AdminUser, session: Session) -> Response:
    labels = LabelRepository(session)
    if await labels.get(label_id) is None:
        raise NotFound(f"There is no label {label_id}.")
    await labels.remove(label_id)
    await session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
