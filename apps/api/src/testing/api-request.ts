// One API request in a test, as the holder of a session cookie or as nobody, with the reply as
// it comes: `await api(t, 'POST', '/api/offers', { cookie, payload })`.
import type { InjectOptions } from 'fastify';
import type { TestApp } from './test-app.ts';

export function api(
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  { cookie, payload }: { cookie?: string; payload?: InjectOptions['payload'] } = {},
) {
  return t.app.inject({
    method,
    url,
    ...(cookie === undefined ? {} : { headers: { cookie } }),
    ...(payload === undefined ? {} : { payload }),
  });
}

/** The fields a refused request's reply names (`error.details[].field`), sorted. */
export function fieldsNamed(reply: { json(): unknown }): string[] {
  const { error } = reply.json() as { error: { details: { field: string }[] } };
  return error.details.map((detail) => detail.field).sort();
}
