// GET /api/ws: the real-time channel (API.md, "Conversations and real time"). Signed-in users
// only, own origin only, refused before the upgrade. Each socket's frames are handled one at a
// time, in order; every answer is a frame, and a bad frame never closes the socket — only
// flooding does (1008), or a frame beyond the hard cap (1009).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { HttpError } from '../errors.ts';
import { assertSameOrigin } from '../plugins/origin-check.ts';
import { requireUser } from '../plugins/sessions.ts';
import { Connection } from '../realtime/hub.ts';
import type { Api, RouteContext } from './types.ts';

/** Frames larger than this get an error frame. */
export const maxFrameBytes = 16 * 1024;
/** Frames larger than this close the socket (the ws library's maxPayload): memory stays bounded. */
export const hardFrameCap = 64 * 1024;
/** Rate-limited frames in a row before a socket counts as flooding and is closed. */
const floodStrikes = 40;

type Frame = Record<string, unknown> & { type?: unknown };

/*
 * Once upgraded, a socket needs nothing of the HTTP exchange that opened it, but
 * @fastify/websocket leaves two holds on it for the socket's lifetime: its 'error' listener
 * closes over the request and reply, and the TCP socket still names the upgrade's response
 * (with every header the security hooks set) as its current one. Measured under the idle-socket
 * benchmark, that was ~5 KB a socket. Both are let go here; errors are still listened to.
 */
function releaseUpgrade(socket: WebSocket, raw: IncomingMessage): void {
  socket.removeAllListeners('error');
  socket.on('error', () => socket.terminate());
  const tcp = raw.socket as (Socket & { _httpMessage?: ServerResponse | null }) | null;
  const response = tcp?._httpMessage;
  if (tcp && response && typeof response.detachSocket === 'function') response.detachSocket(tcp);
}

export default function realtimeRoutes(app: Api, { config, services, hub }: RouteContext) {
  app.get(
    '/ws',
    {
      websocket: true,
      schema: { tags: ['real time'], summary: 'WebSocket upgrade (session cookie, own Origin)' },
      preValidation: async (request) => {
        assertSameOrigin(request, config.origin);
        requireUser(request);
      },
    },
    (socket, request) => {
      // Keep what the socket needs, not the whole request, for the socket's lifetime.
      const user = request.user!;
      releaseUpgrade(socket, request.raw);
      const log = app.log;
      // Hex from random bytes: a flat string (randomUUID's is pieced together, ~1 KB kept).
      const connection = new Connection(
        randomBytes(16).toString('hex'),
        socket,
        user.id,
        request.sessionId!,
      );
      hub.add(connection);
      const conversations = services.conversations;
      let queue: Promise<void> = Promise.resolve();

      const error = (code: string, message: string, ref?: unknown) =>
        connection.send({
          type: 'error',
          code,
          message,
          ...(typeof ref === 'string' ? { ref } : {}),
        });

      async function handle(frame: Frame): Promise<void> {
        switch (frame.type) {
          case 'ping':
            return connection.send({ type: 'pong' });
          case 'subscribe': {
            const { conversationId, afterSeq = 0 } = frame;
            if (typeof conversationId !== 'string')
              return error('invalid_input', 'conversationId must be a conversation id.');
            if (typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0)
              return error('invalid_input', 'afterSeq must be a whole number ≥ 0.', conversationId);
            // Register first, so live messages wait in the buffer while the history is read;
            // the first read checks membership (404/403) and the registration is undone then.
            const previous = connection.subscriptions.get(conversationId);
            const subscription = connection.beginSubscription(conversationId, afterSeq);
            try {
              for (;;) {
                const page = await conversations.history(user, conversationId, {
                  afterSeq: subscription.lastSeq,
                  limit: 500,
                });
                for (const message of page) connection.replay(subscription, message);
                if (page.length < 500) break;
              }
            } catch (failure) {
              if (previous) connection.subscriptions.set(conversationId, previous);
              else connection.subscriptions.delete(conversationId);
              throw failure;
            }
            connection.goLive(subscription);
            return connection.send({
              type: 'subscribed',
              conversationId,
              lastSeq: subscription.lastSeq,
            });
          }
          case 'send': {
            const message = await conversations.send(user, {
              conversationId: frame.conversationId,
              clientMessageId: frame.clientMessageId,
              body: frame.body,
            });
            return connection.send({
              type: 'ack',
              clientMessageId: message.clientMessageId,
              message,
            });
          }
          case 'typing':
            return conversations.typing(user, frame.conversationId);
          case 'read':
            await conversations.read(user, frame.conversationId, frame.seq, connection.id);
            return;
          default:
            return error(
              'unknown_type',
              `Frame type ${JSON.stringify(frame.type)} is not supported.`,
            );
        }
      }

      /** What a frame asks for, or the error frame it earns; answers go out in arrival order. */
      async function answer(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) {
        const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
        if (size > maxFrameBytes)
          return error('too_large', `A frame may be at most ${maxFrameBytes} bytes.`);
        if (isBinary) return error('invalid_frame', 'Frames are JSON text.');
        let frame: unknown;
        try {
          frame = JSON.parse(data.toString());
        } catch {
          return error('invalid_frame', 'A frame must be a JSON object.');
        }
        if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
          return error('invalid_frame', 'A frame must be a JSON object.');
        const ref = (frame as Frame).clientMessageId ?? (frame as Frame).conversationId;
        try {
          await handle(frame as Frame);
        } catch (failure) {
          if (failure instanceof HttpError) return error(failure.code, failure.message, ref);
          log.error(
            { err: failure, userId: user.id, connection: connection.id },
            'WebSocket frame failed',
          );
          return error('internal', 'Something went wrong on our side.', ref);
        }
      }

      socket.on('message', (data, isBinary) => {
        // The rate limit counts frames as they arrive; a flood closes the socket at once.
        const allowed = connection.bucket.take();
        if (!allowed && ++connection.strikes >= floodStrikes) {
          socket.close(1008, 'flooding');
          return;
        }
        if (allowed) connection.strikes = 0;
        queue = queue.then(() =>
          allowed
            ? answer(data, isBinary)
            : error('rate_limited', 'Too many frames: at most 10 a second (bursts of 20).'),
        );
      });
      socket.on('close', () => hub.remove(connection));
    },
  );
}
