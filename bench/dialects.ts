// The benchmarks on both dialects in one run (issue 12). The bench's SQLite data sets are copied
// to a throwaway PostgreSQL that the run starts on first use and stops at its end
// (scripts/services/postgres.mjs), with `db:copy`'s own code: every table in foreign-key order,
// batches of 1,000 rows each one statement, in one transaction, the full-text documents written
// from the copied rows. So both dialects hold the same rows, and each case is timed on SQLite
// and on PostgreSQL back to back (a noisy shared machine moves both alike).
//
// BENCH_PG=0 leaves PostgreSQL out: every case is then timed on SQLite alone.
import Database from 'better-sqlite3';
import { connectDatabase, databaseOf, type AnyDatabaseHandle } from '@twinning/db/client';
import { copyPlan, copyToPostgres } from '@twinning/db/copy';
import { connectPostgres } from '@twinning/db/pg-backup';
import { createRepositories, type Repositories } from '@twinning/db/repositories';
import { startPostgres, type PostgresServer } from '../scripts/services/postgres.mjs';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { time, type SideBySide, type Timing } from './harness.ts';

export const postgresLeftOut = process.env.BENCH_PG === '0';

let server: Promise<PostgresServer> | undefined;
const copies = new Map<string, Promise<string>>();

function benchPostgres(): Promise<PostgresServer> {
  server ??= startPostgres().then((started) => {
    console.log(`\nPostgreSQL for the benchmarks: a throwaway cluster on port ${started.port}`);
    return started;
  });
  return server;
}

/** Stops the run's PostgreSQL (if it started) and deletes it with every copy on it. */
export async function stopBenchPostgres(): Promise<void> {
  const running = server;
  server = undefined;
  copies.clear();
  if (running) await (await running).stop();
}

/**
 * The URL of database `name` on the run's PostgreSQL, holding a copy of the SQLite file `file`
 * (made once per run and name), vacuumed and analysed as autovacuum leaves a table that settled:
 * planner statistics and the visibility map (without it an index-only scan still reads the
 * table).
 */
export function postgresCopyOf(name: string, file: string): Promise<string> {
  let copy = copies.get(name);
  if (!copy) {
    copy = (async () => {
      const postgres = await benchPostgres();
      const admin = await connectPostgres(postgres.url);
      try {
        await admin.query(`create database "${name}"`);
      } finally {
        await admin.end();
      }
      const url = postgres.urlOf(name);
      const started = performance.now();
      const { tables } = await copyToPostgres(file, url);
      const copied = await connectPostgres(url);
      try {
        await copied.query('vacuum analyze');
      } finally {
        await copied.end();
      }
      const rows = (table: string) => tables.find((t) => t.table === table)?.target ?? 0;
      console.log(
        `\nCopied to PostgreSQL (${name}): ${rows('offers')} offers, ${rows('partnerships')} partnerships, ${tables.reduce((n, t) => n + t.target, 0)} rows in all, vacuumed and analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      return url;
    })();
    copies.set(name, copy);
  }
  return copy;
}

/**
 * Like postgresCopyOf, for a SQLite file that is `base.file` with rows added to `tables` only
 * (the statistics' data set: the offers' and partnerships): a clone of base's copy (CREATE
 * DATABASE … TEMPLATE, a file copy on the server) with those tables' rows copied in, converted
 * as db:copy converts them, in batches of 1,000 in one transaction. Spares copying 100k offers
 * twice.
 */
export function postgresCloneOf(
  name: string,
  base: { name: string; file: string },
  file: string,
  tables: string[],
): Promise<string> {
  let copy = copies.get(name);
  if (!copy) {
    copy = (async () => {
      await postgresCopyOf(base.name, base.file);
      const started = performance.now();
      const postgres = await benchPostgres();
      const admin = await connectPostgres(postgres.url);
      try {
        await admin.query(`create database "${name}" template "${base.name}"`);
      } finally {
        await admin.end();
      }
      const url = postgres.urlOf(name);
      const source = new Database(file, { readonly: true });
      const target = await connectPostgres(url);
      try {
        await target.query('begin');
        const added: string[] = [];
        for (const table of copyPlan().filter((t) => tables.includes(t.name))) {
          const columns = table.columns.map((c) => `"${c}"`).join(', ');
          const insert = `insert into "${table.name}" (${columns})
            select ${columns} from json_populate_recordset(null::"${table.name}", $1::json)`;
          const rows = source
            .prepare(`select * from "${table.name}" order by rowid`)
            .all() as Record<string, unknown>[];
          for (let i = 0; i < rows.length; i += 1000) {
            await target.query(insert, [
              JSON.stringify(rows.slice(i, i + 1000).map(table.convert)),
            ]);
          }
          const { rows: counted } = await target.query<{ n: string }>(
            `select count(*) as n from "${table.name}"`,
          );
          if (Number(counted[0]!.n) !== rows.length) {
            throw new Error(
              `${table.name}: ${rows.length} rows in ${file}, ${counted[0]!.n} in ${name}`,
            );
          }
          added.push(`${rows.length} ${table.name}`);
        }
        await target.query('commit');
        await target.query('vacuum analyze');
        console.log(
          `\nCloned ${base.name} on PostgreSQL as ${name} and added ${added.join(', ')}, vacuumed and analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await target.end();
        source.close();
      }
      return url;
    })();
    copies.set(name, copy);
  }
  return copy;
}

/** One dialect's copy of a bench data set, opened. */
export interface BenchDatabase {
  dialect: 'sqlite' | 'postgres';
  handle: AnyDatabaseHandle;
  repositories: Repositories;
}

async function open(dialect: BenchDatabase['dialect'], url: string): Promise<BenchDatabase> {
  const handle = await connectDatabase(url);
  return { dialect, handle, repositories: createRepositories(databaseOf(handle)) };
}

/**
 * The SQLite file and, unless PostgreSQL is left out, its copy on the run's PostgreSQL (the URL
 * `copy` gives: postgresCopyOf or postgresCloneOf), opened; SQLite first.
 */
export async function openOnBoth(
  file: string,
  copy: () => Promise<string>,
): Promise<BenchDatabase[]> {
  const databases = [await open('sqlite', file)];
  if (!postgresLeftOut) databases.push(await open('postgres', await copy()));
  return databases;
}

export async function closeAll(databases: BenchDatabase[]): Promise<void> {
  for (const { handle } of databases) await handle.close();
}

/** The whole API over a bench database, ready for `inject`. */
export async function benchApp(database: BenchDatabase, now: () => Date) {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    repositories: database.repositories,
    logger: false,
    now,
  });
  await app.ready();
  return app;
}

/** Times the same case on each of `targets` (SQLite's, then PostgreSQL's), one after the other. */
export async function timeOnEach<T>(
  name: string,
  targets: T[],
  run: (target: T) => unknown,
  options: Parameters<typeof time>[2],
): Promise<SideBySide> {
  const timings: Timing[] = [];
  for (const target of targets) timings.push(await time(name, () => run(target), options));
  return { sqlite: timings[0]!, postgres: timings[1] };
}

/**
 * The plainest page SQLite can give (the newest 21 offers by index, no filter, one prepared
 * statement on a connection of its own): the baseline of the benchmarks that read offers.
 */
export async function newestPageBaseline(file: string): Promise<Timing> {
  const raw = new Database(file, { readonly: true });
  try {
    const plainest = raw.prepare('select * from offers order by created_at desc, id desc limit 21');
    return await time('baseline: newest 21 rows, one SQL statement', () => plainest.all(), {
      runs: 300,
    });
  } finally {
    raw.close();
  }
}
