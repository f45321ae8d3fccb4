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
import type { Db, Dialect } from '../client.ts';
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

/**
 * The SQL that differs between the dialects, as fragments the statistics queries share: SQLite
 * keeps times as milliseconds and is told its covering index (`indexed by`); PostgreSQL keeps
 * `timestamptz` and picks the index by itself.
 */
function sqlFor(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    /** SQLite's `indexed by`; nothing on PostgreSQL. */
    indexedBy: (index: string) => (pg ? sql`` : sql`indexed by ${sql.raw(index)}`),
    /** The values of `value` (null skipped) as one comma-separated text. */
    list: (value: SQL, distinct = false) =>
      pg
        ? sql`string_agg(${distinct ? sql`distinct ` : sql``}cast(${value} as text), ',')`
        : sql`group_concat(${distinct ? sql`distinct ` : sql``}${value})`,
    /** Whole milliseconds from `earlier` to `later` (null when either is). */
    msBetween: (later: SQL, earlier: SQL) =>
      pg
        ? sql`cast(extract(epoch from ${later} - ${earlier}) * 1000 as bigint)`
        : sql`(${later} - ${earlier})`,
    /** `YYYY-MM` of a time, in UTC. */
    month: (at: SQL) =>
      pg
        ? sql`to_char(${at} at time zone 'UTC', 'YYYY-MM')`
        : sql`strftime('%Y-%m', ${at} / 1000, 'unixepoch')`,
    /** The UTC day of a time, as days since 1970-01-01. */
    day: (at: SQL) =>
      pg
        ? sql`cast(floor(extract(epoch from ${at}) / 86400) as integer)`
        : sql`(${at} / ${sql.raw(String(dayMs))})`,
    /** A time given in milliseconds, as the dialect compares it with a time column. */
    at: (ms: number) => (pg ? sql`cast(${new Date(ms).toISOString()} as timestamptz)` : sql`${ms}`),
    /** A separator character that no id contains (unit separator, U+001F). */
    separator: pg ? sql`chr(31)` : sql`char(31)`,
  };
}
type DialectSql = ReturnType<typeof sqlFor>;

/** `column` (a time) within the filter's inclusive dates, as SQL. */
function inPeriod(d: DialectSql, column: SQL, filter: StatsFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.from) parts.push(sql`${column} >= ${d.at(startMs(filter.from))}`);
  if (filter.to) parts.push(sql`${column} < ${d.at(startMs(filter.to) + dayMs)}`);
  return sql.join(parts, sql` and `);
}

/** An integer result, whichever integer type the dialect's aggregate returns (pg: bigint). */
function int(value: SQL): SQL {
  return sql`cast(${value} as integer)`;
}

/**
 * The key of an offer `o` (offer-level dimensions), with the joins it needs. For `field`, the
 * broad field, or the narrow fields of `broad` when given.
 */
