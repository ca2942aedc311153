import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: the gateway serves build/ and answers every non-API path with index.html.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		// version.json is polled so a long-open tab notices a new deployment and reloads on navigation.
		version: { pollInterval: 300_000 }
	}
};

export default config;
