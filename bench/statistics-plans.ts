// The statistics queries' plans on PostgreSQL, for checking that they stay single grouped passes
// over indexes: the bench's offers and partnerships (SQLite, as statistics.bench.ts makes them)
// copied to a throwaway PostgreSQL as `pnpm bench` copies them (dialects.ts), then every
// statement the dashboard's repository calls run once and once more under EXPLAIN (ANALYZE,
// BUFFERS).
//
//   npx tsx bench/statistics-plans.ts [offers=5000] [partnerships=5000]
import { databaseOf, openPostgres } from '@twinning/db/client';
import { createStatisticsRepository } from '@twinning/db/repositories/statistics';
import { stopBenchPostgres } from './dialects.ts';
import { statisticsDataSet } from './statistics.bench.ts';

const [offers = 5000, partnerships = 5000] = process.argv.slice(2).map(Number);
const data = await statisticsDataSet(offers, partnerships);
try {
  const handle = await openPostgres(await data.postgres());
  try {
    const db = databaseOf(handle);
    // Every statement the repository runs, in order.
    type Query = Parameters<typeof handle.db.execute>[0];
    const pg = handle.db as unknown as { execute(query: Query): Promise<unknown> };
    const execute = pg.execute.bind(pg);
    const statements: { label: string; query: Query }[] = [];
    let label = '';
    pg.execute = (query: Query) => {
      statements.push({ label, query });
      return execute(query);
    };
    const statistics = createStatisticsRepository(db);
    const today = '2026-09-01';
    const calls: [string, () => Promise<unknown>][] = [
      ['summary', () => statistics.summary(today)],
      ['partnershipCounts', () => statistics.partnershipCounts()],
      ['table country', () => statistics.table('country', {}, today)],
      ['table month (europe)', () => statistics.table('month', { region: 'europe' }, today)],
      ['table field', () => statistics.table('field', {}, today)],
      ['table theme', () => statistics.table('theme', {}, today)],
      ['agreed', () => statistics.agreed({ from: '2026-01-01', to: '2026-12-31' })],
      ['offerCounts', () => statistics.offerCounts({})],
    ];
    for (const [name, call] of calls) {
      label = name;
      await call();
    }
    pg.execute = execute;
    console.log(`\n${offers} offers, ${partnerships} partnerships on PostgreSQL\n`);
    // drizzle's PostgreSQL dialect (not in the database's public type) renders the statements.
    const { dialect } = handle.db as unknown as {
      dialect: { sqlToQuery(query: unknown): { sql: string; params: unknown[] } };
    };
    for (const { label: name, query } of statements) {
      // The statement as node-postgres gets it (text and parameters), explained.
      const { sql: text, params } = dialect.sqlToQuery((query as { getSQL(): unknown }).getSQL());
      const plan = await handle.pool.query(`explain (analyze, buffers) ${text}`, params);
      console.log(`--- ${name}`);
      for (const row of plan.rows as { 'QUERY PLAN': string }[]) console.log(row['QUERY PLAN']);
      console.log();
    }
  } finally {
    await handle.close();
  }
} finally {
  await stopBenchPostgres();
  data.remove();
}
