"""The reporter's environment, stored with the ticket for admins (never sent to GitHub or webhooks)."""

from typing import Any

from ua_parser import parse


def describe(user_agent: str, *, app_version: str | None, server_os: str | None) -> dict[str, Any]:
    parsed = parse(user_agent) if user_agent else None
    browser = os_name = device = None
    if parsed is not None and parsed.user_agent is not None:
        ua = parsed.user_agent
        browser = " ".join(p for p in (ua.family, ua.major) if p and p != "Other") or None
    if parsed is not None and parsed.os is not None:
        os_ = parsed.os
        os_name = " ".join(p for p in (os_.family, os_.major) if p and p != "Other") or None
    if parsed is not None and parsed.device is not None and parsed.device.family != "Other":
        device = parsed.device.family
    return {
        "app_version": app_version,
        "server_os": server_os,
        "browser": browser,
        "os": os_name,
        "device": device,
        "user_agent": user_agent[:512],
    }
