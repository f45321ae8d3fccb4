// Backup and restore on PostgreSQL (pg-backup.ts, through backup.ts as the CLI calls it), on a
// real server: a round trip gives back every table, a backup taken while the platform writes is
// one snapshot, and the SQLite side's refusals hold here too, touching nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../scripts/services/postgres.mjs';
import { backupDatabase, BackupError, restoreDatabase } from './backup.ts';
import { openDatabase, openPostgres } from './client.ts';
import { copyToPostgres } from './copy.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { databaseUrlOn } from './testing/database-template.ts';

const now = new Date('2025-03-12T09:30:00.000Z');

let server: PostgresServer;
let dir: string;
/** A PostgreSQL database holding the demo install (copied from SQLite), used as a template. */
const template = 'demo_template';

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'twinning-pg-backup-'));
  const demoFile = join(dir, 'demo.db');
  const handle = openDatabase(demoFile);
  try {
    await seedIfEmpty(handle.db, { demo: true, hashPassword: async (p) => `test$${p}`, now });
  } finally {
    handle.close();
  }
  await sql(server.url, `create database ${template}`);
  await copyToPostgres(demoFile, databaseUrlOn(server.url, template));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function sql<Row = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

let databases = 0;
/** A new database on the test server: empty, or a copy of the demo. */
async function database(kind: 'empty' | 'demo'): Promise<string> {
  const name = `db_${++databases}`;
  await sql(server.url, `create database ${name}${kind === 'demo' ? ` template ${template}` : ''}`);
  return databaseUrlOn(server.url, name);
}

let files = 0;
const fresh = (name: string) => join(dir, `${++files}-${name}`);

