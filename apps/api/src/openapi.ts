// The OpenAPI document's frame: info, the session scheme, and the WebSocket route, which
// @fastify/websocket hides from @fastify/swagger, described by hand with its frames.
import type { SwaggerOptions } from '@fastify/swagger';

const webSocketPath = {
  get: {
    tags: ['real time'],
    summary: 'WebSocket upgrade for real-time frames',
    description:
      'Signed-in users only (session cookie); a foreign Origin is refused before the upgrade. Frames are JSON objects with a `type`: the client sends `ping` and receives `pong`; anything malformed, too large (over 16 KB) or unknown is answered with `{"type":"error","code","message"}` and the socket stays open.',
    responses: {
      101: { description: 'Switching Protocols: the socket is open' },
      401: {
        description: 'No session',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorReply' } } },
      },
      403: {
        description: 'Foreign Origin',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorReply' } } },
      },
    },
  },
};

export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Twinning API',
      description:
        'Pairs Asian and European universities, colleges and lecturers for COIL and virtual exchange. Errors: `{"error":{"code","message","details"?}}`. Sessions are cookies; writes from a foreign Origin are refused. Lists take `limit` (1–100, default 20) and `cursor` and answer `{items, nextCursor}`.',
      version: '0.1.0',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'twinning_session' },
      },
    },
    security: [{ session: [] }],
  },
  refResolver: {
    buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
  },
  transformObject: (document) => {
    if ('openapiObject' in document) {
      const spec = document.openapiObject;
      spec.paths = { ...spec.paths, '/api/ws': webSocketPath as never };
      return spec;
    }
    return document.swaggerObject;
  },
};
