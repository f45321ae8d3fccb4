// Serves the built SvelteKit app (adapter-node's handler) on the same origin as the API.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const webBuildDir = fileURLToPath(new URL('../../web/build', import.meta.url));
const handlerFile = `${webBuildDir}/handler.js`;

export function webBuildExists(): boolean {
  return existsSync(handlerFile);
}

/**
 * Adds a catch-all route that hands the raw request to SvelteKit. The handler is imported
 * later by `loadWebHandler`, once the API's own address is known: SvelteKit reads its
 * environment (API_INTERNAL_URL) when it is first imported.
 */
export function registerWeb(app: FastifyInstance) {
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
      handler: async (request, reply) => {
        const handler = await handlerReady;
        reply.hijack();
        handler(request.raw, reply.raw, () => {
          reply.raw.statusCode = 404;
          reply.raw.end('Not Found');
        });
      },
    });
  });

  return {
    async load(): Promise<void> {
      const module = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
      resolveHandler(module.handler);
    },
  };
}
