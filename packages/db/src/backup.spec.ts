// Backup and restore round trips: every table comes back as it was, a backup taken while
// another process writes is one consistent snapshot, and what cannot be restored is refused
// before anything is touched.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, BackupError, restoreDatabase } from './backup.ts';
import { migrationsFolder, openDatabase } from './client.ts';
import { createInstitutionRepository } from './repositories/institutions.ts';
import { seedDemo } from './seed/demo.ts';
import { readDirectory } from './seed/directory.ts';
import { databaseTemplate } from './testing/database-template.ts';

const now = new Date('2025-03-12T09:30:00.000Z');
const hashPassword = async (password: string) => `test$${password}`;

/** The directory and the demo data: every table has rows. */
const demo = databaseTemplate(async (db) => {
  await createInstitutionRepository(db).createMany(readDirectory());
  await seedDemo(db, { hashPassword, now, password: 'plum orbit cascade 31' });
});

let dir: string;
const cleanups: (() => void)[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twinning-backup-'));
});
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function demoDatabase(): Promise<string> {
  const copy = await demo.copy();
  cleanups.push(copy.remove);
  return copy.file;
}

let files = 0;
/** A path in the test's folder that does not exist yet. */
const fresh = (name: string) => join(dir, `${++files}-${name}`);

/** Every table (data, FTS shadows, migrations): its rows, in a stable order. */
function contents(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_stat%' order by name",
      )
      .all() as { name: string }[];
    const all: Record<string, string[]> = {};
    for (const { name } of tables) {
      all[name] = (db.prepare(`select * from "${name}"`).all() as object[])
        .map((row) => JSON.stringify(row))
        .sort();
    }
    return all;
  } finally {
    db.close();
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

describe('backup and restore', () => {
  it('round trip: every table of the restored database equals the original, row for row', async () => {
    const original = await demoDatabase();
    // Open as the running platform has it (WAL, its own connection).
    const running = openDatabase(original);
    cleanups.push(() => running.close());
    const backupFile = fresh('backup.db');
    const backup = await backupDatabase(original, backupFile);
    expect(backup.file).toBe(backupFile);
    expect(backup.bytes).toBeGreaterThan(0);
    expect(backup.migration.applied).toBe(backup.migration.known);
    expect(backup.rows.institutions).toBeGreaterThan(4000);
    expect(backup.rows.messages).toBeGreaterThan(0);
    // One self-contained file: no WAL beside it.
    expect(readFileSync(backupFile).subarray(0, 16).toString()).toBe('SQLite format 3\u0000');

    const target = join(fresh('restored'), 'data', 'twinning.db');
    const restored = await restoreDatabase(`file:${target}`, backupFile);
    expect(restored).toMatchObject({ database: target, replaced: false, rows: backup.rows });
    expect(restored.migration).toEqual(backup.migration);

    const before = contents(original);
    const after = contents(target);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['offers_fts_data', 'messages']));
    for (const table of Object.keys(before)) {
      expect(after[table]?.length, table).toBe(before[table]!.length);
      expect(after[table], table).toEqual(before[table]);
    }
  });

  it('a backup taken while another process writes is one consistent snapshot', async () => {
    const original = await demoDatabase();
    const db = new Database(original, { readonly: true });
    const { conversationId, authorId } = db
      .prepare(
        'select conversation_id as conversationId, author_id as authorId from messages limit 1',
      )
      .get() as { conversationId: string; authorId: string };
    db.close();

    // The writer appends messages as the platform does (the next seq and the conversation's
    // last_seq in one transaction) and never checkpoints: everything it wrote lives in the
    // WAL, where a plain copy of the file would not see it.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `
        const Database = require(process.env.SQLITE_MODULE);
        const db = new Database(process.env.DB_FILE);
        db.pragma('busy_timeout = 5000');
        db.pragma('wal_autocheckpoint = 0');
        const conversation = process.env.CONVERSATION;
        const last = db.prepare('select last_seq as seq from conversations where id = ?');
        const insert = db.prepare('insert into messages (id, conversation_id, seq, author_id, body, client_message_id, created_at) values (?, ?, ?, ?, ?, ?, ?)');
        const bump = db.prepare('update conversations set last_seq = ?, last_message_at = ? where id = ?');
        const append = db.transaction((i) => {
          const seq = last.get(conversation).seq + 1;
          insert.run('w' + i, conversation, seq, process.env.AUTHOR, 'write ' + i, 'w' + i, Date.now());
          bump.run(seq, Date.now(), conversation);
        });
        let i = 0;
        let stop = false;
        process.stdin.on('data', () => { stop = true; });
        (function loop() {
          if (stop) { db.close(); process.stdout.write('done ' + i + '\\n'); return; }
          append(++i);
          if (i % 10 === 0) process.stdout.write('wrote ' + i + '\\n');
          setImmediate(loop);
        })();
        `,
      ],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: {
          ...process.env,
          SQLITE_MODULE: createRequire(import.meta.url).resolve('better-sqlite3'),
          DB_FILE: original,
          CONVERSATION: conversationId,
          AUTHOR: authorId,
        },
      },
    );
    const lines = createInterface({ input: writer.stdout! });
    const waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
    lines.on('line', (line) => {
      for (const w of waiters.splice(0)) {
        if (w.match(line)) w.resolve(line);
        else waiters.push(w);
      }
    });
    const line = (match: (line: string) => boolean) =>
      new Promise<string>((resolve) => waiters.push({ match, resolve }));
    const wrote = (line: string) => Number(/^wrote (\d+)$/.exec(line)?.[1] ?? -1);

    await line((l) => wrote(l) >= 50);
    const backupFile = fresh('during-writes.db');
    await backupDatabase(original, backupFile);
    const copy = new Database(backupFile, { readonly: true });
    const snapshot = copy
      .prepare(
        `select c.last_seq as lastSeq, count(m.id) as messages, max(m.seq) as maxSeq,
           sum(m.id like 'w%') as written
         from conversations c join messages m on m.conversation_id = c.id where c.id = ?`,
      )
      .get(conversationId) as {
      lastSeq: number;
      messages: number;
      maxSeq: number;
      written: number;
    };
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // The writer goes on after the snapshot; then it stops.
    await line((l) => wrote(l) > snapshot.written);
    const done = line((l) => l.startsWith('done '));
    writer.stdin!.end('stop\n');
    const total = Number((await done).slice('done '.length));

    // What was committed before the snapshot, and nothing half: the seq and the count agree.
    expect(snapshot.written).toBeGreaterThanOrEqual(50);
    expect(snapshot.written).toBeLessThan(total);
    expect(snapshot.maxSeq).toBe(snapshot.lastSeq);
    expect(snapshot.messages).toBe(snapshot.lastSeq);
  });

  it('refuses to restore over data without force, and replaces it with force', async () => {
    const original = await demoDatabase();
    const backupFile = fresh('backup.db');
    await backupDatabase(original, backupFile);

    const other = await demoDatabase();
    const db = openDatabase(other);
    db.sqlite.exec('delete from messages');
    db.close();
    const before = contents(other);
    const refused = await refusal(restoreDatabase(other, backupFile));
    expect(refused.code).toBe('target_not_empty');
    expect(refused.message).toMatch(/holds data \(4,859 institutions.*--force/);
    expect(contents(other)).toEqual(before);

    const forced = await restoreDatabase(other, backupFile, { force: true });
    expect(forced.replaced).toBe(true);
    expect(contents(other)).toEqual(contents(original));
  });

  it('restores into a migrated database without data, but not into one the platform has open', async () => {
    const backupFile = fresh('backup.db');
    await backupDatabase(await demoDatabase(), backupFile);
    const empty = fresh('empty.db');
    const running = openDatabase(empty);
    const inUse = await refusal(restoreDatabase(empty, backupFile));
    expect(inUse.code).toBe('target_in_use');
    expect(inUse.message).toMatch(/in use \(is the platform running\?\)/);
    running.close();
    const restored = await restoreDatabase(empty, backupFile);
    expect(restored.replaced).toBe(false);
    expect(restored.rows.institutions).toBe(4859);
  });

  it('migrates an older backup forward, keeping its data', async () => {
    // A database made by an older version: only the first migration.
    const known = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
    const oldFolder = fresh('old-migrations');
    cpSync(migrationsFolder, oldFolder, { recursive: true });
    writeFileSync(
      join(oldFolder, 'meta', '_journal.json'),
      JSON.stringify({ ...known, entries: known.entries.slice(0, 1) }),
    );
    const oldFile = fresh('old.db');
    const sqlite = new Database(oldFile);
    migrate(drizzle(sqlite), { migrationsFolder: oldFolder });
    sqlite
      .prepare(
        `insert into institutions (id, name, country, region, type, source, sort_name, search_text)
         values ('inst-old', 'Old University', 'DE', 'europe', 'university', 'directory', 'old university', 'old university')`,
      )
      .run();
    sqlite.close();

    const target = fresh('migrated.db');
    const restored = await restoreDatabase(target, oldFile);
    expect(restored.migratedFrom).toEqual({
      tag: known.entries[0].tag,
      applied: 1,
      known: known.entries.length,
    });
    expect(restored.migration.applied).toBe(known.entries.length);
    expect(restored.rows.institutions).toBe(1);
    const db = openDatabase(target);
    const institution = db.sqlite
      .prepare("select name from institutions where id = 'inst-old'")
      .get() as { name: string };
    db.close();
    expect(institution.name).toBe('Old University');
  });

  it('refuses files that are not Twinning backups it can read, and touches nothing', async () => {
    const target = fresh('target.db');
    const text = fresh('notes.txt');
    writeFileSync(
      text,
      'not a database at all, just some notes that are long enough.\n'.repeat(20),
    );
    expect((await refusal(restoreDatabase(target, text))).code).toBe('not_a_database');

    const foreign = fresh('foreign.db');
    const other = new Database(foreign);
    other.exec('create table recipes (name text)');
    other.close();
    const notTwinning = await refusal(restoreDatabase(target, foreign));
    expect(notTwinning.code).toBe('not_twinning');
    expect(notTwinning.message).toMatch(/not Twinning's/);

    const newer = fresh('newer.db');
    cpSync(await demoDatabase(), newer);
    const future = new Database(newer);
    future
      .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
      .run('from-the-future', Date.UTC(2099, 0, 1));
    future.close();
    const tooNew = await refusal(restoreDatabase(target, newer));
    expect(tooNew.code).toBe('too_new');
    expect(tooNew.message).toMatch(/newer version of Twinning/);

    expect((await refusal(restoreDatabase(target, fresh('missing.db')))).code).toBe('file_missing');
    // Nothing was created where DATABASE_URL points.
    expect(() => readFileSync(target)).toThrow();
  });

  it('writes a backup only to a new file unless forced, and only of a database that exists', async () => {
    const original = await demoDatabase();
    const existing = fresh('existing.db');
    writeFileSync(existing, 'keep me');
    const exists = await refusal(backupDatabase(original, existing));
    expect(exists.code).toBe('file_exists');
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    await backupDatabase(original, existing, { force: true });
    expect(readFileSync(existing).subarray(0, 15).toString()).toBe('SQLite format 3');

    expect((await refusal(backupDatabase(fresh('none.db'), fresh('b.db')))).code).toBe(
      'source_missing',
    );
    expect((await refusal(backupDatabase(':memory:', fresh('b.db')))).code).toBe('unsupported');
    // PostgreSQL's side is pg-backup.spec.ts's; a server that cannot be reached is named.
    const unreachable = await refusal(
      backupDatabase('postgres://twinning:secret@db.example/twinning', fresh('b.db')),
    );
    expect(unreachable.code).toBe('unreachable');
    expect(unreachable.message).toContain('postgres://twinning:***@db.example/twinning');
  });
});
