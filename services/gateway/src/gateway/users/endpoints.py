import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response, status

from gateway.dependencies import AdminCaller
from gateway.models import User
from gateway.users import service
from gateway.users.schemas import AdminUserOut, UserPage, UserPatch
from shared.dependencies import DbSession
from shared.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    Unauthorized,
    ValidationFailed,
    problem_responses,
)

router = APIRouter(prefix="/api/v1/admin/users", tags=["users"])
AUTH = (Unauthorized, Forbidden)


def admin_user_out(user: User) -> AdminUserOut:
    return AdminUserOut(
        id=user.id,
        email=user.email,
        username=user.username,
        display_name=user.display_name,
        role="admin" if user.role == "admin" else "user",
        created_at=user.created_at,
        disabled=user.disabled,
        email_verified=user.email_verified_at is not None,
        has_password=user.password_hash is not None,
        updated_at=user.updated_at,
    )


@router.get(
    "",
    summary="Users, in username order; search by email or username prefix",
    responses=problem_responses(ValidationFailed, *AUTH),
)
async def list_users(
    admin: AdminCaller,
    db: DbSession,
    q: Annotated[str | None, Query(max_length=320, description="Email or username prefix.")] = None,
    role: Literal["user", "admin"] | None = None,
    disabled: bool | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> UserPage:
    rows, next_cursor = await service.search(
        db, q=q, role=role, disabled=disabled, cursor=cursor, limit=limit
    )
    return UserPage(items=[admin_user_out(u) for u in rows], next_cursor=next_cursor)


@router.get(
    "/{user_id}",
    summary="One user (with an ETag for If-Match)",
    responses=problem_responses(NotFound, *AUTH),
)
async def get_user(user_id: uuid.UUID, admin: AdminCaller, db: DbSession, response: Response) -> AdminUserOut:
    user = await service.get_user(db, user_id)
    response.headers["ETag"] = service.etag(user)
    return admin_user_out(user)


@router.patch(
    "/{user_id}",
    summary="Change a user's role, display name, or disable them (their sessions and tokens end at once)",
    responses=problem_responses(ValidationFailed, NotFound, Conflict, PreconditionFailed, *AUTH),
)
async def patch_user(
    user_id: uuid.UUID,
    body: UserPatch,
    admin: AdminCaller,
    db: DbSession,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> AdminUserOut:
    user = await service.get_user(db, user_id, for_update=True)
    service.check_if_match(user, if_match)
    await service.administer(db, user, body)
    await db.commit()
    response.headers["ETag"] = service.etag(user)
    return admin_user_out(user)


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an account (its tickets stay, with no reporter)",
    responses=problem_responses(NotFound, Conflict, PreconditionFailed, *AUTH),
)
async def delete_user(
    user_id: uuid.UUID,
    admin: AdminCaller,
    db: DbSession,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    user = await service.get_user(db, user_id, for_update=True)
    service.check_if_match(user, if_match)
    await service.delete_user(db, user)
    await db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
