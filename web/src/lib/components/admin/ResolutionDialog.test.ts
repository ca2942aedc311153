import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ResolutionDialog from './ResolutionDialog.svelte';

const props = (over: Record<string, unknown> = {}) => ({
	open: true,
	title: 'Close #7',
	description: 'The resolution is posted as a public reply.',
	onconfirm: vi.fn(async () => true),
	oncancel: vi.fn(),
	...over
});

describe('ResolutionDialog', () => {
	it('will not close without a resolution', async () => {
		const p = props();
		render(ResolutionDialog, p);
		await userEvent.click(await screen.findByRole('button', { name: 'Close ticket' }));
		expect(screen.getByTestId('field-error').textContent).toContain('Write something first.');
		expect(p.onconfirm).not.toHaveBeenCalled();
	});

	it('hands over the trimmed resolution and does not count as cancelled', async () => {
		const p = props();
		render(ResolutionDialog, p);
		await userEvent.type(await screen.findByLabelText('Resolution'), '  Fixed in 1.2.4.  ');
		await userEvent.click(screen.getByRole('button', { name: 'Close ticket' }));
		expect(p.onconfirm).toHaveBeenCalledWith('Fixed in 1.2.4.');
		await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
		expect(p.oncancel).not.toHaveBeenCalled();
	});

	it('stays open when closing fails', async () => {
		const p = props({ onconfirm: vi.fn(async () => false) });
		render(ResolutionDialog, p);
		await userEvent.type(await screen.findByLabelText('Resolution'), 'Duplicate of #3');
		await userEvent.click(screen.getByRole('button', { name: 'Close ticket' }));
		expect(p.onconfirm).toHaveBeenCalled();
		expect(screen.getByRole('dialog')).toBeTruthy();
		expect(p.oncancel).not.toHaveBeenCalled();
	});

	it('reports Cancel and Escape as cancelled', async () => {
		const p = props();
		render(ResolutionDialog, p);
		await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
		await waitFor(() => expect(p.oncancel).toHaveBeenCalledTimes(1));

		const q = props();
		render(ResolutionDialog, q);
		await screen.findByLabelText('Resolution');
		await userEvent.keyboard('{Escape}');
		await waitFor(() => expect(q.oncancel).toHaveBeenCalledTimes(1));
		expect(q.onconfirm).not.toHaveBeenCalled();
	});
});
