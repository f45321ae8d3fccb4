// GET /api/health: 200 once the database answers; with REDIS_URL it also says whether this
// process reaches Redis (still 200 without it: the process serves, in a degraded way).
import { Health } from '@twinning/contracts/common';
import type { Api, RouteContext } from './types.ts';

export default function healthRoutes(app: Api, { services }: RouteContext) {
  const redis = app.redis;
  app.get(
    '/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database check',
        response: { 200: Health },
      },
    },
    async () => {
      await services.repositories.institutions.count();
      if (!redis) return { status: 'ok' as const };
      return {
        status: 'ok' as const,
        redis: redis.connected ? ('connected' as const) : ('unavailable' as const),
      };
    },
  );
}
