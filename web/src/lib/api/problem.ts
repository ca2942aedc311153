import type { FieldError, Problem } from './types';

/** An RFC 9457 problem the API answered with (or one we made up when there was no answer at all). */
export class ApiError extends Error {
	readonly status: number;
	readonly problem: Problem;

	constructor(status: number, problem: Problem) {
		super(describe(problem));
		this.name = 'ApiError';
		this.status = status;
		this.problem = problem;
	}

	/** Messages per field of a 422 (`errors[].field` → message), first message wins. */
	get fieldErrors(): Record<string, string> {
		const out: Record<string, string> = {};
		for (const e of this.problem.errors ?? []) {
			const key = e.field || 'body';
			out[key] ??= e.message;
		}
		return out;
	}
}

/**
 * Messages per field, read as sentences under the field: the server's "is too common…" for `password`
 * becomes "Password is too common…"; a message that already starts with a capital is kept as it is.
 */
export function fieldMessages(error: unknown, labels: Record<string, string>): Record<string, string> {
	if (!(error instanceof ApiError)) return {};
	const out: Record<string, string> = {};
	for (const [field, message] of Object.entries(error.fieldErrors)) {
		const label = labels[field];
		out[field] = label && /^[a-z]/.test(message) ? `${label} ${message}` : message;
	}
	return out;
}

/** True for a 422 whose every field error is shown under its field: an alert would only repeat them. */
export function shownUnderFields(error: unknown, fields: readonly string[]): boolean {
	if (!(error instanceof ApiError) || error.status !== 422) return false;
	const errors = error.problem.errors ?? [];
	return errors.length > 0 && errors.every((e) => fields.includes(e.field));
}

export function describe(problem: Pick<Problem, 'title' | 'detail'>): string {
	return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
}

/** Turns whatever an error response held into a problem, so the UI always has a title to show. */
export function toProblem(status: number, body: unknown, statusText = ''): Problem {
	if (body && typeof body === 'object' && 'title' in body) {
		const b = body as Partial<Problem>;
		return {
			type: b.type ?? 'about:blank',
			title: String(b.title),
			status: typeof b.status === 'number' ? b.status : status,
			detail: b.detail ?? null,
			instance: b.instance ?? null,
			errors: Array.isArray(b.errors) ? (b.errors as FieldError[]) : null
		};
	}
	const text = typeof body === 'string' ? body.trim().slice(0, 300) : '';
	return {
		type: 'about:blank',
		title: statusText || (status ? `Request failed (${status})` : 'Request failed'),
		status,
		detail: text && !text.startsWith('<') ? text : null,
		instance: null,
		errors: null
	};
}

export function networkProblem(): Problem {
	return {
		type: 'about:blank',
		title: 'Cannot reach the server',
		status: 0,
		detail: 'Check your connection and try again.',
		instance: null,
		errors: null
	};
}

/** A message for any thrown thing: the problem's title and detail, or the error's own words. */
export function errorMessage(error: unknown): string {
	if (error instanceof ApiError) return error.message;
	if (error instanceof Error) return error.message;
	return String(error);
}
