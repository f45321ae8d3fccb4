// The secretariat's balance goals: `/api/balance-goals` (read and replace).
import type { BalanceGoals } from '@twinning/contracts/balance-goals';
import { apiRequest, type Fetch } from './request';

export async function getBalanceGoals(fetch: Fetch): Promise<BalanceGoals> {
  const reply = await apiRequest<BalanceGoals>(fetch, '/api/balance-goals');
  return reply.body;
}

export async function saveBalanceGoals(fetch: Fetch, goals: BalanceGoals): Promise<BalanceGoals> {
  const reply = await apiRequest<BalanceGoals>(fetch, '/api/balance-goals', {
    method: 'PUT',
    body: goals,
  });
  return reply.body;
}
