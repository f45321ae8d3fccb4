// Balance goals (API.md, "Matching rounds and balance goals").
import { BalanceGoals, BalanceGoalsBody } from '@twinning/contracts/balance-goals';
import { errorResponses } from '@twinning/contracts/common';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

export default function balanceGoalRoutes(app: Api, { services }: RouteContext) {
  app.get(
    '/balance-goals',
    {
      schema: {
        tags: ['matching'],
        summary: 'The goals the matcher and the statistics use (secretariat)',
        response: { 200: BalanceGoals, ...errorResponses },
      },
    },
    async (request) => services.balanceGoals.get(requireUser(request)),
  );

  app.put(
    '/balance-goals',
    {
      schema: {
        tags: ['matching'],
        summary: 'Set the balance goals (secretariat); every value is checked',
        body: BalanceGoalsBody,
        response: { 200: BalanceGoals, ...errorResponses },
      },
    },
    async (request) => services.balanceGoals.set(requireUser(request), request.body),
  );
}
