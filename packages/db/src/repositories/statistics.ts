// The secretariat's figures, aggregated in SQL: offers and partnership requests per key of one
// dimension (country, region pair, format, ISCED-F field, SDG, theme, month), the agreed
// partnerships the balance report reads, and the moderation lists. Labels and derived figures
// (rates, medians, concentration) are the service's, from @twinning/core.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';

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

export function createStatisticsRepository(db: Db) {
  function all<T>(query: SQL): T[] {
    return db.all<T>(query);
  }

  return {
    /**
     * Figures per key of `by` (or one row with key `total` when `by` is undefined). A
     * partnership counts for a key when either side's offer has it (once, however many of its
     * fields or SDGs match); month and region pair are the request's own. Students count on
     * completed partnerships, each side's for its region.
     */
    async figures(
      by: Dimension | undefined,
      filter: StatsFilter,
      today: string,
      broad?: string,
    ): Promise<KeyFigures[]> {
      const k = by ? offerKey(by, broad) : { key: sql`'total'`, join: sql``, where: sql`1` };
      const regionOf = (alias: string) =>
        filter.region ? sql`${sql.raw(alias)}.region = ${filter.region}` : sql`1`;

      const offerRows = all<{ key: string; offers: number; openOffers: number }>(sql`
        select ${k.key} as key,
               ${
                 by === 'field' || by === 'sdg' || by === 'theme'
                   ? sql`count(distinct o.id) as offers,
               count(distinct case when o.status = 'open' and o.end_date >= ${today} then o.id end) as openOffers`
                   : sql`count(*) as offers,
               coalesce(sum(case when o.status = 'open' and o.end_date >= ${today} then 1 else 0 end), 0) as openOffers`
               }
        from offers o ${k.join}
        where o.hidden_at is null and ${k.where} and ${regionOf('o')}
          and ${inPeriod(sql`o.created_at`, filter)}
        group by 1`);

      if (!by) {
        // The whole selection: one pass over the partnerships' covering index, each counted once.
        const inRegion = filter.region
          ? sql`(p.a_region = ${filter.region} or p.b_region = ${filter.region})`
          : sql`1`;
        const sideStudents = (region: 'asia' | 'europe') =>
          filter.region && filter.region !== region
            ? sql`0`
            : sql`coalesce(sum(case when p.status = 'completed' then
                (case when p.a_region = ${region} then coalesce(p.students_a, 0) else 0 end) +
                (case when p.b_region = ${region} then coalesce(p.students_b, 0) else 0 end) end), 0)`;
        const [totals] = all<Omit<KeyFigures, 'key' | 'offers' | 'openOffers' | 'daysToMatch'>>(sql`
          select count(*) as requests,
                 coalesce(sum(p.status in ('accepted', 'completed')), 0) as accepted,
                 coalesce(sum(p.status = 'completed'), 0) as completed,
                 coalesce(sum(p.status = 'declined'), 0) as declined,
                 ${sideStudents('asia')} as studentsAsia,
                 ${sideStudents('europe')} as studentsEurope
          from partnerships p indexed by partnerships_stats_idx
          where ${inPeriod(sql`p.created_at`, filter)} and ${inRegion}`);
        const days = all<{ days: number }>(sql`
          select (p.decided_at - p.a_posted_at) / 86400000.0 as days
          from partnerships p indexed by partnerships_stats_idx
          where p.status in ('accepted', 'completed') and p.decided_at is not null
            and ${inPeriod(sql`p.created_at`, filter)} and ${inRegion}`).map((r) => r.days);
        const offersRow = offerRows[0];
        return [
          {
            key: 'total',
            offers: offersRow?.offers ?? 0,
            openOffers: offersRow?.openOffers ?? 0,
            ...totals!,
            daysToMatch: days,
          },
        ];
      }

      // Each partnership as two sides with their places (copied onto the partnership when it
      // was stored), read from one covering index (named: left alone, SQLite reads the wide
      // rows): no offer is looked up for country, format, region pair or month. Fields, SDGs and
      // themes join their side tables by offer id.
      const side = (letter: 'a' | 'b', offerColumn: string, students: string) =>
        sql.raw(`select p.id as pid, p.status as st, p.created_at, p.decided_at,
                 p.${letter}_region as region, p.${letter}_country as country,
                 p.${letter}_format as format, p.a_region as from_region, p.b_region as to_region,
                 p.a_posted_at as posted, p.${offerColumn} as oid, p.${students} as students
          from partnerships p indexed by partnerships_stats_idx`);
      const sides = sql`
        with side as (
          ${side('a', 'offer_id', 'students_a')} where ${inPeriod(sql`p.created_at`, filter)}
          union all
          ${side('b', 'partner_offer_id', 'students_b')} where ${inPeriod(sql`p.created_at`, filter)}
        )`;
      const multiValued = by === 'field' || by === 'sdg' || by === 'theme';
      const sideKey =
        by === 'month'
          ? sql`strftime('%Y-%m', side.created_at / 1000, 'unixepoch')`
          : by === 'regionPair'
            ? sql`side.from_region || '→' || side.to_region`
            : by === 'country'
              ? sql`side.country`
              : by === 'format'
                ? sql`side.format`
                : by === undefined
                  ? sql`'total'`
                  : k.key;
      // The side tables joined straight on the side's offer id.
      const sideJoin = multiValued && by ? offerKey(by, broad, sql`side.oid`).join : sql``;
      const from = sql`
          from side
          ${sideJoin}
          where ${multiValued ? k.where : sql`1`}
            and ${filter.region ? sql`side.region = ${filter.region}` : sql`1`}`;
      const perSide = multiValued
        ? sql`(select distinct side.pid, side.oid, side.st, side.students, side.region, side.decided_at, side.posted, ${sideKey} as key ${from})`
        : sql`(select side.pid, side.st, side.students, side.region, side.decided_at, side.posted, ${sideKey} as key ${from})`;
      type Counts = {
        key: string;
        requests: number;
        accepted: number;
        completed: number;
        declined: number;
        studentsAsia: number;
        studentsEurope: number;
      };
      const students = sql`
               coalesce(sum(case when st = 'completed' and region = 'asia' then students end), 0) as studentsAsia,
               coalesce(sum(case when st = 'completed' and region = 'europe' then students end), 0) as studentsEurope`;
      let partnershipRows: Counts[];
      if (multiValued) {
        partnershipRows = all<Counts>(sql`${sides}
          select key,
                 count(distinct pid) as requests,
                 count(distinct case when st in ('accepted', 'completed') then pid end) as accepted,
                 count(distinct case when st = 'completed' then pid end) as completed,
                 count(distinct case when st = 'declined' then pid end) as declined,
                 ${students}
          from ${perSide}
          group by key`);
      } else {
        // One key per side: count sides in one grouping pass (no DISTINCT), then take off the
        // partnerships counted twice because both sides have the key.
        const sideRows = all<Counts>(sql`${sides}
          select key,
                 count(*) as requests,
                 sum(st in ('accepted', 'completed')) as accepted,
                 sum(st = 'completed') as completed,
                 sum(st = 'declined') as declined,
                 ${students}
          from ${perSide}
          group by key`);
        const monthOf = sql`strftime('%Y-%m', p.created_at / 1000, 'unixepoch')`;
        const [aKey, bKey] =
          by === 'country'
            ? [sql`p.a_country`, sql`p.b_country`]
            : by === 'format'
              ? [sql`p.a_format`, sql`p.b_format`]
              : by === 'month'
                ? [monthOf, monthOf]
                : by === 'regionPair'
                  ? [sql`p.a_region || '→' || p.b_region`, sql`p.a_region || '→' || p.b_region`]
                  : [sql`'total'`, sql`'total'`];
        const twice = all<{
          key: string;
          n: number;
          accepted: number;
          completed: number;
          declined: number;
        }>(sql`
          select ${aKey} as key, count(*) as n,
                 sum(p.status in ('accepted', 'completed')) as accepted,
                 sum(p.status = 'completed') as completed,
                 sum(p.status = 'declined') as declined
          from partnerships p indexed by partnerships_stats_idx
          where ${inPeriod(sql`p.created_at`, filter)} and ${aKey} = ${bKey}
            and ${filter.region ? sql`p.a_region = ${filter.region} and p.b_region = ${filter.region}` : sql`1`}
          group by 1`);
        const doubled = new Map(twice.map((t) => [t.key, t]));
        partnershipRows = sideRows.map((r) => {
          const d = doubled.get(r.key);
          return d
            ? {
                ...r,
                requests: r.requests - d.n,
                accepted: r.accepted - d.accepted,
                completed: r.completed - d.completed,
                declined: r.declined - d.declined,
              }
            : r;
        });
      }
      // Days to match: from the requesting offer's posting to the acceptance, once per key and
      // partnership (both sides may share the key: dropped here).
      const seenDays = new Set<string>();
      const dayRows = all<{ key: string; pid: string; days: number }>(sql`${sides}
        select key, pid, (decided_at - posted) / 86400000.0 as days
        from ${perSide}
        where st in ('accepted', 'completed') and decided_at is not null`).filter((r) => {
        const id = `${r.key}\u0000${r.pid}`;
        if (seenDays.has(id)) return false;
        seenDays.add(id);
        return true;
      });

      const byKey = new Map<string, KeyFigures>();
      const row = (key: string): KeyFigures => {
        let found = byKey.get(key);
        if (!found) {
          found = {
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
          byKey.set(key, found);
        }
        return found;
      };
      for (const r of offerRows) {
        if (r.key === null) continue;
        Object.assign(row(r.key), { offers: r.offers, openOffers: r.openOffers });
      }
      for (const r of partnershipRows) {
        if (r.key === null) continue;
        const { key, ...figures } = r;
        Object.assign(row(key), figures);
      }
      for (const r of dayRows) if (r.key !== null) row(r.key).daysToMatch.push(r.days);
      if (!by && byKey.size === 0) row('total');
      return [...byKey.values()];
    },

    /**
     * Agreed partnerships decided within the filter's dates, aggregated: how many, how many were
     * requested from Asia, students per side, per month of decision, and sides per country and
     * per institution. All from the partnerships' covering index.
     */
    async agreed(filter: StatsFilter): Promise<AgreedFigures> {
      const where = sql`p.status in ('accepted', 'completed') and p.decided_at is not null
          and ${inPeriod(sql`p.decided_at`, filter)}`;
      const students = (region: 'asia' | 'europe') => sql`coalesce(sum(
          (case when p.a_region = ${region} then coalesce(p.students_a, 0) else 0 end) +
          (case when p.b_region = ${region} then coalesce(p.students_b, 0) else 0 end)), 0)`;
      const [totals] = all<{
        agreed: number;
        fromAsia: number;
        studentsAsia: number;
        studentsEurope: number;
      }>(sql`
        select count(*) as agreed, coalesce(sum(p.a_region = 'asia'), 0) as fromAsia,
               ${students('asia')} as studentsAsia, ${students('europe')} as studentsEurope
        from partnerships p indexed by partnerships_stats_idx where ${where}`);
      const months = all<{ month: string; fromAsia: number; fromEurope: number }>(sql`
        select strftime('%Y-%m', p.decided_at / 1000, 'unixepoch') as month,
               sum(p.a_region = 'asia') as fromAsia, sum(p.a_region = 'europe') as fromEurope
        from partnerships p indexed by partnerships_stats_idx where ${where}
        group by 1 order by 1`);
      const sides = (column: 'country' | 'institution_id') =>
        new Map(
          all<{ key: string; n: number }>(sql`
            select key, count(*) as n from (
              select ${sql.raw(`p.a_${column}`)} as key from partnerships p indexed by partnerships_stats_idx where ${where}
              union all
              select ${sql.raw(`p.b_${column}`)} from partnerships p indexed by partnerships_stats_idx where ${where}
            ) where key is not null group by key`).map((r) => [r.key, r.n]),
        );
      return {
        agreed: totals?.agreed ?? 0,
        fromAsia: totals?.fromAsia ?? 0,
        studentsAsia: totals?.studentsAsia ?? 0,
        studentsEurope: totals?.studentsEurope ?? 0,
        months,
        sidesByCountry: sides('country'),
        sidesByInstitution: sides('institution_id'),
      };
    },

    /** Offers posted within the filter's dates, per country and per institution. */
    async offerCounts(
      filter: StatsFilter,
    ): Promise<{ byCountry: Map<string, number>; byInstitution: Map<string, number> }> {
      const rows = all<{ country: string; institutionId: string; n: number }>(sql`
        select o.country, o.institution_id as institutionId, count(*) as n
        from offers o
        where o.hidden_at is null and ${inPeriod(sql`o.created_at`, filter)}
        group by o.country, o.institution_id`);
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

    // ------------------------------------------------------------------ moderation

    async moderation() {
      const [pending] = all<{ n: number }>(sql`
        select count(*) as n from institutions where verified = 0 and source = 'registered'`);
      const affiliations = all<{
        id: string;
        userId: string;
        userName: string;
        email: string;
        institutionId: string;
        institutionName: string;
        role: string;
        createdAt: number;
      }>(sql`
        select a.id, a.user_id as userId, u.name as userName, u.email, a.institution_id as institutionId,
               i.name as institutionName, a.role, a.created_at as createdAt
        from affiliations a join users u on u.id = a.user_id join institutions i on i.id = a.institution_id
        where a.status = 'pending'
        order by a.created_at, a.id
        limit 200`);
      const suspended = all<{
        id: string;
        name: string;
        email: string;
        role: string;
        reason: string | null;
        suspendedAt: number;
      }>(sql`
        select id, name, email, role, suspended_reason as reason, suspended_at as suspendedAt
        from users where suspended_at is not null order by suspended_at desc limit 200`);
      const hidden = all<{
        id: string;
        title: string;
        ownerName: string;
        reason: string | null;
        hiddenAt: number;
      }>(sql`
        select o.id, o.title, u.name as ownerName, o.hidden_reason as reason, o.hidden_at as hiddenAt
        from offers o join users u on u.id = o.owner_id
        where o.hidden_at is not null order by o.hidden_at desc limit 200`);
      return {
        pendingInstitutions: pending?.n ?? 0,
        pendingAffiliations: affiliations.map((a) => ({
          ...a,
          createdAt: new Date(a.createdAt).toISOString(),
        })),
        suspendedUsers: suspended.map((u) => ({
          ...u,
          reason: u.reason ?? '',
          suspendedAt: new Date(u.suspendedAt).toISOString(),
        })),
        hiddenOffers: hidden.map((o) => ({
          ...o,
          reason: o.reason ?? '',
          hiddenAt: new Date(o.hiddenAt).toISOString(),
        })),
      };
    },

    /** Suspends (reason) or restores (null) an account; suspending ends its sessions. */
    async setSuspended(userId: string, reason: string | null, at: Date): Promise<boolean> {
      let changed = false;
      db.transaction((tx) => {
        const result = tx.run(sql`
          update users set suspended_at = ${reason === null ? null : at.getTime()},
                           suspended_reason = ${reason}
          where id = ${userId}`);
        changed = result.changes > 0;
        if (changed && reason !== null) tx.run(sql`delete from sessions where user_id = ${userId}`);
      });
      return changed;
    },

    /** Hides (reason) or shows (null) an offer; `updated_at` moves so the matcher catches up. */
    async setHidden(
      offerId: string,
      reason: string | null,
      by: string,
      at: Date,
    ): Promise<boolean> {
      const result = db.run(sql`
        update offers set hidden_at = ${reason === null ? null : at.getTime()},
                          hidden_reason = ${reason}, hidden_by = ${reason === null ? null : by},
                          updated_at = ${at.getTime()}
        where id = ${offerId}`);
      return result.changes > 0;
    },

    async sessionIdsOf(userId: string): Promise<string[]> {
      return all<{ id: string }>(sql`select id from sessions where user_id = ${userId}`).map(
        (r) => r.id,
      );
    },
  };
}

export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
