// Moving an embedded install to PostgreSQL (copy.ts): the demo install copied into a real
// PostgreSQL server comes out equal, table for table and row for row; its offers are searchable
// there; and what must be refused is refused before anything is written.
import {
  copyFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentForIndex } from '@twinning/core/text/segment';
import { startPostgres, type PostgresServer } from '../../../scripts/services/postgres.mjs';
import { BackupError } from './backup.ts';
import { migrationsFolder, openDatabase, openPostgres, type Db } from './client.ts';
import { copyToPostgres } from './copy.ts';
import { createOfferRepository } from './repositories/offers.ts';
import { createSessionRepository } from './repositories/users.ts';
import * as schema from './schema.ts';
import * as pgSchema from './schema.pg.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { databaseUrlOn } from './testing/database-template.ts';

const now = new Date('2025-03-12T09:30:00.000Z');
const thaiTitle = 'การจัดการข้ามวัฒนธรรม';
const chineseDescription = '我们一起研究跨文化管理和可持续发展。';

let server: PostgresServer;
let dir: string;
/** The demo install as `pnpm start` makes it, with a signed-in session and a Thai/Chinese offer. */
let demoFile: string;
let thaiOfferId: string;

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'twinning-copy-spec-'));
  demoFile = join(dir, 'demo.db');
  const handle = openDatabase(demoFile);
  try {
    await seedIfEmpty(handle.db, { demo: true, hashPassword: async (p) => `test$${p}`, now });
    const lecturer = handle.sqlite
      .prepare(`select id from users where email = 'lecturer@twinning.test'`)
      .get() as { id: string };
    await createSessionRepository(handle.db).create({
      id: 'session-of-the-lecturer',
      userId: lecturer.id,
      createdAt: new Date('2025-03-12T09:00:00.123Z'),
      expiresAt: new Date('2025-04-12T09:00:00.456Z'),
    });
    // A row in each table the demo leaves empty and the copy must still carry: an image's bytes,
    // a mail with its JSON headers, a single-use link, a setting.
    handle.sqlite
      .prepare(
        `insert into avatars (user_id, content_type, data, updated_at) values (?, 'image/webp', ?, ?)`,
      )
      .run(lecturer.id, Buffer.from([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0x10]), now.getTime());
    handle.sqlite
      .prepare(
        `insert into mail_outbox (id, kind, user_id, to_address, subject, text, html, headers,
           dedupe_key, next_attempt_at, created_at)
         values ('mail-1', 'verify_email', ?, 'lecturer@twinning.test', 'Bitte bestätigen',
           'Text', '<p>HTML</p>', '{"List-Unsubscribe":"<https://x.test/u>"}', 'once', ?, ?)`,
      )
      .run(lecturer.id, now.getTime(), now.getTime());
    handle.sqlite
      .prepare(
        `insert into email_tokens (id, user_id, purpose, email, created_at, expires_at)
         values ('token-hash', ?, 'password_reset', 'lecturer@twinning.test', ?, ?)`,
      )
      .run(lecturer.id, now.getTime(), now.getTime() + 3_600_000);
    handle.sqlite
      .prepare(`insert into platform_settings (key, value) values ('example', 'kept')`)
      .run();
    const offers = createOfferRepository(handle.db);
    const { id } = handle.sqlite
      .prepare(`select id from offers where owner_id = ? order by id limit 1`)
      .get(lecturer.id) as { id: string };
    const offer = (await offers.findById(id))!;
    await offers.update(
      id,
      { ...offer, title: thaiTitle, description: `${offer.description} ${chineseDescription}` },
      now,
    );
    thaiOfferId = id;
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    handle.close();
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let databases = 0;
/** A new, empty database on the test server. */
async function emptyDatabase(): Promise<string> {
  const name = `copy_${++databases}`;
  await sqlOn(server.url, `create database ${name}`);
  return databaseUrlOn(server.url, name);
}

async function sqlOn<Row = Record<string, unknown>>(
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

/** JSON with object keys sorted (jsonb keeps its own key order). */
function stable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Every table's rows read through its schema (Dates, booleans, JSON as the code sees them). */
async function everyRow(
  tables: Record<string, unknown>,
  read: (table: never) => Promise<unknown[]>,
): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const table of Object.values(tables)) {
    if (!is(table, SQLiteTable) && !is(table, PgTable)) continue;
    const rows = await read(table as never);
    all[getTableName(table)] = rows.map((row) => JSON.stringify(stable(row))).sort();
  }
  return all;
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe('copyToPostgres', () => {
  it('copies the demo install: every table equal row for row, sessions, password hashes, seq, searchable offers', async () => {
    const target = await emptyDatabase();
    const before = readFileSync(demoFile);
    const summary = await copyToPostgres(demoFile, target, { batchSize: 500 });

    // The source file is only read.
    expect(readFileSync(demoFile).equals(before)).toBe(true);
    // The summary's counts, table by table, both sides.
    expect(summary.tables.length).toBe(
      Object.values(schema).filter((t) => is(t, SQLiteTable)).length,
    );
    for (const t of summary.tables) expect(t.target, t.table).toBe(t.source);
    expect(summary.tables.find((t) => t.table === 'institutions')!.source).toBe(4859);
    expect(summary.searchDocuments).toBe(summary.tables.find((t) => t.table === 'offers')!.source);

    const source = new Database(demoFile, { readonly: true });
    const pgHandle = await openPostgres(target);
    try {
      const sqliteDb = drizzle(source, { schema });
      const sourceRows = await everyRow(schema, async (table) =>
        sqliteDb.select().from(table).all(),
      );
      const targetRows = await everyRow(pgSchema, (table) => pgHandle.db.select().from(table));
      expect(Object.keys(targetRows).sort()).toEqual(Object.keys(sourceRows).sort());
      for (const table of Object.keys(sourceRows)) {
        expect(sourceRows[table]!.length, table).toBe(targetRows[table]!.length);
        expect(targetRows[table], table).toEqual(sourceRows[table]);
      }
      // Every table the demo fills has rows (so the comparison above compared something).
      const empty = Object.entries(sourceRows)
        .filter(([, rows]) => rows.length === 0)
        .map(([table]) => table)
        .sort();
      expect(empty).toEqual(['matching_proposals', 'matching_rounds', 'rate_limits']);

      // A user with their password hash and session, as PostgreSQL hands them to the code.
      const [session] = await sqlOn<{
        email: string;
        password_hash: string;
        created_at: Date;
        expires_at: Date;
      }>(
        target,
        `select u.email, u.password_hash, s.created_at, s.expires_at
           from sessions s join users u on u.id = s.user_id where s.id = 'session-of-the-lecturer'`,
      );
      expect(session).toEqual({
        email: 'lecturer@twinning.test',
        password_hash: expect.stringMatching(/^test\$[a-z2-9]{5}(-[a-z2-9]{5}){3}$/), // the random demo password
        created_at: new Date('2025-03-12T09:00:00.123Z'),
        expires_at: new Date('2025-04-12T09:00:00.456Z'),
      });

      // A conversation's messages keep their seq, gap-free, and its last_seq and read cursors.
      const busiest = source
        .prepare(
          'select conversation_id as id, count(*) as n from messages group by 1 order by 2 desc, 1 limit 1',
        )
        .get() as { id: string; n: number };
      const sourceMessages = source
        .prepare('select seq, author_id, body from messages where conversation_id = ? order by seq')
        .all(busiest.id);
      const targetMessages = await sqlOn(
        target,
        'select seq, author_id, body from messages where conversation_id = $1 order by seq',
        [busiest.id],
      );
      expect(targetMessages).toEqual(sourceMessages);
      expect(targetMessages.map((m) => m.seq)).toEqual(
        Array.from({ length: busiest.n }, (_, i) => i + 1),
      );
      const [{ last_seq }] = (await sqlOn<{ last_seq: number }>(
        target,
        'select last_seq from conversations where id = $1',
        [busiest.id],
      )) as [{ last_seq: number }];
      expect(last_seq).toBe(busiest.n);

      // The copied offers are searchable on PostgreSQL: Thai, Chinese, and an English title word
      // (the query segmented into words as the offer repository segments it).
      const found = async (query: string) =>
        (
          await sqlOn<{ id: string }>(
            target,
            `select offer_id as id from offers_search
              where document @@ plainto_tsquery('simple', $1) order by offer_id`,
            [segmentForIndex(query)],
          )
        ).map((r) => r.id);
      expect(await found('การจัดการ')).toEqual([thaiOfferId]);
      expect(await found('跨文化')).toEqual([thaiOfferId]);
      const sourceWord = source
        .prepare(`select id from offers where title like '%Cross-cultural management%' order by id`)
        .all() as { id: string }[];
      expect(sourceWord.length).toBeGreaterThan(0);
      const managementHits = await found('management');
      for (const { id } of sourceWord) expect(managementHits).toContain(id);
      // …and the title's words carry the title's weight (A).
      const [inTitle] = await sqlOn<{ a: boolean }>(
        target,
        `select ts_filter(document, '{a}') @@ to_tsquery('simple', 'management') as a
           from offers_search where offer_id = $1`,
        [sourceWord[0]!.id],
      );
      expect(inTitle).toEqual({ a: true });

      // The documents are exactly those the offer repository writes on PostgreSQL.
      const documents = async () =>
        sqlOn<{ offer_id: string; document: string }>(
          target,
          'select offer_id, document::text as document from offers_search order by offer_id',
        );
      const copied = await documents();
      await pgHandle.pool.query('delete from offers_search');
      await createOfferRepository(pgHandle.db as unknown as Db).ensureSearchIndex();
      expect(await documents()).toEqual(copied);
    } finally {
      source.close();
      await pgHandle.close();
    }
  });

  it('refuses a target with any row in any table, and touches nothing', async () => {
    // A database of another application: one row in a table of its own.
    const foreign = await emptyDatabase();
    await sqlOn(foreign, 'create table notes (body text); insert into notes values ($$keep me$$)');
    const error = await refusal(copyToPostgres(demoFile, foreign));
    expect(error.code).toBe('target_not_empty');
    expect(error.message).toContain('1 notes');
    expect(error.message).not.toContain(server.password);
    // Not migrated: no Twinning table was made.
    expect(
      await sqlOn(
        foreign,
        `select table_schema, table_name from information_schema.tables
          where table_schema not in ('pg_catalog', 'information_schema')`,
      ),
    ).toEqual([{ table_schema: 'public', table_name: 'notes' }]);

    // A Twinning database with data: a second copy is refused, the first stays as it was.
    const filled = await emptyDatabase();
    await copyToPostgres(demoFile, filled);
    const counts = `select (select count(*) from institutions) as institutions,
      (select count(*) from messages) as messages, (select count(*) from offers_search) as search`;
    const [before] = await sqlOn(filled, counts);
    expect((await refusal(copyToPostgres(demoFile, filled))).code).toBe('target_not_empty');
    expect(await sqlOn(filled, counts)).toEqual([before]);
  });

  it('brings an older install forward on a temporary copy, and refuses a newer one', async () => {
    // An install of an earlier version: only the first migrations applied, then data.
    const journal = JSON.parse(
      readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    const oldFolder = join(dir, 'old-migrations');
    cpSync(migrationsFolder, oldFolder, { recursive: true });
    writeFileSync(
      join(oldFolder, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, 3) }),
    );
    const oldFile = join(dir, 'old.db');
    const old = new Database(oldFile);
    migrate(drizzle(old), { migrationsFolder: oldFolder });
    old
      .prepare(
        `insert into institutions (id, name, country, region, type, verified, source, sort_name, search_text, created_at)
         values ('inst-old', 'Old University', 'DE', 'europe', 'university', 1, 'directory', 'old university', 'old university', 1700000000000)`,
      )
      .run();
    old.close();
    const oldBytes = readFileSync(oldFile);

    const target = await emptyDatabase();
    const summary = await copyToPostgres(oldFile, target);
    expect(summary.migratedFrom).toMatchObject({ applied: 3, known: journal.entries.length });
    expect(summary.tables.find((t) => t.table === 'institutions')).toEqual({
      table: 'institutions',
      source: 1,
      target: 1,
    });
    expect(await sqlOn(target, 'select id, name, verified, created_at from institutions')).toEqual([
      {
        id: 'inst-old',
        name: 'Old University',
        verified: true,
        created_at: new Date(1700000000000),
      },
    ]);
    // The install itself was not migrated.
    expect(readFileSync(oldFile).equals(oldBytes)).toBe(true);

    // A newer install (a migration this code does not know) is refused; the target stays empty.
    const newerFile = join(dir, 'newer.db');
    copyFileSync(demoFile, newerFile);
    const newer = new Database(newerFile);
    newer
      .prepare(`insert into __drizzle_migrations (hash, created_at) values ('future', ?)`)
      .run(Date.parse('2100-01-01'));
    newer.close();
    const untouched = await emptyDatabase();
    const error = await refusal(copyToPostgres(newerFile, untouched));
    expect(error.code).toBe('too_new');
    expect(
      await sqlOn(
        untouched,
        `select count(*)::int as n from pg_tables where schemaname = 'public'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(statSync(newerFile).size).toBeGreaterThan(0);
  });

  it('is one transaction: a row PostgreSQL cannot take rolls back every row before it', async () => {
    const file = join(dir, 'nul.db');
    const handle = openDatabase(file);
    const insert = handle.sqlite.prepare(
      `insert into institutions (id, name, country, region, type, source, sort_name, search_text)
       values (?, ?, 'DE', 'europe', 'university', 'directory', 'x', 'x')`,
    );
    insert.run('inst-fine', 'Fine University');
    // SQLite keeps a NUL character in text; PostgreSQL's text cannot hold one.
    insert.run('inst-nul', 'Broken\u0000University');
    handle.close();
    const target = await emptyDatabase();
    const failed = await refusal(copyToPostgres(file, target, { batchSize: 1 }));
    expect(failed.code).toBe('failed');
    expect(failed.message).toContain('nothing was kept');
    expect(await sqlOn(target, 'select count(*)::int as n from institutions')).toEqual([{ n: 0 }]);
    // Migrated but empty: the same copy can be tried again once the row is fixed.
    const fix = new Database(file);
    fix.prepare(`update institutions set name = 'Broken University' where id = 'inst-nul'`).run();
    fix.close();
    const summary = await copyToPostgres(file, target);
    expect(summary.tables.find((t) => t.table === 'institutions')!.target).toBe(2);
  });

  it('refuses what it cannot copy from or to, naming it', async () => {
    const target = await emptyDatabase();
    expect((await refusal(copyToPostgres(join(dir, 'missing.db'), target))).code).toBe(
      'source_missing',
    );
    const notADatabase = join(dir, 'notes.txt');
    writeFileSync(notADatabase, 'not a database, just some words\n');
    expect((await refusal(copyToPostgres(notADatabase, target))).code).toBe('not_a_database');
    const unreachable = await refusal(
      copyToPostgres(demoFile, databaseUrlOn(server.url, 'no_such_database')),
    );
    expect(unreachable.code).toBe('unreachable');
    expect(unreachable.message).toContain('no_such_database');
    expect(unreachable.message).not.toContain(server.password);
    expect((await refusal(copyToPostgres(demoFile, join(dir, 'other.db')))).code).toBe(
      'unsupported',
    );
  });
});
