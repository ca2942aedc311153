"""The kinds of mail a person can turn off. Password-reset mail is not among them: it always goes."""

from dataclasses import dataclass
from typing import Literal

Audience = Literal["everyone", "admins"]


@dataclass(frozen=True)
class Kind:
    name: str
    audience: Audience
    description: str


KINDS: tuple[Kind, ...] = (
    Kind("confirmations", "everyone", "A confirmation of each ticket you file"),
    Kind(
        "replies",
        "everyone",
        "Replies on your tickets (for admins: replies from reporters on tickets you handle)",
    ),
    Kind("status_changes", "everyone", "When your ticket is taken up, resolved, closed or reopened"),
    Kind("new_tickets", "admins", "Every new ticket, for triage"),
    Kind("assignments", "admins", "Tickets assigned to you"),
    Kind("internal_notes", "admins", "Internal notes on tickets you handle"),
    Kind("escalations", "admins", "Critical tickets left waiting too long"),
)
BY_NAME = {kind.name: kind for kind in KINDS}


def kinds_for(role: str) -> tuple[Kind, ...]:
    return KINDS if role == "admin" else tuple(k for k in KINDS if k.audience == "everyone")
