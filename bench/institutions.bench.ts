// Directory search through the whole API stack (routing, validation, session hook, repository,
// serialisation) against the same query as one prepared SQLite statement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { readDirectory } from '@twinning/db/seed/directory';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { report, time } from './harness.ts';

export async function benchInstitutionSearch(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'twinning-bench-'));
  const file = join(dir, 'bench.db');
  const database = openDatabase(file);
  const repositories = createRepositories(database.db);
  await repositories.institutions.createMany(readDirectory());
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    repositories,
    logger: false,
  });
  await app.ready();

  const raw = new Database(file, { readonly: true });
  const statement = raw.prepare(
    `select i.id, i.name, i.country, i.region, i.city, i.website, i.type, i.verified,
            (select group_concat(domain) from institution_domains d where d.institution_id = i.id) as domains
       from institutions i
      where i.search_text like ? escape '\\' and i.country = ?
      order by i.sort_name, i.id limit 21`,
  );

  const baseline = await time('baseline: one prepared SQL statement', () =>
    statement.all('%univ%', 'JP'),
  );
  const api = await time('GET /api/institutions?q=univ&country=JP', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/institutions?q=univ&country=JP' });
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
  });
  report(
    `Directory search, ${await repositories.institutions.count()} institutions, page of 20`,
    api,
    baseline,
    'p50 ≤ 5 ms',
  );

  raw.close();
  await app.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
}
