/** Single-ticket admin edits, each sent with If-Match so a stale board never overwrites someone's change. */
import { api, ticketEtag, unwrap } from '$lib/api/client';
import type { AdminTicketSummary, TicketOut, TicketStatus } from '$lib/api/types';

type Ref = Pick<AdminTicketSummary, 'id' | 'version' | 'ticket_number'>;

function target(ticket: Ref) {
	return {
		params: {
			path: { ticket_ref: String(ticket.ticket_number) },
			header: { 'If-Match': ticketEtag(ticket) }
		}
	};
}

export function setStatus(ticket: Ref, status: TicketStatus): Promise<TicketOut> {
	return unwrap(api.PUT('/api/v1/admin/support/tickets/{ticket_ref}/status', { ...target(ticket), body: { status } }));
}

export function assign(ticket: Ref, adminId: string | null): Promise<TicketOut> {
	return unwrap(
		api.PUT('/api/v1/admin/support/tickets/{ticket_ref}/assign', { ...target(ticket), body: { admin_id: adminId } })
	);
}

export function setPriority(ticket: Ref, priority: number): Promise<TicketOut> {
	return unwrap(api.PUT('/api/v1/admin/support/tickets/{ticket_ref}/priority', { ...target(ticket), body: { priority } }));
}

export function addLabel(ticket: Ref, labelId: string): Promise<TicketOut> {
	return unwrap(
		api.POST('/api/v1/admin/support/tickets/{ticket_ref}/labels', { ...target(ticket), body: { label_ids: [labelId] } })
	);
}

export function removeLabel(ticket: Ref, labelId: string): Promise<TicketOut> {
	const t = target(ticket);
	return unwrap(
		api.DELETE('/api/v1/admin/support/tickets/{ticket_ref}/labels/{label_id}', {
			params: { ...t.params, path: { ...t.params.path, label_id: labelId } }
		})
	);
}

export function closeWith(ticket: Ref, resolution: string): Promise<TicketOut> {
	return unwrap(api.PUT('/api/v1/admin/support/tickets/{ticket_ref}/close', { ...target(ticket), body: { resolution } }));
}

/** A summary updated with what an edit answered (the edit returns the ticket, not the summary). */
export function merged(summary: AdminTicketSummary, updated: TicketOut): AdminTicketSummary {
	return {
		...summary,
		status: updated.status,
		priority: updated.priority,
		assignee: updated.assignee,
		labels: updated.labels,
		version: updated.version,
		updated_at: updated.updated_at,
		title: updated.title
	};
}
