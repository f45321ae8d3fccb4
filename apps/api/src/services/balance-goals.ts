// The secretariat's balance goals: read by everyone who needs them, set by the secretariat only.
import type { BalanceGoals } from '@twinning/core/balance/goals';
import { findCountry } from '@twinning/core/vocabulary/countries';
import type { Repositories } from '@twinning/db/repositories';
import type { User } from '@twinning/db/repositories/users';
import { FieldProblems } from '../errors.ts';
import { requireSecretariat } from './guards.ts';

export function createBalanceGoalService({
  repositories,
  now,
}: {
  repositories: Pick<Repositories, 'balanceGoals'>;
  now: () => Date;
}) {
  const { balanceGoals } = repositories;
  return {
    async get(user: User): Promise<BalanceGoals> {
      requireSecretariat(user, 'sees the balance goals');
      return balanceGoals.current();
    },

    async set(
      user: User,
      input: Omit<BalanceGoals, 'priorityCountries'> & { priorityCountries?: string[] },
    ) {
      requireSecretariat(user, 'sets the balance goals');
      const problems = new FieldProblems();
      const share = (field: string, value: number, min: number, max: number) => {
        if (!Number.isFinite(value) || value < min || value > max)
          problems.add(field, `must be from ${min} to ${max}`);
      };
      share('asiaShareTarget', input.asiaShareTarget, 0, 1);
      share('maxCountryShare', input.maxCountryShare, 0.01, 1);
      share('balanceWeight', input.balanceWeight, 0, 1);
      const priorityCountries = (input.priorityCountries ?? []).map((c) => c.trim().toUpperCase());
      priorityCountries.forEach((code, i) => {
        if (!findCountry(code))
          problems.add(`priorityCountries.${i}`, `${code} is not an ASEM partner country`);
      });
      problems.throwIfAny();
      const goals = { ...input, priorityCountries: [...new Set(priorityCountries)].sort() };
      await balanceGoals.save(goals, user.id, now());
      return goals;
    },
  };
}
