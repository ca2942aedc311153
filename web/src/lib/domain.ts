/** The product's words for its values, and the rules the UI shares with the server (ADR 0004, 0007). */
import type { AdminView, Category, Severity, TicketStatus, TicketType } from './api/types';

export const STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
export const ACTIVE: readonly TicketStatus[] = ['open', 'in_progress'];
export const TYPES: readonly TicketType[] = ['bug', 'feature', 'support'];
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const CATEGORIES: readonly Category[] = ['movies', 'tv_shows', 'music', 'books', 'adult', 'other'];
export const PRIORITIES = [1, 2, 3, 4, 5] as const;

export const STATUS_LABEL: Record<TicketStatus, string> = {
	open: 'Open',
	in_progress: 'In progress',
	resolved: 'Resolved',
	closed: 'Closed'
};

export const TYPE_LABEL: Record<TicketType, string> = {
	bug: 'Bug report',
	feature: 'Feature request',
	support: 'Support question'
};

export const TYPE_HINT: Record<TicketType, string> = {
	bug: 'Something does not work as it should.',
	feature: 'An idea for something new or better.',
	support: 'A question about using or setting up Revenge.'
};

export const SEVERITY_LABEL: Record<Severity, string> = {
	critical: 'Critical',
	high: 'High',
	medium: 'Medium',
	low: 'Low'
};

export const SEVERITY_HINT: Record<Severity, string> = {
	critical: 'The server is down or data is lost.',
	high: 'A main feature is broken, no workaround.',
	medium: 'Broken, but there is a workaround.',
	low: 'Cosmetic or minor.'
};

export const CATEGORY_LABEL: Record<Category, string> = {
	movies: 'Movies',
	tv_shows: 'TV shows',
	music: 'Music',
	books: 'Books',
	adult: 'Adult',
	other: 'Other'
};

export const PRIORITY_LABEL: Record<number, string> = {
	1: 'Critical',
	2: 'High',
	3: 'Medium',
	4: 'Low',
	5: 'Lowest'
};

export function priorityLabel(priority: number): string {
	return PRIORITY_LABEL[priority] ?? `P${priority}`;
}

/** The seed's triage views, in its order; `all` is every ticket (no preset). */
export type BoardView = AdminView | 'all';
export const VIEWS: readonly { id: BoardView; label: string }[] = [
	{ id: 'unassigned', label: 'Unassigned' },
	{ id: 'mine', label: 'Assigned to me' },
	{ id: 'open', label: 'All open' },
	{ id: 'resolved', label: 'Resolved' },
	{ id: 'closed', label: 'Closed' },
	{ id: 'all', label: 'All tickets' }
];
export const DEFAULT_VIEW: BoardView = 'unassigned';

/** The statuses a view shows (the same presets as the tickets service's `view_filter`). */
export function viewStatuses(view: BoardView): readonly TicketStatus[] {
	switch (view) {
		case 'unassigned':
		case 'mine':
		case 'open':
			return ACTIVE;
		case 'resolved':
			return ['resolved'];
		case 'closed':
			return ['closed'];
		default:
			return STATUSES;
	}
}

/** Status moves an admin may make (tickets/workflow.py); the server has the last word. */
export const ADMIN_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
	open: ['in_progress', 'resolved', 'closed'],
	in_progress: ['open', 'resolved', 'closed'],
	resolved: ['open', 'in_progress', 'closed'],
	closed: ['open', 'in_progress']
};

/** A status as a menu or select offers it: "Closed…" opens the resolution dialog rather than moving at once. */
export function statusChoice(status: TicketStatus): string {
	return status === 'closed' ? `${STATUS_LABEL.closed}…` : STATUS_LABEL[status];
}

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
	return ADMIN_TRANSITIONS[from].includes(to);
}

/** Who wrote a comment: the account's name, or the GitHub login of a comment that came from GitHub. */
export function commentAuthor(comment: {
	author: { username: string; display_name?: string | null } | null;
	origin?: string;
	external_author?: string | null;
}): string {
	if (!comment.author && comment.external_author) return comment.external_author;
	return personName(comment.author);
}

export function personName(person: { username: string; display_name?: string | null } | null | undefined): string {
	if (!person) return 'Deleted user';
	return person.display_name || person.username;
}
