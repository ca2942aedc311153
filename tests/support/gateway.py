"""Types for the gateway fixtures (fixtures live in conftest; tests import their types from here)."""

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import httpx

# ``make_gateway(**settings_changes)``: another gateway over the same database and services.
GatewayFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
