"""Request-scoped dependencies of the tickets service."""

from typing import Annotated

from fastapi import Depends, Request

from shared.dependencies import DbSession as Session
from tickets.config import TicketsSettings


def get_settings(request: Request) -> TicketsSettings:
    settings: TicketsSettings = request.app.state.settings
    return settings


Settings = Annotated[TicketsSettings, Depends(get_settings)]

__all__ = ["Session", "Settings"]