function offerKey(
  d: DialectSql,
  by: Dimension,
  broad?: string,
  offerId: SQL = sql`o.id`,
): { key: SQL; join: SQL; where: SQL } {
  switch (by) {
    case 'country':
      return { key: sql`o.country`, join: sql``, where: sql`true` };
    case 'format':
      return { key: sql`o.format`, join: sql``, where: sql`true` };
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
            where: sql`true`,
          };
    case 'sdg':
      return {
        key: sql`cast(s.sdg as text)`,
        join: sql`join offer_sdgs s on s.offer_id = ${offerId}`,
        where: sql`true`,
      };
    case 'theme':
      return {
        key: sql`t.theme`,
        join: sql`join offer_themes t on t.offer_id = ${offerId}`,
        where: sql`true`,
      };
    case 'month':
      return {
        key: d.month(sql`o.created_at`),
        join: sql``,
        where: sql`true`,
      };
    case 'regionPair':
      return { key: sql`o.region || '→' || o.seeking_region`, join: sql``, where: sql`true` };
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
  const dialect = dialectOfDb(db);
  const d = sqlFor(dialect);
  function all<T>(query: SQL): Promise<T[]> {
    return selectRows<T>(db, query);
  }
  const region = (column: SQL, filter: StatsFilter) =>
    filter.region ? sql`${column} = ${filter.region}` : sql`true`;

  /** Offers and open offers per key of `by` (one row `total` when undefined). */
  function offerFigures(
    by: Dimension | undefined,
    filter: StatsFilter,
    today: string,
    broad?: string,
  ) {
    const k = by ? offerKey(d, by, broad) : { key: sql`'total'`, join: sql``, where: sql`true` };
    const distinct = by === 'field' || by === 'sdg' || by === 'theme';
    return all<{ key: string; offers: number; openOffers: number }>(sql`
      select ${k.key} as key,
             ${
               distinct
                 ? sql`${int(sql`count(distinct o.id)`)} as offers,
             ${int(sql`count(distinct case when o.status = 'open' and o.end_date >= ${today} then o.id end)`)} as "openOffers"`
                 : sql`${int(sql`count(*)`)} as offers,
             ${int(sql`count(*) filter (where o.status = 'open' and o.end_date >= ${today})`)} as "openOffers"`
             }
      from offers o ${by === 'country' ? d.indexedBy('offers_stats_scan_idx') : sql``} ${k.join}
      where o.hidden_at is null and ${k.where}
        and ${region(sql`o.region`, filter)}
        and ${inPeriod(d, sql`o.created_at`, filter)}
      group by 1`);
  }

  /**
   * Partnership figures per key of a dimension with one key per side (or `total`), and the
   * whole selection: one grouped pass over the pairs of side keys and regions (for countries in
   * index order, without a sort), folded here into per-key rows — a partnership whose two sides
   * share the key counts once for it. Each group carries its days to match as a list.
   */
  async function pairFigures(
    by: 'country' | 'format' | 'regionPair' | 'month' | undefined,
    filter: StatsFilter,
  ): Promise<{ byKey: Map<string, KeyFigures>; total: KeyFigures }> {
    const month = d.month(sql`p.created_at`);
    const pair = sql`p.a_region || '→' || p.b_region`;
    const [aKey, bKey, index] =
      by === 'country'
        ? [sql`p.a_country`, sql`p.b_country`, 'partnerships_pairs_idx']
        : by === 'format'
          ? [sql`p.a_format`, sql`p.b_format`, 'partnerships_stats_idx']
          : by === 'month'
            ? [month, month, 'partnerships_stats_idx']
            : by === 'regionPair'
              ? [pair, pair, 'partnerships_stats_idx']
              : [sql`'total'`, sql`'total'`, 'partnerships_stats_idx'];
    const groups = await all<{
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
      select ${aKey} as ak, ${bKey} as bk, p.a_region as ar, p.b_region as br,
             ${int(sql`count(*)`)} as n,
             ${int(sql`count(*) filter (where p.status in ('accepted', 'completed'))`)} as accepted,
             ${int(sql`count(*) filter (where p.status = 'completed')`)} as completed,
             ${int(sql`count(*) filter (where p.status = 'declined')`)} as declined,
             ${int(sql`coalesce(sum(case when p.status = 'completed' then p.students_a end), 0)`)} as sa,
             ${int(sql`coalesce(sum(case when p.status = 'completed' then p.students_b end), 0)`)} as sb,
             ${d.list(sql`case when p.status in ('accepted', 'completed')
               then ${d.msBetween(sql`p.decided_at`, sql`p.a_posted_at`)} end`)} as days
      from partnerships p ${d.indexedBy(index)}
      where ${inPeriod(d, sql`p.created_at`, filter)}
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
  async function bitSetFigures(
    bits: BitKeys,
    filter: StatsFilter,
  ): Promise<Map<string, KeyFigures>> {
    const [a, b] = bits.columns;
    const aIn = region(sql`p.a_region`, filter);
    const bIn = region(sql`p.b_region`, filter);
    const has = (column: string) => sql`((p.${sql.raw(column)} >> k.bit) & 1) <> 0`;
    const studentsOf = (
      side: 'asia' | 'europe',
    ) => sql`coalesce(sum(case when p.status = 'completed' then
          (case when ${aIn} and ${has(a)} and p.a_region = ${side} then coalesce(p.students_a, 0) else 0 end) +
          (case when ${bIn} and ${has(b)} and p.b_region = ${side} then coalesce(p.students_b, 0) else 0 end)
        end), 0)`;
    const rows = await all<
      Omit<KeyFigures, 'offers' | 'openOffers' | 'daysToMatch'> & { days: string | null }
    >(sql`
      with k(key, bit) as (values ${sql.join(
        bits.keys.map(([key, bit]) => sql`(${key}, ${sql.raw(String(bit))})`),
        sql`, `,
      )})
      select k.key as key, ${int(sql`count(*)`)} as requests,
             ${int(sql`count(*) filter (where p.status in ('accepted', 'completed'))`)} as accepted,
             ${int(sql`count(*) filter (where p.status = 'completed')`)} as completed,
             ${int(sql`count(*) filter (where p.status = 'declined')`)} as declined,
             ${int(studentsOf('asia'))} as "studentsAsia",
             ${int(studentsOf('europe'))} as "studentsEurope",
             ${d.list(sql`case when p.status in ('accepted', 'completed')
               then ${d.msBetween(sql`p.decided_at`, sql`p.a_posted_at`)} end`)} as days
      from k join partnerships p ${d.indexedBy('partnerships_masks_idx')}
        on ((((case when ${aIn} then p.${sql.raw(a)} else 0 end) |
             (case when ${bIn} then p.${sql.raw(b)} else 0 end)) >> k.bit) & 1) <> 0
      where ${inPeriod(d, sql`p.created_at`, filter)}
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
      select k.key as key, ${int(sql`count(*)`)} as offers,
             ${int(sql`count(*) filter (where o.status = 'open' and o.end_date >= ${today})`)} as "openOffers"
      from k join offers o ${d.indexedBy('offers_masks_idx')}
        on ((o.${sql.raw(bits.offerColumn)} >> k.bit) & 1) <> 0
      where o.hidden_at is null
        and ${region(sql`o.region`, filter)}
        and ${inPeriod(d, sql`o.created_at`, filter)}
      group by k.key`);
  }

  /**
   * Partnership figures per key of fields, SDGs or themes, which an offer may have several of:
   * each partnership as two sides joined to their offers' keys, counted once per key.
   */
  async function multiValuedFigures(
    by: 'field' | 'sdg' | 'theme',
    filter: StatsFilter,
    broad?: string,
  ): Promise<Map<string, KeyFigures>> {
    const k = offerKey(d, by, broad, sql`side.oid`);
    const side = (letter: 'a' | 'b', offerColumn: string, students: string) =>
      sql`select p.id as pid, p.status as st,
               ${d.msBetween(sql`p.decided_at`, sql`p.a_posted_at`)} as waited,
               p.${sql.raw(letter)}_region as region, p.${sql.raw(offerColumn)} as oid,
               p.${sql.raw(students)} as students
        from partnerships p ${d.indexedBy('partnerships_stats_idx')}`;
    const period = inPeriod(d, sql`p.created_at`, filter);
    const perSide = sql`(
      with side as (
        ${side('a', 'offer_id', 'students_a')} where ${period}
        union all
        ${side('b', 'partner_offer_id', 'students_b')} where ${period}
      )
      select distinct side.pid, side.oid, side.st, side.students, side.region, side.waited,
             ${k.key} as key
      from side ${k.join}
      where ${k.where} and ${region(sql`side.region`, filter)}) as per_side`;
    // Days to match ride along as "partnership id, milliseconds" items, distinct: once per key
    // and partnership even when both sides share the key.
    const counts = await all<
      Omit<KeyFigures, 'offers' | 'openOffers' | 'daysToMatch'> & { days: string | null }
    >(sql`
      select key,
             ${int(sql`count(distinct pid)`)} as requests,
             ${int(sql`count(distinct case when st in ('accepted', 'completed') then pid end)`)} as accepted,
             ${int(sql`count(distinct case when st = 'completed' then pid end)`)} as completed,
             ${int(sql`count(distinct case when st = 'declined' then pid end)`)} as declined,
             ${int(sql`coalesce(sum(case when st = 'completed' and region = 'asia' then students end), 0)`)} as "studentsAsia",
             ${int(sql`coalesce(sum(case when st = 'completed' and region = 'europe' then students end), 0)`)} as "studentsEurope",
             ${d.list(
               sql`case when st in ('accepted', 'completed') and waited is not null
                 then pid || ${d.separator} || waited end`,
               true,
             )} as days
      from ${perSide}
      group by key`);
    const byKey = new Map<string, KeyFigures>();
    for (const { days, ...c } of counts) {
      if (c.key === null) continue;
      const daysToMatch =
        days === null
          ? []
          : days.split(',').map((item) => Number(item.slice(item.indexOf('\x1f') + 1)) / dayMs);
      byKey.set(c.key, { ...emptyFigures(c.key), ...c, daysToMatch });
    }
    return byKey;
  }

  return {
    /** Agreed partnerships per country (each side once) and by the requesting region. */
    async partnershipCounts(): Promise<PartnershipCounts> {
      // Grouped by the pair of side countries in the order of their index: a few hundred rows
      // however many partnerships (every suggestion reads this).
      const rows = await all<{
        aCountry: string;
        aRegion: string;
        bCountry: string;
        n: number;
      }>(sql`
        select p.a_country as "aCountry", p.a_region as "aRegion", p.b_country as "bCountry",
               ${int(sql`count(*)`)} as n
        from partnerships p ${d.indexedBy('partnerships_pairs_idx')}
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
      const perCountry = await all<{ n: number; open: number }>(sql`
        select ${int(sql`count(*)`)} as n,
               ${int(sql`count(*) filter (where o.status = 'open' and o.end_date >= ${today})`)} as open
        from offers o ${d.indexedBy('offers_stats_scan_idx')}
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
      const byStatus = await all<{
        status: string;
        n: number;
        fromAsia: number;
        studentsAsia: number;
        studentsEurope: number;
        days: string | null;
      }>(sql`
        select p.status as status, ${int(sql`count(*)`)} as n,
               ${int(sql`count(*) filter (where p.a_region = 'asia')`)} as "fromAsia",
               ${int(sql`coalesce(sum(case when p.a_region = 'asia' then coalesce(p.students_a, 0) else 0 end +
                 case when p.b_region = 'asia' then coalesce(p.students_b, 0) else 0 end), 0)`)} as "studentsAsia",
               ${int(sql`coalesce(sum(case when p.a_region = 'asia' then 0 else coalesce(p.students_a, 0) end +
                 case when p.b_region = 'asia' then 0 else coalesce(p.students_b, 0) end), 0)`)} as "studentsEurope",
               ${d.list(d.msBetween(sql`p.decided_at`, sql`p.a_posted_at`))} as days
        from partnerships p ${d.indexedBy('partnerships_agreed_idx')}
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
      const single = await (multiValued ? pairFigures(undefined, filter) : pairFigures(by, filter));
      const total = single.total;
      // Broad fields and SDGs are bit sets on offers and partnerships: one pass each.
      const bits = (by === 'field' && !broad) || by === 'sdg' ? bitKeys(by) : undefined;
      const byKey = bits
        ? await bitSetFigures(bits, filter)
        : multiValued
          ? await multiValuedFigures(by, filter, broad)
          : single.byKey;
      const offerRows = await (bits
        ? bitSetOfferFigures(bits, filter, today)
        : offerFigures(by, filter, today, broad));
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
        const [whole] = await offerFigures(undefined, filter, today);
        Object.assign(total, { offers: whole?.offers ?? 0, openOffers: whole?.openOffers ?? 0 });
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
        from partnerships p ${d.indexedBy(index)}
        where p.status in ('accepted', 'completed') and p.decided_at is not null
          and ${inPeriod(d, sql`p.decided_at`, filter)}`;
      // Per day of decision (UTC; an integer to group, cheaper than formatting each date) and
      // requesting region, gathered into months here; the totals are their sums.
      const days = await all<{
        day: number;
        aRegion: string;
        n: number;
        studentsAsia: number;
        studentsEurope: number;
      }>(sql`
        select ${d.day(sql`p.decided_at`)} as day, p.a_region as "aRegion",
               ${int(sql`count(*)`)} as n,
               ${int(sql`coalesce(sum((case when p.a_region = 'asia' then coalesce(p.students_a, 0) else 0 end) +
                 (case when p.b_region = 'asia' then coalesce(p.students_b, 0) else 0 end)), 0)`)} as "studentsAsia",
               ${int(sql`coalesce(sum((case when p.a_region = 'europe' then coalesce(p.students_a, 0) else 0 end) +
                 (case when p.b_region = 'europe' then coalesce(p.students_b, 0) else 0 end)), 0)`)} as "studentsEurope"
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
      for (const r of await all<{ a: string | null; b: string | null; n: number }>(sql`
        select p.a_country as a, p.b_country as b, ${int(sql`count(*)`)} as n
        ${agreedIn('partnerships_pairs_idx')} group by 1, 2`)) {
        add(sidesByCountry, r.a, r.n);
        add(sidesByCountry, r.b, r.n);
      }
      const sidesByInstitution = new Map<string, number>();
      for (const column of ['a_institution_id', 'b_institution_id']) {
        for (const r of await all<{ key: string | null; n: number }>(sql`
          select p.${sql.raw(column)} as key, ${int(sql`count(*)`)} as n
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
      const rows = await all<{ country: string; institutionId: string; n: number }>(sql`
        select o.country, o.institution_id as "institutionId", ${int(sql`count(*)`)} as n
        from offers o ${d.indexedBy('offers_institution_stats_idx')}
        where o.hidden_at is null and ${inPeriod(d, sql`o.created_at`, filter)}
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
        const rows = await all<{ id: string; name: string }>(
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
