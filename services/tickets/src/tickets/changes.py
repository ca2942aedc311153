"""Changes to tickets: each writes what changed, bumps the version, and emits its event, all in the
caller's transaction. They work on lists so a bulk edit of 1,000 tickets is a handful of statements,
and a single edit is a list of one. Callers lock the tickets first (``for_update``)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from shared.events import (
    AssignedData,
    ClosedData,
    Envelope,
    LabelsChangedData,
    PriorityChangedData,
    StatusChangeData,
    TicketAssigned,
    TicketClosed,
    TicketLabelsChanged,
    TicketPriorityChanged,
    TicketReopened,
    TicketResolved,
    TicketStatusChanged,
    UserRef,
)
from shared.internal_auth import Principal
from tickets import workflow
from tickets.events import SOURCE, actor_ref, emit_all, ticket_state, user_ref
from tickets.models import Ticket, TicketLabel, TicketLabelAssignment, TicketStatusHistory, User

STATUS_EVENTS: dict[str, type[Envelope]] = {
    "ticket.status_changed": TicketStatusChanged,
    "ticket.resolved": TicketResolved,
    "ticket.reopened": TicketReopened,
}


@dataclass
class Changes:
    session: AsyncSession
    actor: Principal | None  # None: the system itself (housekeeping)
    public_url: str

    async def _commit_rows(self, tickets: Sequence[Ticket]) -> None:
        """Flush attribute changes, then bump version and updated_at of every ticket in one statement."""
        await self.session.flush()
        rows = await self.session.execute(
            update(Ticket)
            .where(Ticket.id.in_([t.id for t in tickets]))
            .values(version=Ticket.version + 1, updated_at=func.now())
            .returning(Ticket.id, Ticket.version, Ticket.updated_at)
        )
        by_id = {t.id: t for t in tickets}
        for ticket_id, version, updated_at in rows:
            set_committed_value(by_id[ticket_id], "version", version)
            set_committed_value(by_id[ticket_id], "updated_at", updated_at)

    @property
    def _actor_ref(self) -> UserRef | None:
        return actor_ref(self.actor) if self.actor is not None else None

    def _subject(self, ticket: Ticket) -> dict[str, object]:
        return {"source": SOURCE, "subject": str(ticket.id)}

    async def set_status(
        self,
        tickets: Sequence[Ticket],
        target: workflow.Status,
        *,
        actor: workflow.Actor,
        resolution: str | None = None,
    ) -> None:
        """Move every ticket to ``target``; the caller has checked each move with ``workflow``."""
        now = datetime.now(UTC)
        olds = {t.id: t.status for t in tickets}
        for ticket in tickets:
            workflow.check(actor, ticket.status, target)  # type: ignore[arg-type]
            ticket.status = target
            if target == "resolved":
                ticket.resolved_at = now
            elif target == "closed":
                ticket.closed_at = now
            else:
                ticket.resolved_at = ticket.closed_at = None
            self.session.add(
                TicketStatusHistory(
                    ticket_id=ticket.id,
                    old_status=olds[ticket.id],
                    new_status=target,
                    changed_by_user_id=self.actor.user_id if self.actor else None,
                )
            )
        await self._commit_rows(tickets)
        events: list[Envelope] = []
        for ticket in tickets:
            old = olds[ticket.id]
            kind = workflow.event_for(old, target)  # type: ignore[arg-type]
            state = ticket_state(ticket, self.public_url)
            if kind == "ticket.closed":
                data = ClosedData(
                    ticket=state,
                    actor=self._actor_ref,
                    old_status=old,
                    new_status=target,
                    resolution=resolution,
                )
                events.append(TicketClosed(data=data, **self._subject(ticket)))
            else:
                change = StatusChangeData(
                    ticket=state,
                    actor=self._actor_ref,
                    old_status=old,
                    new_status=target,
                )
                events.append(STATUS_EVENTS[kind](data=change, **self._subject(ticket)))
        await emit_all(self.session, events)

    async def assign(self, tickets: Sequence[Ticket], assignee: User | None) -> None:
        olds = {t.id: t.assignee for t in tickets}
        for ticket in tickets:
            ticket.assigned_admin_id = assignee.id if assignee else None
            set_committed_value(ticket, "assignee", assignee)
        await self._commit_rows(tickets)
        await emit_all(
            self.session,
            [
                TicketAssigned(
                    data=AssignedData(
                        ticket=ticket_state(t, self.public_url),
                        actor=self._actor_ref,
                        old_assignee=user_ref(olds[t.id]),
                        new_assignee=user_ref(assignee),
                    ),
                    **self._subject(t),
                )
                for t in tickets
            ],
        )

    async def set_priority(self, tickets: Sequence[Ticket], priority: int) -> None:
        olds = {t.id: t.priority for t in tickets}
        for ticket in tickets:
            ticket.priority = priority
        await self._commit_rows(tickets)
        await emit_all(
            self.session,
            [
                TicketPriorityChanged(
                    data=PriorityChangedData(
                        ticket=ticket_state(t, self.public_url),
                        actor=self._actor_ref,
                        old_priority=olds[t.id],
                        new_priority=priority,
                    ),
                    **self._subject(t),
                )
                for t in tickets
            ],
        )

    async def change_labels(
        self,
        tickets: Sequence[Ticket],
        *,
        add: Sequence[TicketLabel] = (),
        remove: Sequence[TicketLabel] = (),
    ) -> None:
        """Add and remove labels; tickets where nothing changes get no new version and no event."""
        changed: list[tuple[Ticket, list[str], list[str]]] = []
        remove_ids = {label.id for label in remove}
        for ticket in tickets:
            have = {label.id for label in ticket.labels}
            added = [label for label in add if label.id not in have]
            removed = [label for label in ticket.labels if label.id in remove_ids]
            if not added and not removed:
                continue
            for label in added:
                self.session.add(TicketLabelAssignment(ticket_id=ticket.id, label_id=label.id))
            for label in removed:
                await self.session.delete(
                    await self.session.get_one(TicketLabelAssignment, (ticket.id, label.id))
                )
            kept = [label for label in ticket.labels if label.id not in remove_ids]
            set_committed_value(ticket, "labels", sorted([*kept, *added], key=lambda label: label.name))
            changed.append((ticket, [a.name for a in added], [r.name for r in removed]))
        if not changed:
            return
        await self._commit_rows([t for t, _, _ in changed])
        await emit_all(
            self.session,
            [
                TicketLabelsChanged(
                    data=LabelsChangedData(
                        ticket=ticket_state(t, self.public_url),
                        actor=self._actor_ref,
                        added=added,
                        removed=removed,
                    ),
                    **self._subject(t),
                )
                for t, added, removed in changed
            ],
        )
