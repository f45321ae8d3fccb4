// The OpenAPI document's frame: info, the session scheme, and the WebSocket route, which
// @fastify/websocket hides from @fastify/swagger, described by hand with its frames.
import type { SwaggerOptions } from '@fastify/swagger';
import { ClientFrame, ServerFrame } from '@twinning/contracts/realtime';

const webSocketPath = {
  get: {
    tags: ['real time'],
    summary: 'WebSocket upgrade for real-time frames',
    description:
      'Signed-in users only (session cookie); a foreign Origin is refused before the upgrade (401/403). Frames are JSON objects with a `type`.\n\n' +
      'Client → server: `{type:"subscribe", conversationId, afterSeq}` (members only) → every message with seq > afterSeq in order as `message` frames, then `{type:"subscribed", conversationId, lastSeq}`, then live messages; `{type:"send", conversationId, clientMessageId, body}` (body 1–4000 characters) → `{type:"ack", clientMessageId, message}`, and `{type:"message", message}` to every subscribed socket of every member on every server process — a repeated clientMessageId stores nothing new and acks the first message; `{type:"typing", conversationId}` → `{type:"typing", conversationId, userId}` to the other members; `{type:"read", conversationId, seq}` → the read cursor moves forward only, `{type:"read", conversationId, userId, seq}` to the other members and the reader\'s other sockets; `{type:"ping"}` → `{type:"pong"}`.\n\n' +
      'Server → client also: `{type:"notification", notification}` the moment one is stored for the user (partnership_requested, partnership_decided, partnership_completed, application_received, application_decided, round_proposal).\n\n' +
      "The frames' schemas are `ClientFrame` and `ServerFrame` under `components.schemas` (the server checks every client frame against its schema).\n\n" +
      'Errors: anything malformed, over 16 KB, not allowed (a non-member: forbidden; unknown conversation: not_found) or too fast (more than 10 frames a second, bursts of 20: rate_limited) gets `{type:"error", code, message, ref?}` (ref: the clientMessageId or conversationId) and the socket stays open. A client that keeps flooding is closed with 1008; frames over 64 KB close it with 1009; logging out closes the session\'s sockets with 4001; a socket that misses a heartbeat ping is closed.',
    'x-frames': {
      clientToServer: { $ref: '#/components/schemas/ClientFrame' },
      serverToClient: { $ref: '#/components/schemas/ServerFrame' },
    },
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

// Bodies that are raw bytes: they have no body schema (fastify would validate a Buffer against
// it), so @fastify/swagger leaves them out; their requestBody is described here.
const binary = { schema: { type: 'string', format: 'binary' } };
const rawRequestBodies: Record<string, Record<string, object>> = {
  '/api/me/avatar': {
    put: {
      required: true,
      description: 'The image itself; its type is told from its bytes, not from Content-Type',
      content: { 'image/jpeg': binary, 'image/png': binary, 'image/webp': binary },
    },
  },
};

/** The document's paths with the raw request bodies above filled in. */
function withRawRequestBodies(paths: Record<string, Record<string, object>>) {
  const filled = { ...paths };
  for (const [path, methods] of Object.entries(rawRequestBodies)) {
    const operations = filled[path];
    if (!operations) continue;
    filled[path] = { ...operations };
    for (const [method, requestBody] of Object.entries(methods)) {
      const operation = operations[method];
      if (operation) filled[path][method] = { ...operation, requestBody };
    }
  }
  return filled;
}

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
      spec.paths = {
        ...withRawRequestBodies((spec.paths ?? {}) as never),
        '/api/ws': webSocketPath as never,
      };
      spec.components = {
        ...spec.components,
        schemas: { ...spec.components?.schemas, ClientFrame, ServerFrame } as never,
      };
      return spec;
    }
    return document.swaggerObject;
  },
};
