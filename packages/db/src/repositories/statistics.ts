// Every figure of the platform, aggregated in SQL so it stays fast as the tables grow: the
// public summary, the agreed partnerships per country the matcher's balance reads, and the
// secretariat's figures — offers and partnership requests per key of one dimension (country,
// region pair, format, ISCED-F field, SDG, theme, month) and the agreed partnerships the balance
// report reads. Labels and derived figures (rates, medians, concentration) are the service's,
// from @twinning/core.
import { count, eq, sql, type SQL } from 'drizzle-orm';
import { defaultBalanceGoals } from '@twinning/core/balance/goals';
import type { PartnershipCounts } from '@twinning/core/matching/balance';
import { balanceFigures, type BalanceFigures } from '@twinning/core/statistics/balance';
import { median, share } from '@twinning/core/statistics/median';
import { iscedBroad } from '@twinning/core/vocabulary/isced';
import { sdgs } from '@twinning/core/vocabulary/sdgs';
import type { Db } from '../client.ts';
import { rows as selectRows, tablesFor } from '../dialect.ts';
import { dialectOfDb } from '../transaction.ts';

export type Dimension = 'country' | 'regionPair' | 'format' | 'field' | 'sdg' | 'theme' | 'month';

export interface StatsFilter {
  /** Inclusive `YYYY-MM-DD` bounds on when an offer was posted or a request made (UTC). */
  from?: string;
  to?: string;
  region?: 'asia' | 'europe';
}

export interface KeyFigures {
  key: string;
  offers: number;
  openOffers: number;
  requests: number;
  accepted: number;
  completed: number;
  declined: number;
  studentsAsia: number;
  studentsEurope: number;
  /** Days from the requesting offer's posting to acceptance, one per accepted partnership. */
  daysToMatch: number[];
}

export interface AgreedFigures {
  agreed: number;
  /** Of those, requested from an Asian offer. */
  fromAsia: number;
  studentsAsia: number;
  studentsEurope: number;
  months: { month: string; fromAsia: number; fromEurope: number }[];
  sidesByCountry: Map<string, number>;
  sidesByInstitution: Map<string, number>;
}

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

const dayMs = 86_400_000;

function startMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** `column` (ms) within the filter's inclusive dates, as SQL. */
function inPeriod(column: SQL, filter: StatsFilter): SQL {
  const parts: SQL[] = [sql`1`];
  if (filter.from) parts.push(sql`${column} >= ${startMs(filter.from)}`);
  if (filter.to) parts.push(sql`${column} < ${startMs(filter.to) + dayMs}`);
  return sql.join(parts, sql` and `);
}

/**
 * The key of an offer `o` (offer-level dimensions), with the joins it needs. For `field`, the
 * broad field, or the narrow fields of `broad` when given.
 */
function offerKey(
  by: Dimension,
  broad?: string,
  offerId: SQL = sql`o.id`,
): { key: SQL; join: SQL; where: SQL } {
  switch (by) {
    case 'country':
      return { key: sql`o.country`, join: sql``, where: sql`1` };
    case 'format':
      return { key: sql`o.format`, join: sql``, where: sql`1` };
    case 'field':
      return broad
        ? {
            key: sql`f.narrow`,
            join: sql`join offer_fields f on f.offer_id = ${offerId}`,
            where: sql`f.broad = ${broad}`,
          }
        : {
            key: sql`f.broad`,
            join: sql`join offer_fields f on f.offer_id = ${offerId}`,
            where: sql`1`,
          };
    case 'sdg':
      return {
        key: sql`cast(s.sdg as text)`,
        join: sql`join offer_sdgs s on s.offer_id = ${offerId}`,
        where: sql`1`,
      };
    case 'theme':
      return {
        key: sql`t.theme`,
        join: sql`join offer_themes t on t.offer_id = ${offerId}`,
        where: sql`1`,
      };
    case 'month':
      return {
        key: sql`strftime('%Y-%m', o.created_at / 1000, 'unixepoch')`,
        join: sql``,
        where: sql`1`,
      };
    case 'regionPair':
      return { key: sql`o.region || '→' || o.seeking_region`, join: sql``, where: sql`1` };
  }
}

