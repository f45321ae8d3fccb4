// GET /api/ws: the real-time channel (API.md, "Conversations and real time"). Signed-in users
// only, own origin only, refused before the upgrade. Each socket's frames are handled one at a
// time, in order; every answer is a frame, and a bad frame never closes the socket — only
// flooding does (1008), or a frame beyond the hard cap (1009). A session or user past its number
// of sockets gets its new one closed at once (4029).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { clientFrames, type ClientFrame } from '@twinning/contracts/realtime';
import { HttpError } from '../errors.ts';
import { assertSameOrigin } from '../plugins/origin-check.ts';
import { requireUser } from '../plugins/sessions.ts';
import { Connection, connectionOf, sessionKeyOf } from '../realtime/hub.ts';
import type { Api, RouteContext } from './types.ts';

/** Frames larger than this get an error frame. */
export const maxFrameBytes = 16 * 1024;
/** Frames larger than this close the socket (the ws library's maxPayload): memory stays bounded. */
export const hardFrameCap = 64 * 1024;

/**
 * Each client frame's checker by `type`, compiled once for the process (API.md's frame table,
 * as schemas in @twinning/contracts): checking a good frame allocates nothing.
 */
const frameCheckers = new Map(
  Object.entries(clientFrames).map(([type, schema]) => [type, Compile(schema)]),
);

/** What is wrong with a frame, field by field: "body must not be blank; seq must be integer". */
function frameProblems(problems: readonly TLocalizedValidationError[]): string {
  const byField = new Map<string, string>();
  for (const problem of problems) {
    const at = problem.instancePath.slice(1).replaceAll('/', '.');
    const named =
      problem.keyword === 'required'
        ? problem.params.requiredProperties.map((field) => [field, 'is required'] as const)
        : [[at, problem.keyword === 'pattern' ? 'must not be blank' : problem.message] as const];
    for (const [field, message] of named) if (!byField.has(field)) byField.set(field, message);
  }
  return [...byField].map(([field, message]) => `${field} ${message}`).join('; ');
}

/** Security headers for what the upgrade route answers without upgrading (errors only). */
const refusalHeaders = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/*
 * Once upgraded, a socket needs nothing of the HTTP exchange that opened it, but
 * @fastify/websocket leaves two holds on it for the socket's lifetime: its 'error' listener
 * closes over the request and reply, and the TCP socket still names the upgrade's response
 * as its current one. Measured under the idle-socket benchmark, that was ~5 KB a socket. Both
 * are let go here; errors are still listened to.
 */
function terminateOnError(this: WebSocket): void {
  this.terminate();
}

function releaseUpgrade(socket: WebSocket, raw: IncomingMessage): void {
  socket.removeAllListeners('error');
  socket.on('error', terminateOnError);
  const tcp = raw.socket as (Socket & { _httpMessage?: ServerResponse | null }) | null;
  const response = tcp?._httpMessage;
  if (tcp && response && typeof response.detachSocket === 'function') response.detachSocket(tcp);
}

