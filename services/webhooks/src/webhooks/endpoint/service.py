import base64
import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from shared.internal_auth import Principal
from webhooks.endpoint.repository import EndpointRepository
from webhooks.endpoint.schemas import EndpointCreate
from webhooks.endpoint.targets import check_target
from webhooks.models import Endpoint


def new_secret() -> str:
    """24 random bytes, shown as ``whsec_`` + base64, as the Standard Webhooks spec and Svix do."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


async def create_endpoint(
    session: AsyncSession, principal: Principal, data: EndpointCreate, *, allow_private: bool
) -> Endpoint:
    url = await check_target(data.url, data.kind, allow_private=allow_private)
    return await EndpointRepository(session).add(
        Endpoint(
            url=url,
            kind=data.kind,
            event_types=data.events,
            secret=new_secret(),
            description=data.description,
            created_by=principal.user_id,
        )
    )
