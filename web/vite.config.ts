import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/**
 * The web app: a plain Svelte 5 single-page app (not SvelteKit, whose static output boots
 * from an inline script the Content-Security-Policy forbids), built into web/dist and
 * served by the API process at `/`. `npm run dev:web` proxies /api to a running app.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    manifest: true,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