export default function realtimeRoutes(app: Api, { config, services, hub }: RouteContext) {
  // Everything below is shared by all sockets: per socket there is only its Connection.
  const log = app.log;
  const conversations = services.conversations;
  type Live = Connection;

  const error = (connection: Live, code: string, message: string, ref?: unknown) =>
    connection.send({
      type: 'error',
      code,
      message,
      ...(typeof ref === 'string' ? { ref } : {}),
    });

  async function subscribe(
    connection: Live,
    { conversationId, afterSeq = 0 }: Extract<ClientFrame, { type: 'subscribe' }>,
  ): Promise<void> {
    // Register first, so live messages wait in the buffer while the history is read; the
    // first read checks membership (404/403) and the registration is undone then.
    const previous = connection.subscription(conversationId);
    const subscription = connection.beginSubscription(conversationId, afterSeq);
    try {
      await hub.catchUp(connection, conversationId, subscription);
    } catch (failure) {
      connection.setSubscription(conversationId, previous);
      throw failure;
    }
    connection.send({ type: 'subscribed', conversationId, lastSeq: subscription.lastSeq });
  }

  async function handle(connection: Live, frame: ClientFrame): Promise<void> {
    const user = connection.actor;
    switch (frame.type) {
      case 'ping':
        return connection.send({ type: 'pong' });
      case 'subscribe':
        return subscribe(connection, frame);
      case 'send': {
        const message = await conversations.send(user, frame);
        return connection.send({ type: 'ack', clientMessageId: message.clientMessageId, message });
      }
      case 'typing':
        return conversations.typing(user, frame.conversationId);
      case 'read':
        await conversations.read(user, frame.conversationId, frame.seq, connection.origin);
        return;
    }
  }

  /** What a frame asks for, or the error frame it earns. */
  async function answer(connection: Live, data: RawData, isBinary: boolean): Promise<void> {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (size > maxFrameBytes)
      return error(connection, 'too_large', `A frame may be at most ${maxFrameBytes} bytes.`);
    if (isBinary) return error(connection, 'invalid_frame', 'Frames are JSON text.');
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return error(connection, 'invalid_frame', 'A frame must be a JSON object.');
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
      return error(connection, 'invalid_frame', 'A frame must be a JSON object.');
    const { type, clientMessageId, conversationId } = frame as Record<string, unknown>;
    const ref = clientMessageId ?? conversationId;
    const checker = typeof type === 'string' ? frameCheckers.get(type) : undefined;
    if (!checker)
      return error(
        connection,
        'unknown_type',
        `Frame type ${JSON.stringify(type)} is not supported.`,
      );
    if (!checker.Check(frame))
      return error(
        connection,
        'invalid_input',
        `Invalid ${type} frame: ${frameProblems(checker.Errors(frame))}.`,
        ref,
      );
    try {
      await handle(connection, frame as ClientFrame);
    } catch (failure) {
      if (failure instanceof HttpError)
        return error(connection, failure.code, failure.message, ref);
      log.error(
        { err: failure, userId: connection.userId, connection: connection.origin },
        'WebSocket frame failed',
      );
      return error(connection, 'internal', 'Something went wrong on our side.', ref);
    }
  }

  /** Every socket's 'message' listener (`this` is the socket): answers go out in arrival order. */
  function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    const connection = connectionOf(this);
    // A socket being closed (logged out, suspended, flooding) is not answered any more.
    if (!connection || this.readyState !== this.OPEN) return;
    // The rate limit counts frames as they arrive; a flood closes the socket at once, and
    // frames over the rate are dropped with one notice a second, not an answer each.
    const verdict = connection.admit();
    if (verdict === 'flood') {
      this.close(1008, 'flooding');
      return;
    }
    if (verdict === 'drop') return;
    const run = () =>
      verdict === 'answer'
        ? answer(connection, data, isBinary)
        : error(
            connection,
            'rate_limited',
            'Too many frames: at most 10 a second (bursts of 20); frames beyond that are dropped.',
          );
    // answer() turns every failure into an error frame; should one still escape, it is logged
    // and the socket's later frames are answered all the same.
    const next = (connection.queue ?? Promise.resolve()).then(run).catch((failure: unknown) => {
      log.error({ err: failure, connection: connection.origin }, 'WebSocket frame failed');
    });
    connection.queue = next;
    // An idle socket keeps no promise.
    void next.then(() => {
      if (connection.queue === next) connection.queue = null;
    });
  }

  function onClose(this: WebSocket): void {
    const connection = connectionOf(this);
    if (connection) hub.remove(connection);
  }

  app.get(
    '/ws',
    {
      websocket: true,
      // The 101 answer is written by `ws`, not by the reply, so the dozen headers helmet sets
      // on the reply of every upgrade never leave: skipped, a handshake makes less garbage
      // (kept alive by hundreds of handshakes in flight, it fragments the heap the sockets
      // then live in). What a reply does send here — a refusal, a plain GET's 404 — carries
      // the headers that matter for a JSON error, below.
      helmet: false,
      onSend: async (_request, reply, payload) => {
        reply.headers(refusalHeaders);
        return payload;
      },
      schema: { tags: ['real time'], summary: 'WebSocket upgrade (session cookie, own Origin)' },
      preValidation: async (request, reply) => {
        assertSameOrigin(request, config.origin);
        requireUser(request);
        // A plain GET (no Upgrade) is told what this address is, in the API's error shape.
        if (!request.ws) {
          reply.header('upgrade', 'websocket');
          throw new HttpError(
            426,
            'upgrade_required',
            'GET /api/ws is the WebSocket: open it with an Upgrade request.',
          );
        }
      },
    },
    (socket, request) => {
      releaseUpgrade(socket, request.raw);
      // Only what the frames need, not the whole account (a socket may live for days).
      const connection: Live = new Connection(
        socket,
        request.raw.socket ?? null,
        request.user!.id,
        request.user!.suspended,
        sessionKeyOf(request.sessionId!),
      );
      connection.emailVerified = request.user!.emailVerified;
      const refusal = hub.add(connection);
      if (refusal) {
        // Said in a frame (browsers do not show a close reason) and by the close code.
        error(connection, 'too_many_sockets', refusal);
        socket.close(4029, 'too many sockets');
        return;
      }
      socket.on('message', onMessage);
      socket.on('close', onClose);
    },
  );
}
