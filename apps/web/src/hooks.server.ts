// Server hooks: the request's locale (Paraglide), the session (asked of the API), and
// `handleFetch`, which sends every `/api/...` call of the server to the API process.
import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { getCurrentUser } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getTextDirection } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { SESSION_COOKIE, clearSessionCookie, relaySessionCookie } from '$lib/server/session-cookie';

const DEFAULT_API_INTERNAL_URL = 'http://127.0.0.1:3000';

const handleLocale: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) =>
        html
          .replace('%paraglide.lang%', locale)
          .replace('%paraglide.dir%', getTextDirection(locale)),
    });
  });

const handleSession: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  event.locals.affiliation = null;
  if (event.cookies.get(SESSION_COOKIE)) {
    try {
      const current = await getCurrentUser(event.fetch);
      event.locals.user = current.user;
      event.locals.affiliation = current.affiliation;
      // The API may renew the session as it nears its end.
      relaySessionCookie(event.cookies, current.setCookies);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        clearSessionCookie(event.cookies);
      } else {
        // The API is down or failing: show the page signed out, but keep the cookie.
        console.error('Could not read the session from the API', error);
      }
    }
  }
  return resolve(event);
};

export const handle: Handle = sequence(handleLocale, handleSession);

export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) {
    return fetch(request);
  }
  const apiBase = env.API_INTERNAL_URL || DEFAULT_API_INTERNAL_URL;
  const headers = new Headers(request.headers);
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  else headers.delete('cookie');
  // The API believes this address only with the secret it shares with this server (in the
  // same process): the client's address keeps rate limits per person.
  headers.set('x-forwarded-for', event.getClientAddress());
  if (env.API_INTERNAL_SECRET) headers.set('x-twinning-internal', env.API_INTERNAL_SECRET);
  headers.set('x-forwarded-host', event.url.host);
  headers.set('x-forwarded-proto', event.url.protocol.replace(/:$/, ''));
  // Over loopback, compressing and decompressing would only cost time on both sides.
  headers.set('accept-encoding', 'identity');
  // The browser, for the sessions list ("Firefox 128 on Linux"), not this server's fetch.
  const userAgent = event.request.headers.get('user-agent');
  if (userAgent) headers.set('user-agent', userAgent);
  const languages = event.request.headers.get('accept-language');
  if (languages) headers.set('accept-language', languages);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  // Straight to the network, not through SvelteKit's `fetch`, which would add an `Origin`
  // header naming the public origin; the API checks a present Origin against its own
  // address, and SvelteKit has already checked the browser's Origin on form posts.
  return globalThis.fetch(
    new Request(new URL(`${url.pathname}${url.search}`, apiBase), {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      signal: request.signal,
    }),
  );
};

export const handleError: HandleServerError = ({ error, status }) => {
  if (status >= 500) console.error(error);
  return { message: status === 404 ? m.error_not_found_message() : m.error_generic_message() };
};
