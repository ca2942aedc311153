import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

// During `npm run dev`, API calls go to a gateway started by `make run` (or GATEWAY_URL).
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), svelteTesting()],
	server: {
		proxy: { '/api': { target: gateway, changeOrigin: false } }
	},
	build: {
		// The gateway's CSP allows no inline data: scripts or styles; keep every asset a file.
		assetsInlineLimit: 0
	},
	test: {
		environment: 'jsdom',
		include: ['src/**/*.test.ts'],
		setupFiles: ['src/test-setup.ts'],
		restoreMocks: true
	}
});