/** Every table of every schema but the system's, row by row in a stable order (search too). */
async function contents(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
    );
    const all: Record<string, string[]> = {};
    for (const { name } of tables) {
      const { rows } = await client.query(`select to_jsonb(t)::text as row from ${name} t`);
      all[name] = rows.map((r: { row: string }) => r.row).sort();
    }
    return all;
  } finally {
    await client.end();
  }
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe('backup and restore on PostgreSQL', () => {
  it('round trip: every table of the restored database equals the original, row for row', async () => {
    const original = await database('demo');
    const file = fresh('twinning.dump');
    const backup = await backupDatabase(original, file);
    expect(backup.file).toBe(file);
    expect(backup.database).not.toContain(server.password);
    expect(backup.migration.applied).toBe(backup.migration.known);
    expect(backup.rows.institutions).toBe(4859);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');

    const target = await database('empty');
    const restored = await restoreDatabase(target, file);
    expect(restored).toMatchObject({ replaced: false, rows: backup.rows });
    expect(restored.migration).toEqual(backup.migration);
    const before = await contents(original);
    const after = await contents(target);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(before['public.offers_search']!.length).toBe(before['public.offers']!.length);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);

    // The restored database's triggers work: a new offer field updates the offer's bit set.
    const [offer] = await sql<{ id: string }>(target, 'select id from offers limit 1');
    await sql(target, `delete from offer_fields where offer_id = $1`, [offer!.id]);
    await sql(
      target,
      `insert into offer_fields (offer_id, detailed, narrow, broad) values ($1, '0611', '061', '06')`,
      [offer!.id],
    );
    expect(await sql(target, 'select broad_mask from offers where id = $1', [offer!.id])).toEqual([
      { broad_mask: 1 << 6 },
    ]);
  });

  it('a backup taken while the platform writes is one snapshot: its counts, its file', async () => {
    const original = await database('demo');
    const writer = new pg.Client({ connectionString: original });
    await writer.connect();
    let written = 0;
    let done = false;
    const write = async () => {
      await writer.query(
        `insert into institutions (id, name, country, region, type, source, sort_name, search_text)
         values ($1, 'Busy University', 'DE', 'europe', 'university', 'registered', 'busy', 'busy')`,
        [`busy-${++written}`],
      );
    };
    await write();
    const writing = (async () => {
      while (!done) await write();
    })();
    const file = fresh('busy.dump');
    try {
      const backup = await backupDatabase(original, file);
      const restored = await restoreDatabase(await database('empty'), file);
      expect(restored.rows.institutions).toBe(backup.rows.institutions);
      expect(backup.rows.institutions).toBeGreaterThan(4859);
    } finally {
      done = true;
      await writing;
      await writer.end();
    }
    // The writer went on after the snapshot was taken.
    const [{ n }] = (await sql<{ n: number }>(
      original,
      'select count(*)::int as n from institutions',
    )) as [{ n: number }];
    expect(n).toBe(4859 + written);
  });

  it('refuses to restore over data without force, and replaces it with force', async () => {
    const file = fresh('demo.dump');
    await backupDatabase(await database('demo'), file);
    const busy = await database('empty');
    const handle = await openPostgres(busy);
    await handle.pool.query(
      `insert into institutions (id, name, country, region, type, source, sort_name, search_text)
       values ('mine', 'My University', 'FR', 'europe', 'college', 'registered', 'my', 'my')`,
    );
    await handle.close();
    const before = await contents(busy);
    const refused = await refusal(restoreDatabase(busy, file));
    expect(refused.code).toBe('target_not_empty');
    expect(refused.message).toContain('1 institutions');
    expect(refused.message).toContain('--force');
    expect(await contents(busy)).toEqual(before);

    const replaced = await restoreDatabase(busy, file, { force: true });
    expect(replaced.replaced).toBe(true);
    expect(replaced.rows.institutions).toBe(4859);
    expect(await sql(busy, `select id from institutions where id = 'mine'`)).toEqual([]);
  });

  it('restores into a migrated database without data, but not into one the platform has open', async () => {
    const file = fresh('demo.dump');
    await backupDatabase(await database('demo'), file);
    const migrated = await database('empty');
    const platform = await openPostgres(migrated);
    await platform.pool.query('select 1');
    const inUse = await refusal(restoreDatabase(migrated, file));
    expect(inUse.code).toBe('target_in_use');
    expect(await sql(migrated, 'select count(*)::int as n from institutions')).toEqual([{ n: 0 }]);
    await platform.close();
    const restored = await restoreDatabase(migrated, file);
    expect(restored).toMatchObject({ replaced: false });
    expect(restored.rows.institutions).toBe(4859);
  });

  it('refuses files that are not Twinning backups, an existing file, an unreachable server', async () => {
    const target = await database('empty');
    const notes = fresh('notes.txt');
    writeFileSync(notes, 'These are notes, not a backup. '.repeat(40));
    expect((await refusal(restoreDatabase(target, notes))).code).toBe('not_a_database');
    expect((await refusal(restoreDatabase(target, fresh('missing.dump')))).code).toBe(
      'file_missing',
    );

    // A pg_dump of another application's database.
    const foreign = await database('empty');
    await sql(foreign, 'create table notes (body text); insert into notes values ($$hello$$)');
    const other = await refusal(backupDatabase(foreign, fresh('other.dump')));
    expect(other.code).toBe('not_twinning');
    // …and of a newer Twinning.
    const newer = await database('demo');
    await sql(
      newer,
      `insert into drizzle.__drizzle_migrations (hash, created_at) values ('future', $1)`,
      [Date.parse('2100-01-01')],
    );
    const newerFile = fresh('newer.dump');
    expect((await refusal(backupDatabase(newer, newerFile))).code).toBe('too_new');

    // Nothing was written to the target by any of these.
    expect(
      await sql(target, `select count(*)::int as n from pg_tables where schemaname = 'public'`),
    ).toEqual([{ n: 0 }]);

    // An existing output file is kept unless forced.
    const existing = fresh('existing.dump');
    writeFileSync(existing, 'keep me');
    const source = await database('demo');
    expect((await refusal(backupDatabase(source, existing))).code).toBe('file_exists');
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    await backupDatabase(source, existing, { force: true });
    expect(readFileSync(existing).subarray(0, 5).toString()).toBe('PGDMP');

    const unreachable = await refusal(
      backupDatabase(databaseUrlOn(server.url, 'no_such_database'), fresh('b.dump')),
    );
    expect(unreachable.code).toBe('unreachable');
    expect(unreachable.message).not.toContain(server.password);
  });
});
