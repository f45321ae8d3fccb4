// The pages' catch-all beside the API: static files that vanish, the API's own 404 for every
// /api path, and the pages' security headers.
import { createReadStream } from 'node:fs';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app.ts';
import { registerWeb } from './web.ts';

const app = Fastify({ logger: false });
let t: TestApp | undefined;
afterEach(async () => {
  await app.close();
  await t?.close();
  t = undefined;
});

/** The real app with the pages' catch-all over a stand-in for SvelteKit's handler. */
async function appWithPages(origin: string | null = null, trustProxy?: string[]) {
  t = await createTestApp(
    { origin, ...(trustProxy === undefined ? {} : { trustProxy }) },
    undefined,
    undefined,
    (api) => {
      void registerWeb(api, { origin }).load((_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Not found</title>');
      });
    },
  );
  return t;
}

describe('registerWeb', () => {
  it('answers a static file that vanished after the start, and keeps serving', async () => {
    const web = registerWeb(app, { origin: null });
    // As sirv serves a file from its start-time list: headers first, then the file piped.
    await web.load((req, res) => {
      if (req.url === '/gone.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        createReadStream('/nonexistent/twinning/gone.js').pipe(res);
      } else if (req.url === '/late.js') {
        createReadStream('/nonexistent/twinning/late.js').pipe(res);
      } else res.end('page');
    });
    // Headers already sent: the response is cut short, not the process.
    await expect(app.inject({ method: 'GET', url: '/gone.js' })).rejects.toThrow();
    // Not yet sent: a plain 404.
    const late = await app.inject({ method: 'GET', url: '/late.js' });
    expect(late.statusCode).toBe(404);
    const page = await app.inject({ method: 'GET', url: '/page' });
    expect(page.body).toBe('page');
  });

  it('leaves every unknown /api path to the API: its JSON 404 for every method, not the HTML page', async () => {
    const { app: api } = await appWithPages();
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
    for (const url of ['/api', '/api/', '/api/nope', '/api/nope/deeper', '/api/offers/x/nope']) {
      for (const method of methods) {
        const res = await api.inject({ method, url: `${url}?q=1` });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.headers['content-type'], `${method} ${url}`).toMatch(/^application\/json/);
        if (method !== 'HEAD') {
          expect(res.json(), `${method} ${url}`).toEqual({
            error: { code: 'not_found', message: `No route ${method} ${url}.` },
          });
        }
      }
    }
    // So do the API docs' files that do not exist.
    const missing = await api.inject({ method: 'GET', url: '/api/docs/static/nope.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    // Known routes and the pages still answer as before.
    expect((await api.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({
      status: 'ok',
    });
    const page = await api.inject({ method: 'GET', url: '/apiary' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('sends X-Frame-Options and Permissions-Policy with pages, and HSTS only over https', async () => {
    const plain = await appWithPages();
    const local = await plain.app.inject({ method: 'GET', url: '/offers' });
    expect(local.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'permissions-policy': expect.stringContaining('camera=()'),
    });
    expect(local.headers['strict-transport-security']).toBeUndefined();
    await plain.close();

    const public_ = await appWithPages('https://twinning.example');
    const res = await public_.app.inject({ method: 'GET', url: '/offers' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['x-frame-options']).toBe('DENY');
    await public_.close();

    // Behind a TLS proxy that TRUST_PROXY names, the request's own scheme says https.
    const proxied = await appWithPages(null, ['127.0.0.1']);
    const overHttps = await proxied.app.inject({
      method: 'GET',
      url: '/offers',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(overHttps.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    // Without TRUST_PROXY the header is anyone's to write: no HSTS from it.
    const direct = await appWithPages();
    const claimed = await direct.app.inject({
      method: 'GET',
      url: '/offers',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    await proxied.close();
  });
});
