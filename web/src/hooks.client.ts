import type { HandleClientError } from '@sveltejs/kit';
import { ApiError } from '$lib/api/problem';

// A failed load shows the problem the server sent, not "Internal Error".
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (error instanceof ApiError) return { message: error.problem.title, detail: error.problem.detail };
	if (status === 404) return { message: 'Check the address, or go back to the start page.' };
	console.error(error);
	return { message: error instanceof Error ? error.message : message };
};
