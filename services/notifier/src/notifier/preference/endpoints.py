"""A person's notification preferences (which kinds of mail they get)."""

from fastapi import APIRouter

from notifier.preference.kinds import BY_NAME, kinds_for
from notifier.preference.repository import PreferenceRepository
from notifier.preference.schemas import EmailPreference, Preferences, PreferencesUpdate
from shared.dependencies import DbSession
from shared.internal_auth import CurrentUser, Principal
from shared.problems import FieldError, Unauthorized, ValidationFailed, problem_responses

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])


async def _current(session: DbSession, principal: Principal) -> Preferences:
    off = await PreferenceRepository(session).opted_out([principal.user_id])
    return Preferences(
        email=[
            EmailPreference(
                kind=k.name,
                description=k.description,
                audience=k.audience,
                enabled=(principal.user_id, k.name) not in off,
            )
            for k in kinds_for(principal.role)
        ]
    )


@router.get("/preferences", summary="Which kinds of mail you get", responses=problem_responses(Unauthorized))
async def get_preferences(principal: CurrentUser, session: DbSession) -> Preferences:
    return await _current(session, principal)


@router.put(
    "/preferences",
    summary="Turn kinds of mail on or off (those not named stay as they are)",
    responses=problem_responses(ValidationFailed, Unauthorized),
)
async def set_preferences(body: PreferencesUpdate, principal: CurrentUser, session: DbSession) -> Preferences:
    allowed = {k.name for k in kinds_for(principal.role)}
    errors = [
        FieldError(
            field=f"email.{kind}",
            message="is not a kind of mail" if kind not in BY_NAME else "applies to admins only",
            type="unknown_kind",
        )
        for kind in body.email
        if kind not in allowed
    ]
    if errors:
        raise ValidationFailed(errors)
    await PreferenceRepository(session).set(principal.user_id, body.email)
    await session.commit()
    return await _current(session, principal)
