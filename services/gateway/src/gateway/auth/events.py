"""The identity events other services keep their projections by, written to the outbox in the caller's
transaction."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.config import SERVICE
from gateway.models import OutboxMessage, User
from shared import outbox
from shared.events import (
    IDENTITY_EXCHANGE,
    Envelope,
    Role,
    UserCreated,
    UserData,
    UserDeleted,
    UserDeletedData,
    UserUpdated,
)


def user_data(user: User) -> UserData:
    role: Role = "admin" if user.role == "admin" else "user"
    return UserData(
        id=user.id,
        email=user.email,
        username=user.username,
        display_name=user.display_name,
        role=role,
        disabled=user.disabled,
    )


async def emit(session: AsyncSession, event: Envelope) -> None:
    await outbox.enqueue(session, OutboxMessage, event, IDENTITY_EXCHANGE)


async def user_created(session: AsyncSession, user: User) -> None:
    await emit(session, UserCreated(source=SERVICE, subject=str(user.id), data=user_data(user)))


async def user_updated(session: AsyncSession, user: User) -> None:
    await emit(session, UserUpdated(source=SERVICE, subject=str(user.id), data=user_data(user)))


async def user_deleted(session: AsyncSession, user_id: uuid.UUID) -> None:
    await emit(session, UserDeleted(source=SERVICE, subject=str(user_id), data=UserDeletedData(id=user_id)))
