// SvelteKit: a Node server (adapter-node, served by the API process in production) with a
// strict Content Security Policy. CSRF: SvelteKit's origin check on form posts stays on
// (its default; `csrf.trustedOrigins` is empty).
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    csp: {
      // Nonces on rendered pages, hashes on prerendered ones: the only inline script is
      // SvelteKit's own start-up script, and it carries one or the other.
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // SvelteKit's route announcer (for screen readers) hides itself with a style attribute.
        'style-src-attr': ['unsafe-inline'],
        // blob: for the preview of a picture chosen in the settings, before it is uploaded.
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        // 'self' covers same-origin WebSocket (`/api/ws`) in current browsers.
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none'],
      },
    },
  },
};

export default config;
