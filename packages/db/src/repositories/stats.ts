// Aggregates for the public summary; computed in SQL so they stay fast as the tables grow.
import { count, eq, sql } from 'drizzle-orm';
import { balanceFigures, type BalanceFigures } from '@twinning/core/statistics/balance';
import { median, msPerDay, share } from '@twinning/core/statistics/median';
import { defaultBalanceGoals } from '@twinning/core/balance/goals';
import type { PartnershipCounts } from '@twinning/core/matching/balance';
import type { Db } from '../client.ts';
import { balanceGoals, institutions } from '../schema.ts';

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
      // Grouped by the pair of side countries in the order of their index: a few hundred rows
      // however many partnerships (every suggestion reads this).
      const rows = db.all<{ aCountry: string; aRegion: string; bCountry: string; n: number }>(sql`
        select p.a_country as aCountry, p.a_region as aRegion, p.b_country as bCountry,
               count(*) as n
        from partnerships p indexed by partnerships_pairs_idx
        where p.status in ('accepted', 'completed')
        group by p.a_country, p.b_country, p.a_region`);
      const byCountry = new Map<string, number>();
      let agreed = 0;
      let fromAsia = 0;
      for (const r of rows) {
        byCountry.set(r.aCountry, (byCountry.get(r.aCountry) ?? 0) + r.n);
        byCountry.set(r.bCountry, (byCountry.get(r.bCountry) ?? 0) + r.n);
        agreed += r.n;
        if (r.aRegion === 'asia') fromAsia += r.n;
      }
      return { byCountry, total: agreed * 2, fromAsia, fromEurope: agreed - fromAsia };
    },

    /** `today` is `YYYY-MM-DD`: offers whose end date has passed no longer count as open. */
    async summary(today: string): Promise<Summary> {
      // Per country in the order of a covering index (no set of distinct countries to build).
      const perCountry = db.all<{ n: number; open: number }>(sql`
        select count(*) as n,
               coalesce(sum(o.status = 'open' and o.end_date >= ${today}), 0) as open
        from offers o indexed by offers_stats_scan_idx
        where o.hidden_at is null
        group by o.country`);
      const offerRow = {
        offers: perCountry.reduce((sum, c) => sum + c.n, 0),
        openOffers: perCountry.reduce((sum, c) => sum + c.open, 0),
        countries: perCountry.length,
      };
      const [institutionRow] = await db.select({ n: count() }).from(institutions);

      // One pass per status over a covering index, in its order: each side's region and the
      // requesting offer's posting time are on the partnership (copied when it was stored), so
      // no offer is read. Days to match ride along as whole milliseconds.
      const byStatus = db.all<{
        status: string;
        n: number;
        fromAsia: number;
        studentsAsia: number;
        studentsEurope: number;
        days: string | null;
      }>(sql`
        select p.status as status, count(*) as n,
               coalesce(sum(p.a_region = 'asia'), 0) as fromAsia,
               coalesce(sum(case when p.a_region = 'asia' then coalesce(p.students_a, 0) else 0 end +
                 case when p.b_region = 'asia' then coalesce(p.students_b, 0) else 0 end), 0) as studentsAsia,
               coalesce(sum(case when p.a_region = 'asia' then 0 else coalesce(p.students_a, 0) end +
                 case when p.b_region = 'asia' then 0 else coalesce(p.students_b, 0) end), 0) as studentsEurope,
               group_concat(p.decided_at - p.a_posted_at) as days
        from partnerships p indexed by partnerships_agreed_idx
        group by p.status`);
      const partnershipRow = { partnerships: 0, accepted: 0, completed: 0, declined: 0 };
      const counts = { fromAsia: 0, fromEurope: 0, studentsAsia: 0, studentsEurope: 0 };
      const days: number[] = [];
      for (const row of byStatus) {
        partnershipRow.partnerships += row.n;
        if (row.status === 'declined') partnershipRow.declined += row.n;
        if (row.status !== 'accepted' && row.status !== 'completed') continue;
        if (row.status === 'completed') partnershipRow.completed += row.n;
        partnershipRow.accepted += row.n;
        counts.fromAsia += row.fromAsia;
        counts.fromEurope += row.n - row.fromAsia;
        counts.studentsAsia += row.studentsAsia;
        counts.studentsEurope += row.studentsEurope;
        for (const ms of row.days?.split(',') ?? []) days.push(Number(ms) / msPerDay);
      }
      const [goals] = await db
        .select({ asiaShareTarget: balanceGoals.asiaShareTarget })
        .from(balanceGoals)
        .where(eq(balanceGoals.id, 'current'));

      const { accepted, declined } = partnershipRow;
      const medianDays = median(days);
      return {
        offers: offerRow.offers,
        openOffers: offerRow.openOffers,
        partnerships: partnershipRow.partnerships,
        accepted,
        completed: partnershipRow.completed,
        acceptanceRate: share(accepted, accepted + declined),
        medianDaysToMatch: medianDays === null ? null : Math.round(medianDays * 10) / 10,
        countries: offerRow.countries,
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
