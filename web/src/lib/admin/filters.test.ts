import { describe, expect, it } from 'vitest';
import type { AdminTicketSummary } from '$lib/api/types';
import { apiQuery, parseState, shownAssignee, shownStatuses, stateToParams, stillShown } from './filters';

describe('the board’s state in the URL', () => {
	it('defaults to the Unassigned view on the board, sorted by priority', () => {
		const state = parseState(new URLSearchParams(''));
		expect(state).toMatchObject({ view: 'unassigned', mode: 'board', sort: 'priority' });
		expect(stateToParams(state).toString()).toBe('');
	});

	it('round-trips every filter and drops values it does not know', () => {
		const query =
			'view=mine&mode=list&sort=updated&type=bug&type=nope&status=open&priority=1&priority=9&category=music' +
			'&label=0b9d3f4e-6d0e-4c43-9a2b-1c0f1f1e2a3b&assigned=none&from=2026-01-01&to=bad&q=stutter';
		const state = parseState(new URLSearchParams(query));
		expect(state).toMatchObject({ type: ['bug'], priority: [1], to: '', from: '2026-01-01' });
		expect(parseState(stateToParams(state))).toEqual(state);
	});

	it('turns a view into statuses and an assignee; explicit filters win', () => {
		const mine = parseState(new URLSearchParams('view=mine'));
		expect(shownStatuses(mine)).toEqual(['open', 'in_progress']);
		expect(shownAssignee(mine)).toBe('me');
		const explicit = parseState(new URLSearchParams('view=mine&status=closed&assigned=none'));
		expect(shownStatuses(explicit)).toEqual(['closed']);
		expect(apiQuery(explicit, ['closed'])).toMatchObject({ status: ['closed'], assigned_to: 'none', sort: 'priority' });
	});

	it('sends whole days for the date range', () => {
		const q = apiQuery(parseState(new URLSearchParams('from=2026-03-01&to=2026-03-31')), null);
		expect(q.created_from).toBe('2026-03-01T00:00:00');
		expect(q.created_to).toBe('2026-03-31T23:59:59.999');
	});

	it('knows when an edited ticket leaves the view', () => {
		const ticket = {
			status: 'open',
			assignee: { id: 'me-id', username: 'admin', display_name: null },
			priority: 3,
			labels: []
		} as unknown as AdminTicketSummary;
		expect(stillShown(ticket, parseState(new URLSearchParams('')), 'me-id')).toBe(false);
		expect(stillShown(ticket, parseState(new URLSearchParams('view=mine')), 'me-id')).toBe(true);
		expect(stillShown(ticket, parseState(new URLSearchParams('view=mine&priority=1')), 'me-id')).toBe(false);
	});
});
