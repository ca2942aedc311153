import uuid

from fastapi import APIRouter, Response, status

from gateway.api_tokens import service
from gateway.api_tokens.schemas import TokenCreate, TokenCreated, TokenOut
from gateway.dependencies import SessionCaller, Settings
from gateway.models import ApiToken
from shared.dependencies import DbSession
from shared.problems import Forbidden, NotFound, Unauthorized, ValidationFailed, problem_responses

router = APIRouter(prefix="/api/v1/auth/tokens", tags=["api tokens"])


def token_out(token: ApiToken) -> TokenOut:
    return TokenOut(
        id=token.id,
        name=token.name,
        scopes=token.scopes,
        hint=token.hint,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        expires_at=token.expires_at,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a personal API token (shown this once)",
    responses=problem_responses(ValidationFailed, Unauthorized, Forbidden),
)
async def create_token(
    body: TokenCreate, caller: SessionCaller, db: DbSession, settings: Settings
) -> TokenCreated:
    token, secret = await service.create(db, caller.user, body, settings)
    await db.commit()
    return TokenCreated(**token_out(token).model_dump(), token=secret)


@router.get("", summary="Your API tokens", responses=problem_responses(Unauthorized, Forbidden))
async def list_tokens(caller: SessionCaller, db: DbSession) -> list[TokenOut]:
    return [token_out(t) for t in await service.list_for(db, caller.user)]


@router.delete(
    "/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke an API token; it stops working at once",
    responses=problem_responses(NotFound, Unauthorized, Forbidden),
)
async def revoke_token(token_id: uuid.UUID, caller: SessionCaller, db: DbSession) -> Response:
    await service.revoke(db, caller.user, token_id)
    await db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
