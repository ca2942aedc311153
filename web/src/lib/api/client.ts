/**
 * The API client: typed paths from the generated description (openapi-fetch), the session cookie sent
 * by the browser, the CSRF token echoed on unsafe requests, and every failure turned into an ApiError
 * carrying the server's problem+json.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, networkProblem, toProblem } from './problem';
import type { paths } from './types';

export const CSRF_COOKIE = 'revenge_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfFallback: string | null = null;

/** Remembers the token from a login or `/me` answer, for when the cookie cannot be read. */
export function setCsrfToken(token: string | null | undefined): void {
	csrfFallback = token ?? null;
}

export function readCookie(name: string, cookies: string = document.cookie): string | null {
	for (const part of cookies.split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key === name) return decodeURIComponent(rest.join('='));
	}
	return null;
}

export function csrfToken(): string | null {
	return (typeof document !== 'undefined' ? readCookie(CSRF_COOKIE) : null) ?? csrfFallback;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when a request that needed a session got 401: the session ended elsewhere or expired. */
export function onUnauthorized(listener: Listener): () => void {
	unauthorizedListeners.add(listener);
	return () => unauthorizedListeners.delete(listener);
}

const PUBLIC_AUTH = /\/api\/v1\/auth\/(login|register|password-reset|me$|oidc)/;

const middleware: Middleware = {
	onRequest({ request }) {
		if (!SAFE.has(request.method)) {
			const token = csrfToken();
			if (token) request.headers.set(CSRF_HEADER, token);
		}
		request.headers.set('Accept', 'application/json, application/problem+json');
		return request;
	},
	onResponse({ request, response }) {
		if (response.status === 401 && !PUBLIC_AUTH.test(new URL(request.url).pathname)) {
			for (const listener of unauthorizedListeners) listener();
		}
		return response;
	}
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(middleware);

interface Result<T> {
	data?: T;
	error?: unknown;
	response: Response;
}

async function settle<T>(pending: Promise<Result<T>>): Promise<Result<T>> {
	let result: Result<T>;
	try {
		result = await pending;
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw error;
		if (error instanceof ApiError) throw error;
		throw new ApiError(0, networkProblem());
	}
	if (!result.response.ok || result.error !== undefined) {
		const { status, statusText } = result.response;
		throw new ApiError(status, toProblem(status, result.error, statusText));
	}
	return result;
}

/** The answer's body, or an ApiError with the problem the server sent. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
	return (await settle(pending)).data as T;
}

/** The body and its ETag (ticket edits send it back as If-Match). */
export async function unwrapTagged<T>(pending: Promise<Result<T>>): Promise<{ data: T; etag: string | null }> {
	const result = await settle(pending);
	return { data: result.data as T, etag: result.response.headers.get('etag') };
}

/** The ETag the tickets service gives a ticket: its id and version. */
export function ticketEtag(ticket: { id: string; version: number }): string {
	return `"${ticket.id}.${ticket.version}"`;
}
