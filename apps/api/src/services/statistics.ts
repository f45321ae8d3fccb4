// Statistics (API.md, "Statistics"): the public summary, and the secretariat's breakdown tables
// with their CSV and the balance report (flows against the target, students, trend,
// concentration, who needs help).
import { stringify } from 'csv-stringify/sync';
import { gini, herfindahl } from '@twinning/core/statistics/concentration';
import { median, share } from '@twinning/core/statistics/median';
import { isIsoDate, isoDateOf } from '@twinning/core/offers/dates';
import { countries, findCountry } from '@twinning/core/vocabulary/countries';
import { iscedName } from '@twinning/core/vocabulary/isced';
import { sdgs } from '@twinning/core/vocabulary/sdgs';
import { findTheme, formats } from '@twinning/core/vocabulary/themes';
import type { Repositories } from '@twinning/db/repositories';
import type { Dimension, KeyFigures, StatsFilter } from '@twinning/db/repositories/statistics';
import type { User } from '@twinning/db/repositories/users';
import { FieldProblems } from '../errors.ts';
import { requireSecretariat } from './guards.ts';

export interface BreakdownRow {
  key: string;
  label: string;
  offers: number;
  openOffers: number;
  requests: number;
  accepted: number;
  completed: number;
  acceptanceRate: number | null;
  medianDaysToMatch: number | null;
  studentsAsia: number;
  studentsEurope: number;
}

export const csvColumns = [
  'key',
  'label',
  'offers',
  'openOffers',
  'requests',
  'accepted',
  'completed',
  'acceptanceRate',
  'medianDaysToMatch',
  'studentsAsia',
  'studentsEurope',
] as const;

const regionName = { asia: 'Asia', europe: 'Europe', any: 'any region' } as const;

function labelOf(by: Dimension, key: string): string {
  switch (by) {
    case 'country':
      return findCountry(key)?.name ?? key;
    case 'format':
      return formats.find((f) => f.id === key)?.name ?? key;
    case 'field':
      return iscedName(key) ?? key;
    case 'sdg':
      return sdgs.find((g) => String(g.number) === key)?.name ?? `SDG ${key}`;
    case 'theme':
      return findTheme(key)?.name ?? key;
    case 'month':
      return key;
    case 'regionPair': {
      const [from, to] = key.split('→') as [keyof typeof regionName, keyof typeof regionName];
      return `${regionName[from] ?? from} → ${regionName[to] ?? to}`;
    }
  }
}

function rowOf(by: Dimension | undefined, f: KeyFigures): BreakdownRow {
  const days = median(f.daysToMatch);
  return {
    key: f.key,
    label: by ? labelOf(by, f.key) : 'All',
    offers: f.offers,
    openOffers: f.openOffers,
    requests: f.requests,
    accepted: f.accepted,
    completed: f.completed,
    acceptanceRate: share(f.accepted, f.accepted + f.declined),
    medianDaysToMatch: days === null ? null : Math.round(days * 10) / 10,
    studentsAsia: f.studentsAsia,
    studentsEurope: f.studentsEurope,
  };
}

/** Columns that hold a share (0–1): written with four decimals in the CSV. */
const shareColumns: ReadonlySet<string> = new Set(['acceptanceRate']);

/** A CSV cell: shares rounded to four decimals (0.6667, not 0.6666666666666666). */
function csvValue(column: (typeof csvColumns)[number], value: unknown): unknown {
  if (shareColumns.has(column) && typeof value === 'number') {
    return Math.round(value * 10_000) / 10_000;
  }
  return value;
}

/*
 * A spreadsheet runs a cell that starts with =, +, -, @ (or a tab or carriage return, which
 * some read past) as a formula: a label a user typed could do that. Such text cells get a
 * leading apostrophe, which spreadsheets show as text. Numbers stay numbers.
 */
