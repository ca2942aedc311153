/** Where to go after signing in: only a path on this site (never `//other.site` or `https://…`). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	return next;
}

export function homeFor(role: string | undefined): string {
	return role === 'admin' ? '/admin/support' : '/support/tickets';
}

export const PUBLIC_PATHS = ['/login', '/register', '/forgot-password', '/reset-password'];
