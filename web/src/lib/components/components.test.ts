import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, toProblem } from '$lib/api/problem';
import type { Comment } from '$lib/api/types';
import Composer from './Composer.svelte';
import Conversation from './Conversation.svelte';
import FileDrop from './FileDrop.svelte';
import MarkdownEditor from './MarkdownEditor.svelte';
import ProblemAlert from './ProblemAlert.svelte';
import StatusBadge from './StatusBadge.svelte';

const person = (id: string, username: string) => ({ id, username, display_name: null });
const comment = (over: Partial<Comment>): Comment => ({
	id: crypto.randomUUID(),
	author: person('reporter', 'jo'),
	comment: 'text',
	comment_html: '<p>text</p>',
	is_internal: false,
	is_resolution: false,
	parent_id: null,
	origin: 'portal',
	external_author: null,
	created_at: '2026-12-03T10:00:00Z',
	...over
});

describe('ProblemAlert', () => {
	it('shows the problem’s title, detail and each field', () => {
		const error = new ApiError(
			409,
			toProblem(409, {
				title: 'Transition not allowed',
				status: 409,
				detail: 'a closed ticket can go to open, in_progress, not resolved',
				errors: [{ field: 'status', message: 'not now', type: 'x' }]
			})
		);
		render(ProblemAlert, { error, retry: () => {} });
		const alert = screen.getByRole('alert');
		expect(alert).toHaveProperty('textContent', expect.stringContaining('Transition not allowed'));
		expect(alert.textContent).toContain('a closed ticket can go to open');
		expect(alert.textContent).toContain('not now');
		expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
	});
});

describe('StatusBadge', () => {
	it('names the status in words', () => {
		render(StatusBadge, { status: 'in_progress' });
		expect(screen.getByText('In progress')).toBeTruthy();
	});
});

describe('Conversation', () => {
	it('threads replies under their comment and marks internal notes', () => {
		const root = comment({ comment_html: '<p>first</p>' });
		const reply = comment({ author: person('admin', 'admin'), comment_html: '<p>answer</p>', parent_id: root.id });
		const note = comment({ author: person('admin', 'admin'), comment_html: '<p>secret</p>', is_internal: true });
		const { container } = render(Conversation, { comments: [note, reply, root], reporterId: 'reporter', admin: true, onreply: vi.fn() });
		const articles = container.querySelectorAll('[data-testid=comment]');
		expect(articles).toHaveLength(3);
		const replies = container.querySelector('[aria-label=Replies]');
		expect(replies?.textContent).toContain('answer');
		expect(container.querySelector('[data-internal=true]')?.textContent).toContain('Internal note');
		expect(screen.getByText('Reporter')).toBeTruthy();
	});

	it('credits a comment from GitHub to its GitHub login, not to a deleted user', () => {
		const fromGitHub = comment({ author: null, origin: 'github', external_author: 'octocat' });
		const { container } = render(Conversation, { comments: [fromGitHub], reporterId: 'reporter', onreply: vi.fn() });
		const header = container.querySelector('[data-testid=comment] header');
		expect(header?.textContent).toContain('octocat');
		expect(header?.textContent).toContain('On GitHub');
		expect(header?.textContent).not.toContain('Deleted user');
	});

	it('shows the server’s sanitised HTML, and a reply box on demand', async () => {
		const onreply = vi.fn().mockResolvedValue(undefined);
		const root = comment({ comment_html: '<p><strong>bold</strong></p>' });
		const { container } = render(Conversation, { comments: [root], reporterId: 'reporter', onreply });
		expect(container.querySelector('strong')?.textContent).toBe('bold');
		await userEvent.click(screen.getByRole('button', { name: /Reply/ }));
		await userEvent.type(screen.getByTestId('comment-input'), 'me too');
		await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
		await waitFor(() => expect(onreply).toHaveBeenCalledWith('me too', root.id, false));
	});
});

describe('Composer', () => {
	it('lets an admin switch to an internal note, and refuses an empty one', async () => {
		const onsubmit = vi.fn().mockResolvedValue(undefined);
		render(Composer, { id: 'c', admin: true, onsubmit });
		await userEvent.click(screen.getByRole('radio', { name: /Internal note/ }));
		await userEvent.click(screen.getByRole('button', { name: 'Add internal note' }));
		expect(onsubmit).not.toHaveBeenCalled();
		expect(screen.getByTestId('field-error').textContent).toContain('Write something first');
		await userEvent.type(screen.getByTestId('comment-input'), 'for the team');
		await userEvent.click(screen.getByRole('button', { name: 'Add internal note' }));
		await waitFor(() => expect(onsubmit).toHaveBeenCalledWith('for the team', true));
	});
});

describe('MarkdownEditor', () => {
	it('previews what is typed, sanitised', async () => {
		render(MarkdownEditor, { id: 'd', value: '' });
		await userEvent.type(screen.getByTestId('markdown-input'), '**hi** <b>raw</b>');
		const preview = screen.getByTestId('markdown-preview');
		expect(preview.querySelector('strong')?.textContent).toBe('hi');
		expect(preview.querySelector('b')).toBeNull();
		expect(preview.textContent).toContain('<b>raw</b>');
	});
});

describe('FileDrop', () => {
	it('takes a real PNG and refuses what the server would refuse', async () => {
		const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])], 'shot.png', { type: 'image/png' });
		const pdf = new File(['%PDF'], 'doc.pdf', { type: 'application/pdf' });
		URL.createObjectURL = vi.fn(() => 'blob:preview');
		URL.revokeObjectURL = vi.fn();
		render(FileDrop, { files: [] });
		await fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: { files: [png, pdf] } });
		await waitFor(() => expect(screen.getByTestId('picked-file-name').textContent).toBe('shot.png'));
		expect(screen.getByTestId('rejected-files').textContent).toContain('doc.pdf');
		await userEvent.click(screen.getByRole('button', { name: 'Remove shot.png' }));
		expect(screen.queryByTestId('picked-file-name')).toBeNull();
	});
});
