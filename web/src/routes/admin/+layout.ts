import { error } from '@sveltejs/kit';
import { session } from '$lib/stores/session.svelte';
import type { LayoutLoad } from './$types';

export const load = (async ({ parent }) => {
	await parent(); // the root layout has signed the visitor in (or sent them to /login)
	const user = await session.load();
	if (user?.role !== 'admin') error(403, { message: 'This page is for admins.' });
	return {};
}) satisfies LayoutLoad;
