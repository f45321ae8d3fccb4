// CSRF defence for cookie sessions: a state-changing request from a foreign Origin is refused.
import type { FastifyRequest } from 'fastify';
import { forbidden } from '../errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function ownOrigin(request: FastifyRequest, configured: string | null): string {
  return configured ?? `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

/**
 * Browsers send `Origin` with every cross-site write (and most same-site ones); scripts and
 * server-side calls send none and carry no ambient cookie risk, so they pass.
 */
export function assertSameOrigin(request: FastifyRequest, configured: string | null): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin !== ownOrigin(request, configured)) {
      throw forbidden(`Requests from ${origin} are not allowed.`);
    }
    return;
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw forbidden('Cross-site requests are not allowed.');
  }
}

export function checkOriginOnWrites(configured: string | null) {
  return async (request: FastifyRequest) => {
    if (!safeMethods.has(request.method)) assertSameOrigin(request, configured);
  };
}
