// The secretariat's dashboard at size (the statistics issue): 100,000 offers and 50,000
// partnerships; the dashboard's data — summary, moderation queue, one breakdown table and the
// balance report, what /secretariat/statistics loads — through the whole API, against a
// baseline of one aggregate statement over the same tables.
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@twinning/core/random';
import { openDatabase } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { createServices } from '../apps/api/src/services/services.ts';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { report, time } from './harness.ts';
import { offerDataSet, offerDataSetTime } from './offers.bench.ts';

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

export async function benchStatistics(offers = 100_000, partnerships = 50_000): Promise<void> {
  const source = await offerDataSet(offers);
  const file = join(tmpdir(), `twinning-bench-statistics-${process.pid}.db`);
  copyFileSync(source, file);
  const database = openDatabase(file);
  try {
    const started = performance.now();
    addPartnerships(database.sqlite, partnerships);
    database.analyze();
    console.log(
      `\nStatistics: ${offers} offers, ${partnerships} partnerships added in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const repositories = createRepositories(database.db);
    const config = loadConfig({ NODE_ENV: 'test' });
    const now = () => new Date(offerDataSetTime + 200 * dayMs);
    const app = await buildApp({ config, repositories, logger: false, now });
    await app.ready();
    const services = createServices(repositories, now);
    const secretariat = await services.accounts.createSecretariat({
      email: 'bench-secretariat@example.org',
      password: 'bench secretariat password',
      name: 'Bench',
    });
    void secretariat;
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'bench-secretariat@example.org', password: 'bench secretariat password' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    };

    const baseline = await time(
      'baseline: partnerships by status, one statement',
      () =>
        database.sqlite.prepare('select status, count(*) from partnerships group by status').all(),
      { runs: 30, warmup: 3 },
    );
    const dashboard = await time(
      'dashboard data: summary + moderation + by country + balance',
      () =>
        Promise.all([
          get('/api/stats/summary'),
          get('/api/moderation'),
          get('/api/stats/breakdown?by=country'),
          get('/api/stats/balance'),
        ]),
      { runs: 20, warmup: 2 },
    );
    report(
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
      const t = await time(url, () => get(url), { runs: 10, warmup: 1 });
      console.log(
        `  ${url.padEnd(60)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p99 ${t.p99.toFixed(1).padStart(7)} ms`,
      );
    }
    await app.close();
  } finally {
    database.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}
