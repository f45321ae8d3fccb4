// Aggregates for the public summary; computed in SQL so they stay fast as the tables grow.
import { count, countDistinct, eq, isNull, sql } from 'drizzle-orm';
import { balanceFigures, type BalanceFigures } from '@twinning/core/statistics/balance';
import { median, msPerDay, share } from '@twinning/core/statistics/median';
import { defaultBalanceGoals } from '@twinning/core/balance/goals';
import type { PartnershipCounts } from '@twinning/core/matching/balance';
import type { Db } from '../client.ts';
import { balanceGoals, institutions, offers, partnerships } from '../schema.ts';

export interface Summary {
  offers: number;
  openOffers: number;
  partnerships: number;
  accepted: number;
  completed: number;
  acceptanceRate: number | null;
  medianDaysToMatch: number | null;
  countries: number;
  institutions: number;
  balance: BalanceFigures;
}

export function createStatsRepository(db: Db) {
  return {
    /** Agreed partnerships per country (each side once) and by the requesting region. */
    async partnershipCounts(): Promise<PartnershipCounts> {
      const rows = db.all<{ aCountry: string; aRegion: string; bCountry: string }>(sql`
        select p.a_country as aCountry, p.a_region as aRegion, p.b_country as bCountry
        from partnerships p indexed by partnerships_stats_idx
        where p.status in ('accepted', 'completed')`);
      const byCountry = new Map<string, number>();
      let fromAsia = 0;
      for (const r of rows) {
        byCountry.set(r.aCountry, (byCountry.get(r.aCountry) ?? 0) + 1);
        byCountry.set(r.bCountry, (byCountry.get(r.bCountry) ?? 0) + 1);
        if (r.aRegion === 'asia') fromAsia++;
      }
      return { byCountry, total: rows.length * 2, fromAsia, fromEurope: rows.length - fromAsia };
    },

    /** `today` is `YYYY-MM-DD`: offers whose end date has passed no longer count as open. */
    async summary(today: string): Promise<Summary> {
      const visible = isNull(offers.hiddenAt);
      const [offerRow] = await db
        .select({
          offers: count(),
          openOffers: sql<number>`coalesce(sum(case when ${offers.status} = 'open' and ${offers.endDate} >= ${today} then 1 else 0 end), 0)`,
          countries: countDistinct(offers.country),
        })
        .from(offers)
        .where(visible);
      const [partnershipRow] = await db
        .select({
          partnerships: count(),
          accepted: sql<number>`coalesce(sum(case when ${partnerships.status} in ('accepted','completed') then 1 else 0 end), 0)`,
          completed: sql<number>`coalesce(sum(case when ${partnerships.status} = 'completed' then 1 else 0 end), 0)`,
          declined: sql<number>`coalesce(sum(case when ${partnerships.status} = 'declined' then 1 else 0 end), 0)`,
        })
        .from(partnerships);
      const [institutionRow] = await db.select({ n: count() }).from(institutions);

      // Each side's region and the requesting offer's posting time are on the partnership
      // (copied when it was stored), so one covering index answers this without the offers.
      const flows = db.all<{
        region: 'asia' | 'europe' | null;
        partnerRegion: 'asia' | 'europe' | null;
        n: number;
        studentsA: number;
        studentsB: number;
      }>(sql`
        select p.a_region as region, p.b_region as partnerRegion, count(*) as n,
               coalesce(sum(p.students_a), 0) as studentsA, coalesce(sum(p.students_b), 0) as studentsB
        from partnerships p indexed by partnerships_agreed_idx
        where p.status in ('accepted', 'completed')
        group by 1, 2`);
      const counts = { fromAsia: 0, fromEurope: 0, studentsAsia: 0, studentsEurope: 0 };
      for (const f of flows) {
        if (f.region === 'asia') counts.fromAsia += f.n;
        else counts.fromEurope += f.n;
        if (f.region === 'asia') counts.studentsAsia += f.studentsA;
        else counts.studentsEurope += f.studentsA;
        if (f.partnerRegion === 'asia') counts.studentsAsia += f.studentsB;
        else counts.studentsEurope += f.studentsB;
      }
      const days = db
        .values<[number]>(
          sql`
          select p.decided_at - p.a_posted_at
          from partnerships p indexed by partnerships_agreed_idx
          where p.status in ('accepted', 'completed') and p.decided_at is not null
            and p.a_posted_at is not null`,
        )
        .map((r) => r[0] / msPerDay);
      const [goals] = await db
        .select({ asiaShareTarget: balanceGoals.asiaShareTarget })
        .from(balanceGoals)
        .where(eq(balanceGoals.id, 'current'));

      const accepted = Number(partnershipRow?.accepted ?? 0);
      const declined = Number(partnershipRow?.declined ?? 0);
      const medianDays = median(days);
      return {
        offers: offerRow?.offers ?? 0,
        openOffers: Number(offerRow?.openOffers ?? 0),
        partnerships: partnershipRow?.partnerships ?? 0,
        accepted,
        completed: Number(partnershipRow?.completed ?? 0),
        acceptanceRate: share(accepted, accepted + declined),
        medianDaysToMatch: medianDays === null ? null : Math.round(medianDays * 10) / 10,
        countries: offerRow?.countries ?? 0,
        institutions: institutionRow?.n ?? 0,
        balance: balanceFigures(
          counts,
          goals?.asiaShareTarget ?? defaultBalanceGoals.asiaShareTarget,
        ),
      };
    },
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
