import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/navigation';
import { session } from '$lib/stores/session.svelte';
import type { PageLoad } from './$types';

export const load = (async ({ parent }) => {
	await parent();
	redirect(307, homeFor(session.user?.role));
}) satisfies PageLoad;
