/** Short messages about what just happened, read out by screen readers (see Toaster.svelte). */
export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
	id: number;
	kind: ToastKind;
	title: string;
	detail?: string;
}

class Toasts {
	items = $state<Toast[]>([]);
	#next = 1;

	show(kind: ToastKind, title: string, detail?: string, ms = kind === 'error' ? 9000 : 5000): number {
		const id = this.#next++;
		// At most three at once: the newest say what just happened.
		this.items = [...this.items, { id, kind, title, detail }].slice(-3);
		if (ms > 0) setTimeout(() => this.dismiss(id), ms);
		return id;
	}

	success(title: string, detail?: string): number {
		return this.show('success', title, detail);
	}

	error(title: string, detail?: string): number {
		return this.show('error', title, detail);
	}

	info(title: string, detail?: string): number {
		return this.show('info', title, detail);
	}

	dismiss(id: number): void {
		this.items = this.items.filter((t) => t.id !== id);
	}
}

export const toasts = new Toasts();
