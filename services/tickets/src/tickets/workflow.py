"""Which status changes are allowed, for whom, and which event each one is.

Users act on their own tickets only at the end of the road: they accept a resolution (resolved → closed)
or say the problem persists (resolved or closed → open). Admins move tickets along
open → in_progress → resolved → closed, may skip ahead, and may reopen; a closed ticket is reopened
before it can be resolved again, and nothing "changes" to the status it already has.
"""

from typing import Literal

from shared.problems import Conflict

Status = Literal["open", "in_progress", "resolved", "closed"]
Actor = Literal["user", "admin"]
STATUSES: tuple[Status, ...] = ("open", "in_progress", "resolved", "closed")
ACTIVE: tuple[Status, ...] = ("open", "in_progress")

TRANSITIONS: dict[Actor, dict[Status, frozenset[Status]]] = {
    "user": {
        "open": frozenset(),
        "in_progress": frozenset(),
        "resolved": frozenset({"closed", "open"}),
        "closed": frozenset({"open"}),
    },
    "admin": {
        "open": frozenset({"in_progress", "resolved", "closed"}),
        "in_progress": frozenset({"open", "resolved", "closed"}),
        "resolved": frozenset({"open", "in_progress", "closed"}),
        "closed": frozenset({"open", "in_progress"}),
    },
}


def allowed(actor: Actor, current: Status) -> frozenset[Status]:
    return TRANSITIONS[actor][current]


def why_not(actor: Actor, current: Status, target: Status) -> str | None:
    """None if ``actor`` may move a ticket from ``current`` to ``target``, else the reason."""
    if target in allowed(actor, current):
        return None
    if current == target:
        return f"the ticket is already {current}"
    options = sorted(allowed(actor, current))
    if not options:
        return f"a {current} ticket cannot be changed by its reporter; an admin moves it on"
    return f"a {current} ticket can go to {', '.join(options)}, not {target}"


def check(actor: Actor, current: Status, target: Status) -> None:
    reason = why_not(actor, current, target)
    if reason is not None:
        raise Conflict(
            reason,
            title="Transition not allowed",
            extra={
                "current_status": current,
                "requested_status": target,
                "allowed_transitions": sorted(allowed(actor, current)),
            },
        )


EventType = Literal["ticket.status_changed", "ticket.resolved", "ticket.closed", "ticket.reopened"]


def event_for(current: Status, target: Status) -> EventType:
    """One change, one event: the most specific of the seed's names (plus ticket.reopened)."""
    if target == "closed":
        return "ticket.closed"
    if target == "resolved":
        return "ticket.resolved"
    if current in ("resolved", "closed"):
        return "ticket.reopened"
    return "ticket.status_changed"
