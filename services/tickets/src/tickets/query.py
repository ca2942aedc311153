"""Ticket lists: filters, sorts and keyset pagination, written so each combination the product offers
walks an index (see the indexes on ``Ticket``) instead of sorting the whole table.

Status lists are rendered as SQL literals, not parameters: only then can PostgreSQL match the partial
indexes over active and unassigned tickets in every plan, including cached generic ones.
"""

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, exists, func, literal_column, select, tuple_

from tickets.models import Ticket, TicketLabelAssignment
from tickets.pagination import Cursor
from tickets.workflow import STATUSES

Sort = Literal["created", "updated", "priority"]
SEARCH_CONFIG = "english"
NUMBER = re.compile(r"^\s*#?(\d{1,18})\s*$")

# Sort key columns, and whether the key descends (newest first) or ascends (critical, then oldest, first).
SORTS: dict[Sort, tuple[tuple[Any, ...], bool, tuple[type, ...]]] = {
    "created": ((Ticket.created_at, Ticket.id), True, (datetime, uuid.UUID)),
    "updated": ((Ticket.updated_at, Ticket.id), True, (datetime, uuid.UUID)),
    "priority": ((Ticket.priority, Ticket.created_at, Ticket.id), False, (int, datetime, uuid.UUID)),
}


@dataclass(frozen=True)
class TicketFilter:
    owner_id: uuid.UUID | None = None
    statuses: Sequence[str] = ()
    types: Sequence[str] = ()
    priorities: Sequence[int] = ()
    categories: Sequence[str] = ()
    severities: Sequence[str] = ()
    label_ids: Sequence[uuid.UUID] = ()
    # None: anyone or no one; "none": unassigned; a UUID: that admin.
    assigned: uuid.UUID | Literal["none"] | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None
    text: str | None = None
    extra: tuple[ColumnElement[bool], ...] = field(default=())

    def conditions(self, *, with_status: bool = True) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = list(self.extra)
        if self.owner_id is not None:
            conds.append(Ticket.user_id == self.owner_id)
        if with_status and self.statuses:
            conds.append(status_in(self.statuses))
        if self.types:
            conds.append(Ticket.type.in_(self.types))
        if self.priorities:
            conds.append(Ticket.priority.in_(self.priorities))
        if self.categories:
            conds.append(Ticket.category.in_(self.categories))
        if self.severities:
            conds.append(Ticket.severity.in_(self.severities))
        for label_id in self.label_ids:
            conds.append(
                exists().where(
                    TicketLabelAssignment.ticket_id == Ticket.id, TicketLabelAssignment.label_id == label_id
                )
            )
        if self.assigned == "none":
            conds.append(Ticket.assigned_admin_id.is_(None))
        elif self.assigned is not None:
            conds.append(Ticket.assigned_admin_id == self.assigned)
        for column, low, high in (
            (Ticket.created_at, self.created_from, self.created_to),
            (Ticket.updated_at, self.updated_from, self.updated_to),
        ):
            if low is not None:
                conds.append(column >= low)
            if high is not None:
                conds.append(column < high)
        if self.text and self.text.strip():
            conds.append(text_condition(self.text))
        return conds


def status_in(statuses: Sequence[str]) -> ColumnElement[bool]:
    wanted = sorted(set(statuses), key=STATUSES.index)  # validated values only: safe as literals
    if any(s not in STATUSES for s in wanted):
        raise ValueError(f"unknown status in {wanted}")
    return Ticket.status.in_([literal_column(f"'{s}'") for s in wanted])


def text_condition(text: str) -> ColumnElement[bool]:
    """``#1234`` (or ``1234``) finds a ticket by number; anything else is a full-text query."""
    number = NUMBER.match(text)
    if number:
        return Ticket.ticket_number == int(number.group(1))
    return Ticket.search_vector.op("@@")(func.websearch_to_tsquery(SEARCH_CONFIG, text))


def page_query(
    filter_: TicketFilter, sort: Sort, cursor: str | None, limit: int
) -> tuple[Select[Ticket], Sort]:
    columns, descending, kinds = SORTS[sort]
    conds = filter_.conditions()
    if cursor:
        after = Cursor.decode(cursor, sort, kinds)
        row, key = tuple_(*columns), tuple_(*after.key)
        conds.append(row < key if descending else row > key)
    order = [c.desc() if descending else c.asc() for c in columns]
    return select(Ticket).where(*conds).order_by(*order).limit(limit), sort


def next_cursor(rows: Sequence[Ticket], sort: Sort, limit: int) -> str | None:
    if len(rows) <= limit:
        return None
    last = rows[limit - 1]
    key: tuple[object, ...]
    if sort == "created":
        key = (last.created_at, last.id)
    elif sort == "updated":
        key = (last.updated_at, last.id)
    else:
        key = (last.priority, last.created_at, last.id)
    return Cursor(sort=sort, key=key).encode()


def counts_query(filter_: TicketFilter) -> Select[str, int]:
    """Tickets per status under every filter but the status one: the Kanban's column headers."""
    return (
        select(Ticket.status, func.count())
        .where(*filter_.conditions(with_status=False))
        .group_by(Ticket.status)
    )