export function neutralise(cell: unknown): unknown {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function sortRows(by: Dimension, rows: BreakdownRow[]): BreakdownRow[] {
  if (by === 'month') return rows.sort((a, b) => (a.key < b.key ? -1 : 1));
  if (by === 'sdg') return rows.sort((a, b) => Number(a.key) - Number(b.key));
  return rows.sort(
    (a, b) => b.requests - a.requests || b.offers - a.offers || a.label.localeCompare(b.label),
  );
}

export function createStatisticsService({
  repositories,
  now,
}: {
  repositories: Pick<Repositories, 'statistics' | 'balanceGoals'>;
  now: () => Date;
}) {
  const { statistics, balanceGoals } = repositories;
  const figuresOnly = 'sees these figures';

  function checkFilter(filter: StatsFilter) {
    const problems = new FieldProblems();
    // The pattern lets 2026-02-30 through: a day that does not exist counted nothing on SQLite
    // and failed the query on PostgreSQL.
    for (const field of ['from', 'to'] as const) {
      const date = filter[field];
      if (date && !isIsoDate(date)) problems.add(field, `is not a calendar date (${date})`);
    }
    if (!problems.any && filter.from && filter.to && filter.from > filter.to) {
      problems.add('to', `must not be before from (${filter.from})`);
    }
    problems.throwIfAny();
  }

  async function breakdown(user: User, query: StatsFilter & { by: Dimension; field?: string }) {
    requireSecretariat(user, figuresOnly);
    checkFilter(query);
    const filter = { from: query.from, to: query.to, region: query.region };
    const today = isoDateOf(now());
    const broad = query.by === 'field' ? query.field : undefined;
    const { rows, total } = await statistics.table(query.by, filter, today, broad);
    return {
      by: query.by,
      from: query.from ?? null,
      to: query.to ?? null,
      region: query.region ?? null,
      rows: sortRows(
        query.by,
        rows.map((r) => rowOf(query.by, r)),
      ),
      totals: rowOf(undefined, total),
    };
  }

  return {
    /** The headline figures (public): the home page shows them. */
    async summary() {
      return statistics.summary(isoDateOf(now()));
    },

    breakdown,

    /**
     * The breakdown as CSV text: a UTF-8 byte-order mark (without it Excel reads the file in
     * the machine's legacy code page and garbles non-Latin names), a header row, then one row
     * per key; shares with four decimals; formula cells neutralised.
     */
    async breakdownCsv(user: User, query: StatsFilter & { by: Dimension; field?: string }) {
      const table = await breakdown(user, query);
      return stringify(
        table.rows.map((row) => csvColumns.map((c) => neutralise(csvValue(c, row[c]) ?? ''))),
        { header: true, columns: [...csvColumns], bom: true },
      );
    },

    async balance(user: User, filter: StatsFilter) {
      requireSecretariat(user, figuresOnly);
      checkFilter(filter);
      const [goals, agreed, offers] = await Promise.all([
        balanceGoals.current(),
        statistics.agreed(filter),
        statistics.offerCounts(filter),
      ]);
      const { fromAsia, studentsAsia, studentsEurope, sidesByCountry, sidesByInstitution } = agreed;
      const countryValues = countries.map((c) => sidesByCountry.get(c.code) ?? 0);
      // Institutions that took part: with an offer in the period or a partnership side.
      const institutionIds = [
        ...new Set([...offers.byInstitution.keys(), ...sidesByInstitution.keys()]),
      ];
      const institutionValues = institutionIds.map((id) => sidesByInstitution.get(id) ?? 0);
      // The five largest, ties by key: the same five whatever order the database gave the rows
      // in (the names were looked up for a top five sorted without the tie-break, so a tie at
      // the fifth place could show an institution's id instead of its name on PostgreSQL).
      const topFive = (map: Map<string, number>) =>
        [...map.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 5);
      const topOf = async (map: Map<string, number>, label: (key: string) => Promise<string>) => {
        const total = [...map.values()].reduce((s, v) => s + v, 0);
        return Promise.all(
          topFive(map).map(async ([key, n]) => ({
            key,
            label: await label(key),
            share: n / total,
          })),
        );
      };
      const institutionNames = await statistics.institutionNames(
        topFive(sidesByInstitution).map(([id]) => id),
      );
      const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
      return {
        from: filter.from ?? null,
        to: filter.to ?? null,
        target: goals.asiaShareTarget,
        agreed: agreed.agreed,
        asiaShare: share(fromAsia, agreed.agreed),
        europeShare: share(agreed.agreed - fromAsia, agreed.agreed),
        studentsAsia,
        studentsEurope,
        studentsAsiaShare: share(studentsAsia, studentsAsia + studentsEurope),
        trend: agreed.months.map((m) => ({
          ...m,
          asiaShare: share(m.fromAsia, m.fromAsia + m.fromEurope),
        })),
        concentration: {
          countries: {
            hhi: round4(herfindahl(countryValues)),
            gini: round4(gini(countryValues)),
            holders: countryValues.length,
            top: await topOf(sidesByCountry, async (code) => findCountry(code)?.name ?? code),
          },
          institutions: {
            hhi: round4(herfindahl(institutionValues)),
            gini: round4(gini(institutionValues)),
            holders: institutionValues.length,
            top: await topOf(sidesByInstitution, async (id) => institutionNames.get(id) ?? id),
          },
        },
        countries: countries.map((c) => ({
          code: c.code,
          name: c.name,
          region: c.region,
          offers: offers.byCountry.get(c.code) ?? 0,
          partnerships: sidesByCountry.get(c.code) ?? 0,
        })),
        needHelp: countries
          .filter((c) => (offers.byCountry.get(c.code) ?? 0) > 0 && !sidesByCountry.has(c.code))
          .map((c) => ({ code: c.code, name: c.name, offers: offers.byCountry.get(c.code)! }))
          .sort((x, y) => y.offers - x.offers || x.name.localeCompare(y.name)),
      };
    },
  };
}
