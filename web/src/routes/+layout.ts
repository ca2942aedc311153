import { redirect } from '@sveltejs/kit';
import { PUBLIC_PATHS } from '$lib/navigation';
import { session } from '$lib/stores/session.svelte';
import type { LayoutLoad } from './$types';

// A single-page app: everything renders in the browser, the gateway serves index.html for every page.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

export const load = (async ({ url }) => {
	const user = await session.load();
	if (!user && !PUBLIC_PATHS.includes(url.pathname)) {
		redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { user };
}) satisfies LayoutLoad;
