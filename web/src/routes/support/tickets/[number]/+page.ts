import { redirect } from '@sveltejs/kit';
import { session } from '$lib/stores/session.svelte';
import type { PageLoad } from './$types';

// Mail links point here for everyone; admins work on tickets in triage, so they go there before the
// reporter's route is asked for a ticket that is not theirs (which would answer 404).
export const load = (async ({ parent, params }) => {
	await parent();
	if (session.isAdmin) redirect(307, `/admin/support/tickets/${encodeURIComponent(params.number)}`);
	return {};
}) satisfies PageLoad;
