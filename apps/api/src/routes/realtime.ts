// GET /api/ws: the real-time channel. Signed-in users only, own origin only.
// This version answers `ping`; conversations' frames arrive with the messaging work.
import type { RouteContext, Api } from './types.ts';
import { assertSameOrigin } from '../plugins/origin-check.ts';
import { requireUser } from '../plugins/sessions.ts';

const maxFrameBytes = 16 * 1024;

export default function realtimeRoutes(app: Api, { config }: RouteContext) {
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
    (socket) => {
      socket.on('message', (data, isBinary) => {
        const send = (frame: object) => socket.send(JSON.stringify(frame));
        if (isBinary)
          return send({ type: 'error', code: 'invalid_frame', message: 'Frames are JSON text.' });
        let frame: unknown;
        try {
          frame = JSON.parse(data.toString());
        } catch {
          return send({
            type: 'error',
            code: 'invalid_frame',
            message: 'A frame must be a JSON object.',
          });
        }
        const type = (frame as { type?: unknown } | null)?.type;
        if (type === 'ping') return send({ type: 'pong' });
        return send({
          type: 'error',
          code: 'unknown_type',
          message: `Frame type ${JSON.stringify(type)} is not supported.`,
        });
      });
    },
  );
}

export { maxFrameBytes };
