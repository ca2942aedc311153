/** Light, dark, or the system's choice; saved in localStorage and applied as a class on <html>. */
export type ThemeChoice = 'light' | 'dark' | 'system';
const KEY = 'revenge-theme';

function systemDark(): boolean {
	return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;
}

class Theme {
	choice = $state<ThemeChoice>('system');

	init(): void {
		try {
			const saved = localStorage.getItem(KEY);
			this.choice = saved === 'light' || saved === 'dark' ? saved : 'system';
		} catch {
			this.choice = 'system';
		}
		this.apply();
		window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => this.apply());
	}

	get dark(): boolean {
		return this.choice === 'dark' || (this.choice === 'system' && systemDark());
	}

	set(choice: ThemeChoice): void {
		this.choice = choice;
		try {
			if (choice === 'system') localStorage.removeItem(KEY);
			else localStorage.setItem(KEY, choice);
		} catch {
			// the choice lasts for this visit only
		}
		this.apply();
	}

	apply(): void {
		document.documentElement.classList.toggle('dark', this.dark);
	}
}

export const theme = new Theme();
