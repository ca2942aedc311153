import { describe, expect, it } from 'vitest';
import { readCookie, ticketEtag } from './client';
import { ApiError, fieldMessages, shownUnderFields, toProblem } from './problem';
import { perFileProgress } from './upload';

describe('problems', () => {
	it('keeps the server’s problem and names each bad field', () => {
		const error = new ApiError(
			422,
			toProblem(422, {
				title: 'Validation failed',
				status: 422,
				detail: null,
				errors: [
					{ field: 'title', message: 'must be at least 10 characters (got 3)', type: 'value_error' },
					{ field: 'title', message: 'second', type: 'value_error' }
				]
			})
		);
		expect(error.message).toBe('Validation failed');
		expect(error.fieldErrors).toEqual({ title: 'must be at least 10 characters (got 3)' });
	});

	it('makes a readable problem from a body that is not one', () => {
		expect(toProblem(502, '<html>bad gateway</html>', 'Bad Gateway')).toMatchObject({ title: 'Bad Gateway', detail: null });
		expect(toProblem(500, 'oops', '').title).toBe('Request failed (500)');
	});
});

describe('field errors on forms', () => {
	const weak = new ApiError(
		422,
		toProblem(422, {
			title: 'Validation failed',
			status: 422,
			detail: 'password: is too common or too easy to guess',
			errors: [{ field: 'password', message: 'is too common or too easy to guess', type: 'value_error' }]
		})
	);

	it('reads a message that goes on from the field’s name as a sentence', () => {
		expect(fieldMessages(weak, { password: 'Password' })).toEqual({ password: 'Password is too common or too easy to guess' });
		const whole = new ApiError(422, toProblem(422, { title: 'x', errors: [{ field: 'title', message: 'Too short.' }] }));
		expect(fieldMessages(whole, { title: 'The title' })).toEqual({ title: 'Too short.' });
		expect(fieldMessages(new Error('network'), { password: 'Password' })).toEqual({});
	});

	it('leaves the alert out only when every message has a field to stand under', () => {
		expect(shownUnderFields(weak, ['email', 'password'])).toBe(true);
		expect(shownUnderFields(weak, ['email'])).toBe(false);
		const conflict = new ApiError(409, toProblem(409, { title: 'Taken', errors: [{ field: 'email', message: 'in use' }] }));
		expect(shownUnderFields(conflict, ['email'])).toBe(false);
		const bare = new ApiError(422, toProblem(422, { title: 'Validation failed' }));
		expect(shownUnderFields(bare, ['email'])).toBe(false);
	});
});

describe('small helpers', () => {
	it('reads the CSRF cookie', () => {
		expect(readCookie('revenge_csrf', 'a=1; revenge_csrf=abc%3D; b=2')).toBe('abc=');
		expect(readCookie('revenge_csrf', 'a=1')).toBeNull();
	});

	it('builds the tickets service’s ETag', () => {
		expect(ticketEtag({ id: 'x', version: 3 })).toBe('"x.3"');
	});

	it('spreads upload progress over the files in order', () => {
		// 100 bytes of fields, then files of 100 and 300 bytes.
		expect(perFileProgress([100, 300], 150, 500)).toEqual([0.5, 0]);
		expect(perFileProgress([100, 300], 350, 500)).toEqual([1, 0.5]);
		expect(perFileProgress([100, 300], 500, 500)).toEqual([1, 1]);
	});
});
