/** Who is signed in. Loaded once from `/auth/me`; login and logout update it. */
import { api, setCsrfToken, unwrap } from '$lib/api/client';
import { ApiError } from '$lib/api/problem';
import type { Me } from '$lib/api/types';

class Session {
	user = $state<Me | null>(null);
	loaded = $state(false);
	#pending: Promise<Me | null> | null = null;

	get isAdmin(): boolean {
		return this.user?.role === 'admin';
	}

	/** The signed-in user, asking the server the first time (null when signed out). */
	load(force = false): Promise<Me | null> {
		if (this.#pending && !force) return this.#pending;
		this.#pending = (async () => {
			try {
				const me = await unwrap(api.GET('/api/v1/auth/me'));
				this.set(me);
			} catch (error) {
				if (error instanceof ApiError && (error.status === 401 || error.status === 403)) this.set(null);
				else {
					this.#pending = null;
					throw error;
				}
			}
			return this.user;
		})();
		return this.#pending;
	}

	set(user: Me | null): void {
		this.user = user;
		this.loaded = true;
		setCsrfToken(user?.csrf_token);
		this.#pending = Promise.resolve(user);
	}

	async login(email: string, password: string): Promise<Me | null> {
		const token = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
		setCsrfToken(token.csrf_token);
		return this.load(true);
	}

	async logout(): Promise<void> {
		try {
			await unwrap(api.POST('/api/v1/auth/logout'));
		} finally {
			this.set(null);
		}
	}
}

export const session = new Session();
