// HTTP compression: API replies and pages by Accept-Encoding, streamed pages still stream,
// precompressed files and the WebSocket pass untouched.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { brotliDecompressSync, createBrotliDecompress, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, type TestApp } from '../testing/test-app.ts';
import { TestSocket } from '../testing/ws-client.ts';
import { registerWeb } from '../web.ts';
import { registerCompression } from './compression.ts';

let t: TestApp | undefined;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const close of closers.splice(0)) await close();
});

/** A page of `size` bytes of HTML, as SvelteKit would render one. */
function html(size: number): string {
  const row = '<li class="offer-card"><a href="/offers/x">A COIL offer</a></li>\n';
  return `<!doctype html><ul>${row.repeat(Math.ceil(size / row.length))}</ul>`;
}

function get(
  url: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, resolve);
    req.once('error', reject);
    req.end();
  });
}

describe('API replies', () => {
  it('are compressed with brotli or gzip as the client accepts (the OpenAPI document here), with Vary', async () => {
    t = await createTestApp();
    const plain = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const br = await t.app.inject({
      method: 'GET',
      url: '/api/docs/json',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/application\/json/);
    expect(br.rawPayload.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gzip = await t.app.inject({
      method: 'GET',
      url: '/api/docs/json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());

    // The web server's own calls over loopback ask for none: no work on either side.
    const identity = await t.app.inject({
      method: 'GET',
      url: '/api/docs/json',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.json()).toEqual(plain.json());
  });

  it('leave the WebSocket alone: a browser asking for brotli still upgrades and talks', async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'ws@example.org', password: 'a long password', name: 'W', role: 'student' },
    });
    const socket = await TestSocket.open(base, sessionCookieOf(signup.headers));
    closers.push(async () => socket.ws.close());
    socket.send({ type: 'ping' });
    const pong = await socket.next((f) => f.type === 'pong');
    expect(pong.type).toBe('pong');
  });
});

describe('pages', () => {
  async function servePages(handler: Parameters<ReturnType<typeof registerWeb>['load']>[0]) {
    const app = Fastify({ logger: false });
    closers.push(() => app.close());
    await registerCompression(app);
    const web = registerWeb(app, { origin: null });
    await web.load(handler);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  it('are compressed by Accept-Encoding, and only when it asks', async () => {
    const page = html(70_000);
    const base = await servePages((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    const br = await fetchRaw(`${base}/opportunities`, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(page.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(page);

    const gzip = await fetchRaw(`${base}/opportunities`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(page);

    const plain = await fetchRaw(`${base}/opportunities`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(page);

    const head = await get(`${base}/opportunities`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    head.resume();
  });

  it('keep streaming: the first part arrives before the page has finished', async () => {
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const shell = html(4_000);
    const base = await servePages((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(shell);
      // The rest only once the client has read the shell, as awaited data would follow it.
      void finished.then(() => res.end('<p>the figures</p></html>'));
    });
    const res = await get(`${base}/secretariat/statistics`, { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    const decoded = res.pipe(createBrotliDecompress());
    let text = '';
    await new Promise<void>((resolve) => {
      decoded.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.length >= shell.length) resolve();
      });
    });
    expect(text).toBe(shell);
    finish();
    await new Promise((resolve) => decoded.on('end', resolve));
    expect(text).toBe(`${shell}<p>the figures</p></html>`);
  });

  it('leave files that are already compressed as they are', async () => {
    const precompressed = Buffer.from('already brotli '.repeat(200));
    const base = await servePages((_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/javascript',
        'content-encoding': 'br',
        'content-length': String(precompressed.length),
      });
      res.end(precompressed);
    });
    const res = await fetchRaw(`${base}/_app/immutable/entry/start.js`, {
      'accept-encoding': 'gzip, br',
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.equals(precompressed)).toBe(true);
  });
});

/** The raw (still encoded) body of a GET. */
async function fetchRaw(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingMessage['headers']; body: Buffer }> {
  const res = await get(url, headers);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { headers: res.headers, body: Buffer.concat(chunks) };
}
