// Aggregates for the public summary; computed in SQL so they stay fast as the tables grow.
import { count, countDistinct, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
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
      const requester = alias(offers, 'requester');
      const rows = await db
        .select({
          aCountry: requester.country,
          aRegion: requester.region,
          bCountry: offers.country,
        })
        .from(partnerships)
        .innerJoin(requester, eq(requester.id, partnerships.offerId))
        .innerJoin(offers, eq(offers.id, partnerships.partnerOfferId))
        .where(inArray(partnerships.status, ['accepted', 'completed']));
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

      const requester = alias(offers, 'requester');
      const agreed = inArray(partnerships.status, ['accepted', 'completed']);
      const flows = await db
        .select({
          region: requester.region,
          offerCreatedAt: requester.createdAt,
          decidedAt: partnerships.decidedAt,
          studentsA: partnerships.studentsA,
          studentsB: partnerships.studentsB,
          partnerRegion: offers.region,
        })
        .from(partnerships)
        .innerJoin(requester, eq(requester.id, partnerships.offerId))
        .innerJoin(offers, eq(offers.id, partnerships.partnerOfferId))
        .where(agreed);

      const counts = { fromAsia: 0, fromEurope: 0, studentsAsia: 0, studentsEurope: 0 };
      const days: number[] = [];
      for (const f of flows) {
        if (f.region === 'asia') counts.fromAsia++;
        else counts.fromEurope++;
        const a = f.studentsA ?? 0;
        const b = f.studentsB ?? 0;
        if (f.region === 'asia') counts.studentsAsia += a;
        else counts.studentsEurope += a;
        if (f.partnerRegion === 'asia') counts.studentsAsia += b;
        else counts.studentsEurope += b;
        if (f.decidedAt) days.push((f.decidedAt.getTime() - f.offerCreatedAt.getTime()) / msPerDay);
      }
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
