"""Where a webhook may point. Checked when it is saved and again, by httpx-secure, at every connect:
a name that resolved to a public address yesterday may resolve to 10.0.0.5 today (DNS rebinding)."""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from shared.problems import ValidationFailed

KIND_HOSTS = {
    "discord": ("discord.com", "discordapp.com", "canary.discord.com", "ptb.discord.com"),
    "slack": ("hooks.slack.com",),
}


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed.one("url", message)


async def check_target(url: str, kind: str, *, allow_private: bool) -> str:
    """The URL, normalised, or a 422 that says what is wrong with it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise _refuse("must be an http:// or https:// URL")
    host = parts.hostname
    if not host:
        raise _refuse("has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise _refuse("has an invalid port") from exc
    if kind in KIND_HOSTS and not allow_private and host not in KIND_HOSTS[kind]:
        raise _refuse(f"a {kind} webhook URL must be on {' or '.join(KIND_HOSTS[kind])}")
    if not allow_private:
        for address in await _resolve(host, port):
            if not address.is_global:
                raise _refuse(
                    f"points at a private, loopback or reserved address ({address}); such targets "
                    "are refused unless WEBHOOKS_ALLOW_PRIVATE_TARGETS=true"
                )
    return parts.geturl()


async def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return [_unmapped(literal)]
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise _refuse(f"host {host!r} does not resolve") from exc
    return [_unmapped(ipaddress.ip_address(info[4][0])) for info in infos]


def _unmapped(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """::ffff:127.0.0.1 is 127.0.0.1."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