/** The keys of a dimension kept as bit sets, each with its bit, and the columns holding them. */
interface BitKeys {
  keys: [key: string, bit: number][];
  offerColumn: 'broad_mask' | 'sdg_mask';
  columns: ['a_broad_mask', 'b_broad_mask'] | ['a_sdg_mask', 'b_sdg_mask'];
}

function bitKeys(by: 'field' | 'sdg'): BitKeys {
  return by === 'field'
    ? {
        // ISCED-F broad codes 00–10: bit n for code n (what the triggers set).
        keys: iscedBroad.map((f) => [f.code, Number(f.code)]),
        offerColumn: 'broad_mask',
        columns: ['a_broad_mask', 'b_broad_mask'],
      }
    : {
        keys: sdgs.map((g) => [String(g.number), g.number]),
        offerColumn: 'sdg_mask',
        columns: ['a_sdg_mask', 'b_sdg_mask'],
      };
}

/** A key with nothing counted yet. */
export function emptyFigures(key: string): KeyFigures {
  return {
    key,
    offers: 0,
    openOffers: 0,
    requests: 0,
    accepted: 0,
    completed: 0,
    declined: 0,
    studentsAsia: 0,
    studentsEurope: 0,
    daysToMatch: [],
  };
}

export function createStatisticsRepository(db: Db) {
  const { balanceGoals, institutions } = tablesFor(db);
  function all<T>(query: SQL): T[] {
    return db.all<T>(query);
  }

  /** Offers and open offers per key of `by` (one row `total` when undefined). */
  function offerFigures(
    by: Dimension | undefined,
    filter: StatsFilter,
    today: string,
    broad?: string,
  ) {
    const k = by ? offerKey(by, broad) : { key: sql`'total'`, join: sql``, where: sql`1` };
    const distinct = by === 'field' || by === 'sdg' || by === 'theme';
    return all<{ key: string; offers: number; openOffers: number }>(sql`
      select ${k.key} as key,
             ${
               distinct
                 ? sql`count(distinct o.id) as offers,
             count(distinct case when o.status = 'open' and o.end_date >= ${today} then o.id end) as openOffers`
                 : sql`count(*) as offers,
             coalesce(sum(case when o.status = 'open' and o.end_date >= ${today} then 1 else 0 end), 0) as openOffers`
             }
      from offers o ${by === 'country' ? sql`indexed by offers_stats_scan_idx` : sql``} ${k.join}
      where o.hidden_at is null and ${k.where}
        and ${filter.region ? sql`o.region = ${filter.region}` : sql`1`}
        and ${inPeriod(sql`o.created_at`, filter)}
      group by 1`);
  }

  /**
   * Partnership figures per key of a dimension with one key per side (or `total`), and the
   * whole selection: one grouped pass over the pairs of side keys and regions (for countries in
   * index order, without a sort), folded here into per-key rows — a partnership whose two sides
   * share the key counts once for it. Each group carries its days to match as a list.
   */
  function pairFigures(
    by: 'country' | 'format' | 'regionPair' | 'month' | undefined,
    filter: StatsFilter,
  ): { byKey: Map<string, KeyFigures>; total: KeyFigures } {
    const month = sql`strftime('%Y-%m', p.created_at / 1000, 'unixepoch')`;
    const pair = sql`p.a_region || '→' || p.b_region`;
    const [aKey, bKey, index] =
      by === 'country'
        ? [sql`p.a_country`, sql`p.b_country`, sql`partnerships_pairs_idx`]
        : by === 'format'
          ? [sql`p.a_format`, sql`p.b_format`, sql`partnerships_stats_idx`]
          : by === 'month'
            ? [month, month, sql`partnerships_stats_idx`]
            : by === 'regionPair'
              ? [pair, pair, sql`partnerships_stats_idx`]
              : [sql`'total'`, sql`'total'`, sql`partnerships_stats_idx`];
    const groups = all<{
      ak: string | null;
      bk: string | null;
      ar: string | null;
      br: string | null;
      n: number;
      accepted: number;
      completed: number;
      declined: number;
      sa: number;
      sb: number;
      days: string | null;
    }>(sql`
      select ${aKey} as ak, ${bKey} as bk, p.a_region as ar, p.b_region as br, count(*) as n,
             sum(p.status in ('accepted', 'completed')) as accepted,
             sum(p.status = 'completed') as completed,
             sum(p.status = 'declined') as declined,
             coalesce(sum(case when p.status = 'completed' then p.students_a end), 0) as sa,
             coalesce(sum(case when p.status = 'completed' then p.students_b end), 0) as sb,
             group_concat(case when p.status in ('accepted', 'completed')
               then p.decided_at - p.a_posted_at end) as days
      from partnerships p indexed by ${index}
      where ${inPeriod(sql`p.created_at`, filter)}
      group by 1, 2, 3, 4`);

    const byKey = new Map<string, KeyFigures>();
    const total = emptyFigures('total');
    const row = (key: string) => {
      let found = byKey.get(key);
      if (!found) byKey.set(key, (found = emptyFigures(key)));
      return found;
    };
    const inRegion = (region: string | null) => !filter.region || region === filter.region;
    const addStudents = (r: KeyFigures, region: string | null, students: number) => {
      if (region === 'asia') r.studentsAsia += students;
      else if (region === 'europe') r.studentsEurope += students;
    };
    const count = (r: KeyFigures, g: (typeof groups)[number], days: number[]) => {
      r.requests += g.n;
      r.accepted += g.accepted;
      r.completed += g.completed;
      r.declined += g.declined;
      for (const d of days) r.daysToMatch.push(d);
    };
    for (const g of groups) {
      const aIn = inRegion(g.ar);
      const bIn = inRegion(g.br);
      if (!aIn && !bIn) continue;
      // Whole milliseconds (integers print faster than reals), in days here.
      const days = g.days === null ? [] : g.days.split(',').map((ms) => Number(ms) / dayMs);
      // The keys this partnership counts for: its sides' in the region, each once.
      if (aIn && g.ak !== null) count(row(g.ak), g, days);
      if (bIn && g.bk !== null && !(aIn && g.bk === g.ak)) count(row(g.bk), g, days);
      count(total, g, days);
      if (aIn) {
        if (g.ak !== null) addStudents(row(g.ak), g.ar, g.sa);
        addStudents(total, g.ar, g.sa);
      }
      if (bIn) {
        if (g.bk !== null) addStudents(row(g.bk), g.br, g.sb);
        addStudents(total, g.br, g.sb);
      }
    }
    return { byKey, total };
  }

  /**
   * Partnership figures per broad field or SDG from the sides' bit sets: each partnership
   * joined to the keys its counted sides have (a key both sides share counts once), in one
   * pass over a covering index; students count per side that has the key.
   */
  function bitSetFigures(bits: BitKeys, filter: StatsFilter): Map<string, KeyFigures> {
    const [a, b] = bits.columns;
    const aIn = filter.region ? sql`p.a_region = ${filter.region}` : sql`1`;
    const bIn = filter.region ? sql`p.b_region = ${filter.region}` : sql`1`;
    const has = (column: string) => sql`((p.${sql.raw(column)} >> k.bit) & 1)`;
    const studentsOf = (
      region: 'asia' | 'europe',
    ) => sql`coalesce(sum(case when p.status = 'completed' then
          (case when ${aIn} and ${has(a)} and p.a_region = ${region} then coalesce(p.students_a, 0) else 0 end) +
          (case when ${bIn} and ${has(b)} and p.b_region = ${region} then coalesce(p.students_b, 0) else 0 end)
        end), 0)`;
    const rows = all<
      Omit<KeyFigures, 'offers' | 'openOffers' | 'daysToMatch'> & { days: string | null }
    >(sql`
      with k(key, bit) as (values ${sql.join(
        bits.keys.map(([key, bit]) => sql`(${key}, ${sql.raw(String(bit))})`),
        sql`, `,
      )})
      select k.key as key, count(*) as requests,
             sum(p.status in ('accepted', 'completed')) as accepted,
             sum(p.status = 'completed') as completed,
             sum(p.status = 'declined') as declined,
             ${studentsOf('asia')} as studentsAsia,
             ${studentsOf('europe')} as studentsEurope,
             group_concat(case when p.status in ('accepted', 'completed')
               then p.decided_at - p.a_posted_at end) as days
      from k join partnerships p indexed by partnerships_masks_idx
        on (((case when ${aIn} then p.${sql.raw(a)} else 0 end) |
             (case when ${bIn} then p.${sql.raw(b)} else 0 end)) >> k.bit) & 1
      where ${inPeriod(sql`p.created_at`, filter)}
      group by k.key`);
    const byKey = new Map<string, KeyFigures>();
    for (const { days, ...r } of rows) {
      const daysToMatch = days === null ? [] : days.split(',').map((ms) => Number(ms) / dayMs);
      byKey.set(r.key, { ...emptyFigures(r.key), ...r, daysToMatch });
    }
    return byKey;
  }

  /** Offers and open offers per broad field or SDG, from the offers' bit sets in one pass. */
  function bitSetOfferFigures(bits: BitKeys, filter: StatsFilter, today: string) {
    return all<{ key: string; offers: number; openOffers: number }>(sql`
      with k(key, bit) as (values ${sql.join(
        bits.keys.map(([key, bit]) => sql`(${key}, ${sql.raw(String(bit))})`),
        sql`, `,
      )})
      select k.key as key, count(*) as offers,
             coalesce(sum(o.status = 'open' and o.end_date >= ${today}), 0) as openOffers
      from k join offers o indexed by offers_masks_idx on ((o.${sql.raw(bits.offerColumn)} >> k.bit) & 1)
      where o.hidden_at is null
        and ${filter.region ? sql`o.region = ${filter.region}` : sql`1`}
        and ${inPeriod(sql`o.created_at`, filter)}
      group by k.key`);
  }

  /**
   * Partnership figures per key of fields, SDGs or themes, which an offer may have several of:
   * each partnership as two sides joined to their offers' keys, counted once per key.
   */
  function multiValuedFigures(
    by: 'field' | 'sdg' | 'theme',
    filter: StatsFilter,
    broad?: string,
  ): Map<string, KeyFigures> {
    const k = offerKey(by, broad, sql`side.oid`);
    const side = (letter: 'a' | 'b', offerColumn: string, students: string) =>
      sql.raw(`select p.id as pid, p.status as st, p.decided_at,
               p.${letter}_region as region, p.a_posted_at as posted, p.${offerColumn} as oid,
               p.${students} as students
        from partnerships p indexed by partnerships_stats_idx`);
    const period = inPeriod(sql`p.created_at`, filter);
    const perSide = sql`(
      with side as (
        ${side('a', 'offer_id', 'students_a')} where ${period}
        union all
        ${side('b', 'partner_offer_id', 'students_b')} where ${period}
      )
      select distinct side.pid, side.oid, side.st, side.students, side.region, side.decided_at,
             side.posted, ${k.key} as key
      from side ${k.join}
      where ${k.where} and ${filter.region ? sql`side.region = ${filter.region}` : sql`1`})`;
    // Days to match ride along as "partnership id, days" items, distinct: once per key and
    // partnership even when both sides share the key.
    const counts = all<
      Omit<KeyFigures, 'offers' | 'openOffers' | 'daysToMatch'> & { days: string | null }
    >(sql`
      select key,
             count(distinct pid) as requests,
             count(distinct case when st in ('accepted', 'completed') then pid end) as accepted,
             count(distinct case when st = 'completed' then pid end) as completed,
             count(distinct case when st = 'declined' then pid end) as declined,
             coalesce(sum(case when st = 'completed' and region = 'asia' then students end), 0) as studentsAsia,
             coalesce(sum(case when st = 'completed' and region = 'europe' then students end), 0) as studentsEurope,
             group_concat(distinct case when st in ('accepted', 'completed') and decided_at is not null
               and posted is not null then pid || char(31) || ((decided_at - posted) / 86400000.0) end) as days
      from ${perSide}
      group by key`);
    const byKey = new Map<string, KeyFigures>();
    for (const { days, ...c } of counts) {
      if (c.key === null) continue;
      const daysToMatch =
        days === null
          ? []
          : days.split(',').map((item) => Number(item.slice(item.indexOf('\x1f') + 1)));
      byKey.set(c.key, { ...emptyFigures(c.key), ...c, daysToMatch });
    }
    return byKey;
  }

  return {
    /** Agreed partnerships per country (each side once) and by the requesting region. */
    async partnershipCounts(): Promise<PartnershipCounts> {
      // Grouped by the pair of side countries in the order of their index: a few hundred rows
      // however many partnerships (every suggestion reads this).
      type PairRow = { aCountry: string; aRegion: string; bCountry: string; n: number };
      const rows: PairRow[] =
        dialectOfDb(db) === 'postgres'
          ? // PostgreSQL plans the same pass over partnerships_pairs_idx by itself.
            await selectRows<PairRow>(
              db,
              sql`select p.a_country as "aCountry", p.a_region as "aRegion",
                         p.b_country as "bCountry", count(*)::integer as n
                  from partnerships p
                  where p.status in ('accepted', 'completed')
                  group by p.a_country, p.b_country, p.a_region`,
            )
          : db.all<PairRow>(sql`
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
        for (const ms of row.days?.split(',') ?? []) days.push(Number(ms) / dayMs);
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

    /**
     * The breakdown table of `by` with its totals. A partnership counts for a key when either
     * side's offer has it (once, however many of its fields or SDGs match); month and region
     * pair are the request's own. Students count on completed partnerships, each side's for its
     * region. With a region, only the sides in that region count.
     */
    async table(
      by: Dimension,
      filter: StatsFilter,
      today: string,
      broad?: string,
    ): Promise<{ rows: KeyFigures[]; total: KeyFigures }> {
      const multiValued = by === 'field' || by === 'sdg' || by === 'theme';
      const single = multiValued ? pairFigures(undefined, filter) : pairFigures(by, filter);
      const total = single.total;
      // Broad fields and SDGs are bit sets on offers and partnerships: one pass each.
      const bits = (by === 'field' && !broad) || by === 'sdg' ? bitKeys(by) : undefined;
      const byKey = bits
        ? bitSetFigures(bits, filter)
        : multiValued
          ? multiValuedFigures(by, filter, broad)
          : single.byKey;
      const offerRows = bits
        ? bitSetOfferFigures(bits, filter, today)
        : offerFigures(by, filter, today, broad);
      const row = (key: string) => {
        let found = byKey.get(key);
        if (!found) byKey.set(key, (found = emptyFigures(key)));
        return found;
      };
      for (const r of offerRows) {
        if (r.key === null) continue;
        Object.assign(row(r.key), { offers: r.offers, openOffers: r.openOffers });
      }
      if (multiValued) {
        // An offer may have several keys: the whole selection is counted once, on its own.
        const [all] = offerFigures(undefined, filter, today);
        Object.assign(total, { offers: all?.offers ?? 0, openOffers: all?.openOffers ?? 0 });
      } else {
        // One key per offer: the keys' counts add up to the whole.
        for (const r of offerRows) {
          total.offers += r.offers;
          total.openOffers += r.openOffers;
        }
      }
      return { rows: [...byKey.values()], total };
    },

    /**
     * Agreed partnerships decided within the filter's dates, aggregated: how many, how many were
     * requested from Asia, students per side, per month of decision, and sides per country and
     * per institution. All from the partnerships' covering index.
     */
    async agreed(filter: StatsFilter): Promise<AgreedFigures> {
      const agreedIn = (index: string) => sql`
        from partnerships p indexed by ${sql.raw(index)}
        where p.status in ('accepted', 'completed') and p.decided_at is not null
          and ${inPeriod(sql`p.decided_at`, filter)}`;
      // Per day of decision (UTC; an integer to group, cheaper than formatting each date) and
      // requesting region, gathered into months here; the totals are their sums.
      const days = all<{
        day: number;
        aRegion: string;
        n: number;
        studentsAsia: number;
        studentsEurope: number;
      }>(sql`
        select p.decided_at / ${sql.raw(String(dayMs))} as day, p.a_region as aRegion,
               count(*) as n,
               coalesce(sum((case when p.a_region = 'asia' then coalesce(p.students_a, 0) else 0 end) +
                 (case when p.b_region = 'asia' then coalesce(p.students_b, 0) else 0 end)), 0) as studentsAsia,
               coalesce(sum((case when p.a_region = 'europe' then coalesce(p.students_a, 0) else 0 end) +
                 (case when p.b_region = 'europe' then coalesce(p.students_b, 0) else 0 end)), 0) as studentsEurope
        ${agreedIn('partnerships_agreed_idx')}
        group by 1, 2 order by 1`);
      const totals = { agreed: 0, fromAsia: 0, studentsAsia: 0, studentsEurope: 0 };
      const perMonth = new Map<string, { month: string; fromAsia: number; fromEurope: number }>();
      for (const m of days) {
        totals.agreed += m.n;
        totals.studentsAsia += m.studentsAsia;
        totals.studentsEurope += m.studentsEurope;
        const key = new Date(m.day * dayMs).toISOString().slice(0, 7);
        let month = perMonth.get(key);
        if (!month) perMonth.set(key, (month = { month: key, fromAsia: 0, fromEurope: 0 }));
        if (m.aRegion === 'asia') {
          totals.fromAsia += m.n;
          month.fromAsia += m.n;
        } else if (m.aRegion === 'europe') month.fromEurope += m.n;
      }
      // Sides per country from the pairs of countries (grouped in index order), per
      // institution from each side's column.
      const sidesByCountry = new Map<string, number>();
      const add = (map: Map<string, number>, key: string | null, n: number) => {
        if (key !== null) map.set(key, (map.get(key) ?? 0) + n);
      };
      for (const r of all<{ a: string | null; b: string | null; n: number }>(sql`
        select p.a_country as a, p.b_country as b, count(*) as n
        ${agreedIn('partnerships_pairs_idx')} group by 1, 2`)) {
        add(sidesByCountry, r.a, r.n);
        add(sidesByCountry, r.b, r.n);
      }
      const sidesByInstitution = new Map<string, number>();
      for (const column of ['a_institution_id', 'b_institution_id']) {
        for (const r of all<{ key: string | null; n: number }>(sql`
          select p.${sql.raw(column)} as key, count(*) as n
          ${agreedIn('partnerships_agreed_idx')} group by 1`)) {
          add(sidesByInstitution, r.key, r.n);
        }
      }
      return { ...totals, months: [...perMonth.values()], sidesByCountry, sidesByInstitution };
    },

    /** Offers posted within the filter's dates, per country and per institution. */
    async offerCounts(
      filter: StatsFilter,
    ): Promise<{ byCountry: Map<string, number>; byInstitution: Map<string, number> }> {
      const rows = all<{ country: string; institutionId: string; n: number }>(sql`
        select o.country, o.institution_id as institutionId, count(*) as n
        from offers o indexed by offers_institution_stats_idx
        where o.hidden_at is null and ${inPeriod(sql`o.created_at`, filter)}
        group by o.institution_id, o.country`);
      const byCountry = new Map<string, number>();
      const byInstitution = new Map<string, number>();
      for (const r of rows) {
        byCountry.set(r.country, (byCountry.get(r.country) ?? 0) + r.n);
        byInstitution.set(r.institutionId, (byInstitution.get(r.institutionId) ?? 0) + r.n);
      }
      return { byCountry, byInstitution };
    },

    async institutionNames(ids: string[]): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        if (chunk.length === 0) continue;
        const rows = all<{ id: string; name: string }>(
          sql`select id, name from institutions where id in (${sql.join(
            chunk.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        );
        for (const r of rows) names.set(r.id, r.name);
      }
      return names;
    },
  };
}

export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
