/** The new-ticket form's draft in localStorage: saved every 30 seconds and on leaving, cleared on submit. */
import type { TicketDraft } from './validation';

export const DRAFT_INTERVAL_MS = 30_000;

export function draftKey(userId: string): string {
	return `revenge-support:ticket-draft:${userId}`;
}

export interface StoredDraft extends TicketDraft {
	saved_at: string;
}

export function isEmptyDraft(draft: TicketDraft): boolean {
	return !draft.title.trim() && !draft.description.trim() && !draft.app_version.trim() && !draft.server_os.trim();
}

export function saveDraft(key: string, draft: TicketDraft, storage: Storage = localStorage): boolean {
	try {
		if (isEmptyDraft(draft)) {
			storage.removeItem(key);
			return false;
		}
		const stored: StoredDraft = { ...draft, saved_at: new Date().toISOString() };
		storage.setItem(key, JSON.stringify(stored));
		return true;
	} catch {
		return false; // storage full or disabled: the form still works
	}
}

export function loadDraft(key: string, storage: Storage = localStorage): StoredDraft | null {
	try {
		const raw = storage.getItem(key);
		if (!raw) return null;
		const value = JSON.parse(raw) as Partial<StoredDraft>;
		const text = (v: unknown) => (typeof v === 'string' ? v : '');
		return {
			type: (['bug', 'feature', 'support'].includes(text(value.type)) ? value.type : '') as TicketDraft['type'],
			title: text(value.title),
			description: text(value.description),
			severity: text(value.severity),
			category: text(value.category),
			app_version: text(value.app_version),
			server_os: text(value.server_os),
			saved_at: text(value.saved_at)
		};
	} catch {
		return null;
	}
}

export function clearDraft(key: string, storage: Storage = localStorage): void {
	try {
		storage.removeItem(key);
	} catch {
		// nothing to do
	}
}
