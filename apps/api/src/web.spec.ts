// The web handler's static files: a file gone since the start answers an error, the process stays.
import { createReadStream } from 'node:fs';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWeb } from './web.ts';

const app = Fastify({ logger: false });
afterEach(async () => {
  await app.close();
});

describe('registerWeb', () => {
  it('answers a static file that vanished after the start, and keeps serving', async () => {
    const web = registerWeb(app);
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
});
