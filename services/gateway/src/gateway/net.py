"""The client's address, as rate limits and the services' X-Forwarded-For should see it.

Behind a reverse proxy every request comes from the proxy; only when the peer is listed in
``TRUSTED_PROXIES`` is ``X-Forwarded-For`` believed, and then the right-most address that is not itself a
trusted proxy is the client (the left part of the header is whatever the client chose to send).
"""

import ipaddress
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request

from gateway.config import GatewaySettings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request) -> str:
    settings: GatewaySettings = request.app.state.settings
    peer = request.client.host if request.client is not None else "unknown"
    networks = _networks(tuple(settings.trusted_proxy_list))
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


ClientAddress = Annotated[str, Depends(client_address)]
