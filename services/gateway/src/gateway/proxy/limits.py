"""Which forwarded requests count against a rate limit: filing tickets and replying on them."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from gateway.config import GatewaySettings
from gateway.ratelimit.rate import Rate


@dataclass(frozen=True)
class LimitedAction:
    name: str
    method: str
    path: re.Pattern[str]
    per_user: Callable[[GatewaySettings], Rate]
    per_address: Callable[[GatewaySettings], Rate]
    detail: str


# The user-facing routes only: admins answering tickets are staff, not a flood to hold back.
ACTIONS: tuple[LimitedAction, ...] = (
    LimitedAction(
        "tickets",
        "POST",
        re.compile(r"^/api/v1/support/tickets/?$"),
        lambda s: s.rate_limit_tickets_per_user,
        lambda s: s.rate_limit_tickets_per_address,
        "You have filed many tickets in a short time.",
    ),
    LimitedAction(
        "comments",
        "POST",
        re.compile(r"^/api/v1/support/tickets/[^/]+/comments/?$"),
        lambda s: s.rate_limit_comments_per_user,
        lambda s: s.rate_limit_comments_per_address,
        "You have posted many replies in a short time.",
    ),
)


def limited_action(method: str, path: str) -> LimitedAction | None:
    return next((a for a in ACTIONS if a.method == method and a.path.match(path)), None)
