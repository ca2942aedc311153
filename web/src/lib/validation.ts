/**
 * The server's rules, checked as the user types (the server checks again; its 422 names the same
 * fields). Lengths are counted in characters (code points) after trimming, as the server does.
 */
import type { TicketType } from './api/types';

export const TITLE_MIN = 10;
export const TITLE_MAX = 200;
export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 50_000;
export const COMMENT_MAX = 20_000;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;
export const DISPLAY_NAME_MAX = 128;
export const USERNAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$/;
export const APP_VERSION_MAX = 64;
export const SERVER_OS_MAX = 128;

export function charCount(value: string): number {
	return [...value].length;
}

export function lengthError(value: string, min: number, max: number): string | null {
	const trimmed = value.trim();
	if (!trimmed) return 'Must not be empty or only whitespace.';
	const n = charCount(trimmed);
	if (n < min) return `Must be at least ${min} characters (now ${n}).`;
	if (n > max) return `Must be at most ${max} characters (now ${n}).`;
	return null;
}

export interface TicketDraft {
	type: TicketType | '';
	title: string;
	description: string;
	severity: string;
	category: string;
	app_version: string;
	server_os: string;
}

export type TicketErrors = Partial<Record<keyof TicketDraft, string>>;

export function validateTicket(draft: TicketDraft): TicketErrors {
	const errors: TicketErrors = {};
	if (!draft.type) errors.type = 'Choose what kind of ticket this is.';
	const title = lengthError(draft.title, TITLE_MIN, TITLE_MAX);
	if (title) errors.title = title;
	const description = lengthError(draft.description, DESCRIPTION_MIN, DESCRIPTION_MAX);
	if (description) errors.description = description;
	if (draft.type === 'bug' && !draft.severity) errors.severity = 'Bug reports need a severity.';
	if (charCount(draft.app_version) > APP_VERSION_MAX)
		errors.app_version = `Must be at most ${APP_VERSION_MAX} characters.`;
	if (charCount(draft.server_os) > SERVER_OS_MAX)
		errors.server_os = `Must be at most ${SERVER_OS_MAX} characters.`;
	return errors;
}

export function passwordError(password: string): string | null {
	if (charCount(password) < PASSWORD_MIN) return `Must be at least ${PASSWORD_MIN} characters.`;
	if (charCount(password) > PASSWORD_MAX) return `Must be at most ${PASSWORD_MAX} characters.`;
	return null;
}

export function usernameError(username: string): string | null {
	if (!USERNAME_RE.test(username.trim()))
		return "2 to 32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.";
	return null;
}

export function emailError(email: string): string | null {
	const value = email.trim();
	if (!value) return 'Enter your email address.';
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'Enter an address like name@example.com.';
	return null;
}

export function commentError(text: string): string | null {
	if (!text.trim()) return 'Write something first.';
	if (charCount(text.trim()) > COMMENT_MAX) return `Must be at most ${COMMENT_MAX} characters.`;
	return null;
}
