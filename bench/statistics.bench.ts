// The secretariat's dashboard at size (the statistics issue): 100,000 offers and 50,000
// partnerships; the dashboard's data — summary, moderation queue, one breakdown table and the
// balance report, what /secretariat/statistics loads — through the whole API, on SQLite and on
// PostgreSQL holding the same rows (dialects.ts), against a baseline of one aggregate statement
// over the same tables on SQLite.
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@twinning/core/random';
import { openDatabase } from '@twinning/db/client';
import { createServices } from '../apps/api/src/services/services.ts';
import { reportDialects, time } from './harness.ts';
import {
  benchApp,
  closeAll,
  openOnBoth,
  postgresCloneOf,
  timeOnEach,
  type BenchDatabase,
} from './dialects.ts';
import { offerDataSet, offerDataSetTime } from './offer-data.ts';
import { offersCopyName } from './offers.bench.ts';

const dayMs = 86_400_000;

/** 50,000 partnerships between random Asian and European offers, in every state. */
export function addPartnerships(sqlite: ReturnType<typeof openDatabase>['sqlite'], total: number) {
  const random = createRandom('statistics-bench');
  const asia = sqlite
    .prepare(`select id, created_at as createdAt from offers where region = 'asia'`)
    .all() as {
    id: string;
    createdAt: number;
  }[];
  const europe = sqlite
    .prepare(`select id, created_at as createdAt from offers where region = 'europe'`)
    .all() as { id: string; createdAt: number }[];
  const insert = sqlite.prepare(
    `insert or ignore into partnerships (id, offer_id, partner_offer_id, requested_by, status,
       created_at, decided_at, completed_at, students_a, students_b)
     values (?, ?, ?, 'bench-owner', ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < total; i++) {
      const fromAsia = random.chance(0.4);
      const a = random.pick(fromAsia ? asia : europe);
      const b = random.pick(fromAsia ? europe : asia);
      const requested = Math.max(a.createdAt, b.createdAt) + random.int(1, 60) * dayMs;
      const status = random.weighted([
        ['pending', 2],
        ['accepted', 3],
        ['declined', 2],
        ['withdrawn', 1],
        ['completed', 2],
      ] as const);
      const decided =
        status === 'pending' || status === 'withdrawn'
          ? null
          : requested + random.int(1, 30) * dayMs;
      const completed = status === 'completed' ? decided! + random.int(30, 120) * dayMs : null;
      insert.run(
        `bench-p${i}`,
        a.id,
        b.id,
        status,
        requested,
        decided,
        completed,
        completed ? random.int(5, 60) : null,
        completed ? random.int(5, 60) : null,
      );
    }
  })();
}

/**
 * A temporary copy of the offers' data set with `partnerships` partnerships added and the
 * planner's statistics gathered; `remove()` deletes it.
 */
export async function statisticsDataSet(offers: number, partnerships: number) {
  const source = await offerDataSet(offers);
  const file = join(tmpdir(), `twinning-bench-statistics-${process.pid}.db`);
  copyFileSync(source, file);
  const started = performance.now();
  const database = openDatabase(file);
  try {
    addPartnerships(database.sqlite, partnerships);
    database.analyze();
  } finally {
    database.close();
  }
  console.log(
    `\nStatistics: ${offers} offers, ${partnerships} partnerships added in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    file,
    /** Its copy on the run's PostgreSQL: the offers' copy cloned, the partnerships added. */
    postgres: () =>
      postgresCloneOf('bench_statistics', { name: offersCopyName(offers), file: source }, file, [
        'partnerships',
      ]),
    remove() {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/** The API over a statistics database, with a secretariat signed in: `get` checks for a 200. */
async function secretariatApi(database: BenchDatabase, now: () => Date) {
  const app = await benchApp(database, now);
  const services = createServices(database.repositories, now);
  await services.accounts.createSecretariat({
    email: 'bench-secretariat@example.org',
    password: 'bench ledger of quiet harbours',
    name: 'Bench',
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'bench-secretariat@example.org', password: 'bench ledger of quiet harbours' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
  return { app, get };
}

export async function benchStatistics(offers = 100_000, partnerships = 50_000): Promise<void> {
  const data = await statisticsDataSet(offers, partnerships);
  const databases = await openOnBoth(data.file, data.postgres);
  try {
    const now = () => new Date(offerDataSetTime + 200 * dayMs);
    const apis = [];
    for (const database of databases) apis.push(await secretariatApi(database, now));
    const first = databases[0]!.handle;
    if (first.dialect !== 'sqlite') throw new Error('openOnBoth opens SQLite first');
    const byStatus = first.sqlite.prepare(
      'select status, count(*) from partnerships group by status',
    );
    const baseline = await time(
      'baseline: partnerships by status, one statement',
      () => byStatus.all(),
      { runs: 30, warmup: 3 },
    );
    const dashboard = await timeOnEach(
      'dashboard data: summary + moderation + by country + balance',
      apis,
      ({ get }) =>
        Promise.all([
          get('/api/stats/summary'),
          get('/api/moderation'),
          get('/api/stats/breakdown?by=country'),
          get('/api/stats/balance'),
        ]),
      { runs: 20, warmup: 2 },
    );
    reportDialects(
      `Secretariat dashboard at ${offers} offers and ${partnerships} partnerships (through the API)`,
      dashboard,
      baseline,
      'dashboard data ≤ 200 ms',
    );
    for (const url of [
      '/api/stats/summary',
      '/api/stats/breakdown?by=country',
      '/api/stats/breakdown?by=field',
      '/api/stats/breakdown?by=sdg',
      '/api/stats/breakdown?by=format',
      '/api/stats/breakdown?by=month&from=2026-06-01&to=2027-05-31',
      '/api/stats/balance',
    ]) {
      const timings = await timeOnEach(url, apis, ({ get }) => get(url), { runs: 10, warmup: 1 });
      reportDialects(`Statistics — ${url}`, timings, baseline);
    }
    for (const { app } of apis) await app.close();
  } finally {
    await closeAll(databases);
    data.remove();
  }
}
