import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shared.internal_auth import Principal
from shared.problems import ValidationFailed
from tickets.models import User


async def admin_to_assign(
    session: AsyncSession, principal: Principal, wanted: uuid.UUID | str | None, field: str = "admin_id"
) -> User | None:
    """The admin a ticket is to be assigned to (``me``, an id, or None to unassign), or a 422."""
    if wanted is None:
        return None
    target_id = principal.user_id if wanted == "me" else wanted
    user = await session.scalar(select(User).where(User.id == target_id))
    if user is None or user.role != "admin" or user.disabled:
        raise ValidationFailed.one(field, "is not an active admin; tickets are assigned to admins only")
    return user
