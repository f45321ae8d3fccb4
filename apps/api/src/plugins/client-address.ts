// Who a request comes from, for rate limits. X-Forwarded-For is believed only from the proxies
// TRUST_PROXY names (Fastify's `trustProxy`, which `request.ip` follows), and from the pages'
// own server: SvelteKit renders in this process and calls the API over loopback on the
// client's behalf, naming the client in X-Forwarded-For. Being on loopback proves nothing
// (anyone on the machine, or a proxy there, is on loopback), so those calls also carry a
// secret made at start and handed to SvelteKit in its environment (API_INTERNAL_SECRET); a
// call without it is judged by its own address like any other.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const internalCallHeader = 'x-twinning-internal';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's address: the socket's, a trusted proxy's report, or the pages' server's. */
    clientAddress: string;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time (the digests have one length whatever was sent). */
function sameSecret(claimed: string, secret: string): boolean {
  return timingSafeEqual(digest(claimed), digest(secret));
}

/** The address the pages' server put last in X-Forwarded-For, if it is an address. */
function lastForwarded(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.at(-1) : header;
  const last = value?.split(',').at(-1)?.trim();
  return last && isIP(last) ? last : undefined;
}

export function clientAddressOf(request: FastifyRequest, internalSecret: string | null): string {
  if (internalSecret !== null) {
    const claimed = request.headers[internalCallHeader];
    if (typeof claimed === 'string' && sameSecret(claimed, internalSecret)) {
      const forwarded = lastForwarded(request.headers['x-forwarded-for']);
      if (forwarded) return forwarded;
    }
  }
  // Requests injected in tests (injectWS) have no address at all.
  return request.ip ?? 'unknown';
}

/** Sets `request.clientAddress` on every request of the app, pages and API alike. */
export function registerClientAddress(app: FastifyInstance, internalSecret: string | null): void {
  app.decorateRequest('clientAddress', '');
  app.addHook('onRequest', async (request) => {
    request.clientAddress = clientAddressOf(request, internalSecret);
  });
}
