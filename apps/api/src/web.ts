// Serves the built SvelteKit app (adapter-node's handler) on the same origin as the API.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { compressPages } from './plugins/compression.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const webBuildDir = fileURLToPath(new URL('../../web/build', import.meta.url));
const handlerFile = `${webBuildDir}/handler.js`;
const protocolHeader = 'x-twinning-protocol';
const addressHeader = 'x-twinning-client-address';

export function webBuildExists(): boolean {
  return existsSync(handlerFile);
}

/** Browser features no page of the platform uses: refused, so an injected script cannot ask. */
const permissionsPolicy =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

/**
 * The security headers of every page and static file (SvelteKit sets the pages' CSP, with
 * nonces). HSTS only where the platform is reached over https — this request, or the public
 * ORIGIN — since browsers ignore it over plain http and a local http run must stay reachable.
 */
export function pageSecurityHeaders(
  protocol: string,
  origin: string | null,
): Record<string, string> {
  const https = protocol === 'https' || origin?.startsWith('https:') === true;
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // The CSP's frame-ancestors says the same to current browsers; this, to older ones.
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': permissionsPolicy,
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Adds a catch-all route that hands the raw request to SvelteKit. The handler is imported
 * later by `loadWebHandler`, once the API's own address is known: SvelteKit reads its
 * environment (API_INTERNAL_URL) when it is first imported. `origin`: the public ORIGIN.
 */
export function registerWeb(app: FastifyInstance, { origin }: { origin: string | null }) {
  let resolveHandler: (handler: NodeHandler) => void = () => {};
  const handlerReady = new Promise<NodeHandler>((resolve) => (resolveHandler = resolve));

  app.register(async (web) => {
    // Leave bodies unread: SvelteKit reads form posts from the raw request itself.
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', (_request, _payload, done) => done(null));
    web.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: '/*',
      schema: { hide: true },
      // The reply is hijacked: pages are compressed by `compressPages` instead.
      compress: false,
      decompress: false,
      handler: async (request, reply) => {
        const handler = await handlerReady;
        // Tell SvelteKit the scheme and client address Fastify worked out (forwarded headers
        // only from the proxies TRUST_PROXY names); whatever a client sent is overwritten.
        request.raw.headers[protocolHeader] = request.protocol;
        request.raw.headers[addressHeader] = request.clientAddress;
        reply.hijack();
        for (const [name, value] of Object.entries(pageSecurityHeaders(request.protocol, origin))) {
          reply.raw.setHeader(name, value);
        }
        // Static files are streamed (sirv: a read stream piped into the response) from a list
        // made at start; a file gone since (the build replaced under a running server) made
        // the stream fail with nobody listening, and that took the whole process down.
        reply.raw.once('pipe', (source: Readable) => {
          source.once('error', (err) => {
            request.log.error({ err }, 'a static file could not be read');
            if (reply.raw.headersSent) reply.raw.destroy();
            else {
              reply.raw.statusCode = 404;
              reply.raw.end('Not Found');
            }
          });
        });
        compressPages(request.raw, reply.raw, () =>
          handler(request.raw, reply.raw, () => {
            reply.raw.statusCode = 404;
            reply.raw.end('Not Found');
          }),
        );
      },
    });
  });

  return {
    /** Imports the built handler (or takes the one given: tests). */
    async load(given?: NodeHandler): Promise<void> {
      if (given) return resolveHandler(given);
      // adapter-node reads these when imported; without them it assumes https for every origin
      // and refuses plain-http form posts as cross-site. ORIGIN, when set, still wins.
      process.env.PROTOCOL_HEADER = protocolHeader;
      process.env.HOST_HEADER = 'host';
      process.env.ADDRESS_HEADER = addressHeader;
      // Form posts up to 512 KB by default; a picture for one's avatar (the API takes up to 5 MB)
      // comes through the settings page's form, with room for the form's own fields.
      process.env.BODY_SIZE_LIMIT ??= '6M';
      const module = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
      resolveHandler(module.handler);
    },
  };
}
