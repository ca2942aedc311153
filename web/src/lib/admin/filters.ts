/**
 * The triage board's state, kept in the URL (so it survives a reload and can be shared), and the API
 * query it stands for. A view is a preset of statuses and assignment (as in the tickets service);
 * explicit filters override it.
 */
import type { AdminListQuery, AdminSort, AdminTicketSummary, Category, TicketStatus, TicketType } from '$lib/api/types';
import { CATEGORIES, DEFAULT_VIEW, PRIORITIES, STATUSES, TYPES, VIEWS, viewStatuses, type BoardView } from '$lib/domain';

export type Mode = 'board' | 'list';
export const SORTS: readonly { id: AdminSort; label: string }[] = [
	{ id: 'priority', label: 'Priority (critical first, then oldest)' },
	{ id: 'created', label: 'Newest first' },
	{ id: 'updated', label: 'Recently updated' }
];
export const DEFAULT_SORT: AdminSort = 'priority';

export interface BoardState {
	view: BoardView;
	mode: Mode;
	sort: AdminSort;
	type: TicketType[];
	status: TicketStatus[];
	priority: number[];
	category: Category[];
	label: string[];
	assigned: string; // '', 'me', 'none' or an admin's id
	from: string; // YYYY-MM-DD, created on or after
	to: string; // YYYY-MM-DD, created on or before
	q: string;
}

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
	return values.filter((v): v is T => (allowed as readonly string[]).includes(v));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseState(params: URLSearchParams): BoardState {
	const view = params.get('view') ?? DEFAULT_VIEW;
	const sort = params.get('sort') ?? DEFAULT_SORT;
	const from = params.get('from') ?? '';
	const to = params.get('to') ?? '';
	return {
		view: (VIEWS.some((v) => v.id === view) ? view : DEFAULT_VIEW) as BoardView,
		mode: params.get('mode') === 'list' ? 'list' : 'board',
		sort: (['priority', 'created', 'updated'].includes(sort) ? sort : DEFAULT_SORT) as AdminSort,
		type: pick(params.getAll('type'), TYPES),
		status: pick(params.getAll('status'), STATUSES),
		priority: params
			.getAll('priority')
			.map(Number)
			.filter((p) => (PRIORITIES as readonly number[]).includes(p)),
		category: pick(params.getAll('category'), CATEGORIES),
		label: params.getAll('label').filter((l) => /^[0-9a-f-]{36}$/i.test(l)),
		assigned: params.get('assigned') ?? '',
		from: DATE.test(from) ? from : '',
		to: DATE.test(to) ? to : '',
		q: params.get('q') ?? ''
	};
}

/** The URL query for a state; defaults are left out so plain links stay short. */
export function stateToParams(state: BoardState): URLSearchParams {
	const p = new URLSearchParams();
	if (state.view !== DEFAULT_VIEW) p.set('view', state.view);
	if (state.mode !== 'board') p.set('mode', state.mode);
	if (state.sort !== DEFAULT_SORT) p.set('sort', state.sort);
	for (const v of state.type) p.append('type', v);
	for (const v of state.status) p.append('status', v);
	for (const v of state.priority) p.append('priority', String(v));
	for (const v of state.category) p.append('category', v);
	for (const v of state.label) p.append('label', v);
	if (state.assigned) p.set('assigned', state.assigned);
	if (state.from) p.set('from', state.from);
	if (state.to) p.set('to', state.to);
	if (state.q) p.set('q', state.q);
	return p;
}

/** The statuses on show: the explicit filter, else the view's. */
export function shownStatuses(state: BoardState): readonly TicketStatus[] {
	return state.status.length ? state.status : viewStatuses(state.view);
}

/** Assignment on show: the explicit filter, else the view's (`unassigned` → none, `mine` → me). */
export function shownAssignee(state: BoardState): string | undefined {
	if (state.assigned) return state.assigned;
	if (state.view === 'unassigned') return 'none';
	if (state.view === 'mine') return 'me';
	return undefined;
}

export function activeFilterCount(state: BoardState): number {
	return (
		state.type.length +
		state.status.length +
		state.priority.length +
		state.category.length +
		state.label.length +
		(state.assigned ? 1 : 0) +
		(state.from ? 1 : 0) +
		(state.to ? 1 : 0)
	);
}

/** The list query (without status) for this state. */
export function apiQuery(state: BoardState, statuses: readonly TicketStatus[] | null): AdminListQuery {
	const query: AdminListQuery = {
		sort: state.sort,
		type: state.type.length ? state.type : undefined,
		priority: state.priority.length ? state.priority : undefined,
		category: state.category.length ? state.category : undefined,
		label: state.label.length ? state.label : undefined,
		assigned_to: shownAssignee(state),
		created_from: state.from ? `${state.from}T00:00:00` : undefined,
		created_to: state.to ? `${state.to}T23:59:59.999` : undefined,
		q: state.q || undefined
	};
	if (statuses) query.status = [...statuses];
	return query;
}

/** Whether a ticket still belongs on screen after an edit (assignment, priority and labels can change). */
export function stillShown(ticket: AdminTicketSummary, state: BoardState, myId: string): boolean {
	if (!shownStatuses(state).includes(ticket.status)) return false;
	const assignee = shownAssignee(state);
	if (assignee === 'none' && ticket.assignee) return false;
	if (assignee === 'me' && ticket.assignee?.id !== myId) return false;
	if (assignee && assignee !== 'none' && assignee !== 'me' && ticket.assignee?.id !== assignee) return false;
	if (state.priority.length && !state.priority.includes(ticket.priority)) return false;
	if (state.label.length && !state.label.every((id) => ticket.labels.some((l) => l.id === id))) return false;
	return true;
}
