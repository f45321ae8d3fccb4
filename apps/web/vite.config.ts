// Vite for the web app: SvelteKit, Paraglide (i18n) and, in development, a proxy of `/api`
// (HTTP and the `/api/ws` WebSocket) to the API process.
//
// Paraglide offline. An inlang project (`project.inlang/settings.json`) names its plugins in
// `modules`, usually as CDN URLs, which this build cannot fetch (no internet beyond the npm
// registry). The inlang SDK also accepts local module paths: it resolves them against the
// folder that holds `project.inlang` (here apps/web), reads the file's text and imports it
// as a `data:` URL, so the file must be one self-contained bundle with no imports of its
// own. `@inlang/plugin-message-format` (pinned devDependency) ships exactly that in
// `dist/index.js` (esbuild bundle, no import statements), so `modules` points at
// `./node_modules/@inlang/plugin-message-format/dist/index.js` and messages live in
// `messages/{locale}.json`. To add a language, add e.g. `messages/de.json` and `"de"` to
// `locales`; components need no change. If a future plugin version stops being a single
// bundle, commit a small local plugin file instead (loadMessages/saveMessages over
// `messages/{locale}.json`) and point `modules` at it.
//
// The compiled messages go to `src/lib/paraglide/` (git-ignored). `pnpm check` compiles them
// first (see package.json) because svelte-check does not run Vite plugins.
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_INTERNAL_URL ?? 'http://127.0.0.1:3001';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // Base-locale URLs stay un-prefixed; the choice lives in a cookie or the browser.
      strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit(),
  ],
  server: {
    port: Number(process.env.PORT ?? 3000),
    strictPort: true,
    proxy: {
      // Keep the browser's Host so the API's same-origin check sees the page's own origin.
      '/api': { target: apiTarget, changeOrigin: false, ws: true, xfwd: true },
    },
  },
});
