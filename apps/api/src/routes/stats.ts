// Statistics: the public summary the home page shows.
import { StatsSummary } from '@twinning/contracts/stats';
import type { Api, RouteContext } from './types.ts';

export default function statsRoutes(app: Api, { services }: RouteContext) {
  app.get(
    '/stats/summary',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Headline figures (public)',
        description:
          'balance.asiaShare is the share of agreed partnerships whose request came from an Asian offer (the direction of flows); students count those reported on completion, per side.',
        response: { 200: StatsSummary },
      },
    },
    async () => services.stats.summary(),
  );
}
