// GET /api/health: 200 once the database answers.
import { Health } from '@twinning/contracts/common';
import type { Api, RouteContext } from './types.ts';

export default function healthRoutes(app: Api, { services }: RouteContext) {
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
      return { status: 'ok' as const };
    },
  );
}
