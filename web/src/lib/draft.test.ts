import { beforeEach, describe, expect, it } from 'vitest';
import { clearDraft, draftKey, loadDraft, saveDraft } from './draft';
import type { TicketDraft } from './validation';

const empty: TicketDraft = { type: '', title: '', description: '', severity: '', category: 'other', app_version: '', server_os: '' };

describe('the new-ticket draft in localStorage', () => {
	const key = draftKey('user-1');
	beforeEach(() => localStorage.clear());

	it('is kept per user and comes back as it was', () => {
		expect(saveDraft(key, { ...empty, type: 'bug', title: 'Half a title', severity: 'low' })).toBe(true);
		const back = loadDraft(key);
		expect(back).toMatchObject({ type: 'bug', title: 'Half a title', severity: 'low' });
		expect(back?.saved_at).toBeTruthy();
		expect(loadDraft(draftKey('user-2'))).toBeNull();
	});

	it('is not kept when there is nothing in it', () => {
		expect(saveDraft(key, empty)).toBe(false);
		expect(localStorage.getItem(key)).toBeNull();
	});

	it('is cleared on submit, and a damaged one is ignored', () => {
		saveDraft(key, { ...empty, title: 'Something' });
		clearDraft(key);
		expect(loadDraft(key)).toBeNull();
		localStorage.setItem(key, '{not json');
		expect(loadDraft(key)).toBeNull();
		localStorage.setItem(key, JSON.stringify({ type: 'evil', title: 42 }));
		expect(loadDraft(key)).toMatchObject({ type: '', title: '' });
	});
});
