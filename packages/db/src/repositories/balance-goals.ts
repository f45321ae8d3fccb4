// The secretariat's balance goals: one row, created with the defaults on first read.
import { eq } from 'drizzle-orm';
import { defaultBalanceGoals, type BalanceGoals } from '@twinning/core/balance/goals';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';

export function createBalanceGoalRepository(db: Db) {
  const { balanceGoals } = tablesFor(db);
  return {
    async current(): Promise<BalanceGoals> {
      const [row] = await db.select().from(balanceGoals).where(eq(balanceGoals.id, 'current'));
      if (!row) return { ...defaultBalanceGoals };
      return {
        asiaShareTarget: row.asiaShareTarget,
        maxCountryShare: row.maxCountryShare,
        balanceWeight: row.balanceWeight,
        priorityCountries: row.priorityCountries,
      };
    },

    async save(goals: BalanceGoals, by: string | null, at: Date): Promise<void> {
      await db
        .insert(balanceGoals)
        .values({ id: 'current', ...goals, updatedBy: by, updatedAt: at })
        .onConflictDoUpdate({
          target: balanceGoals.id,
          set: { ...goals, updatedBy: by, updatedAt: at },
        });
    },
  };
}
