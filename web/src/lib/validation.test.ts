import { describe, expect, it } from 'vitest';
import { charCount, lengthError, passwordError, usernameError, validateTicket, type TicketDraft } from './validation';

const draft = (over: Partial<TicketDraft> = {}): TicketDraft => ({
	type: 'bug',
	title: 'Playback stutters on Chrome',
	description: 'Every 4K movie stutters after ten seconds.',
	severity: 'high',
	category: 'movies',
	app_version: '',
	server_os: '',
	...over
});

describe('ticket rules (the server’s, checked as you type)', () => {
	it('accepts a complete bug report', () => {
		expect(validateTicket(draft())).toEqual({});
	});

	it('counts characters, not UTF-16 units, after trimming', () => {
		expect(charCount('🎬🎬🎬')).toBe(3);
		expect(lengthError('  🎬🎬🎬🎬🎬🎬🎬🎬🎬🎬  ', 10, 200)).toBeNull();
		expect(lengthError('          ', 10, 200)).toMatch(/whitespace/);
		expect(lengthError('short', 10, 200)).toMatch(/at least 10 characters \(now 5\)/);
	});

	it('needs a severity on bugs only', () => {
		expect(validateTicket(draft({ severity: '' })).severity).toMatch(/severity/);
		expect(validateTicket(draft({ type: 'feature', severity: '' })).severity).toBeUndefined();
	});

	it('names every missing part', () => {
		const errors = validateTicket(draft({ type: '', title: '', description: 'too short' }));
		expect(Object.keys(errors).sort()).toEqual(['description', 'title', 'type']);
	});
});

describe('account rules', () => {
	it('checks usernames like the gateway', () => {
		expect(usernameError('jo')).toBeNull();
		expect(usernameError('-jo')).not.toBeNull();
		expect(usernameError('j')).not.toBeNull();
	});

	it('wants passwords of ten characters or more', () => {
		expect(passwordError('123456789')).not.toBeNull();
		expect(passwordError('violet tractor lamp')).toBeNull();
	});
});
