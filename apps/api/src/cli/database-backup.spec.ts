// The command-line side of backup and restore: what a person types and reads, and the exit
// codes, on SQLite and on PostgreSQL (the `api-pg` project: pg_dump and pg_restore).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  redactedUrl,
  tablesOf,
} from '@twinning/db/client';
import { createInstitutionRepository } from '@twinning/db/repositories/institutions';
import {
  databaseTemplate,
  databaseUrlOn,
  testDialect,
  testPostgresUrl,
} from '@twinning/db/testing/database-template';
import { testInstitutions } from '../testing/test-app.ts';
import { databaseBackupCommand } from './database-backup.ts';

const dialect = testDialect();
const withInstitutions = databaseTemplate((db) =>
  createInstitutionRepository(db).createMany(testInstitutions),
);
/** Migrated, without data: where a restore may go on PostgreSQL (a server has no "no file"). */
const empty = databaseTemplate();
/** A backup file's name: SQLite's is a database file, PostgreSQL's pg_dump's custom format. */
const backupName = (name: string) => `${name}.${dialect === 'postgres' ? 'dump' : 'db'}`;
/** How the command names a database: SQLite's path, PostgreSQL's URL without its password. */
const shown = (url: string) => (dialect === 'postgres' ? redactedUrl(url) : url);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let dir: string;
const cleanups: (() => void)[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twinning-backup-cli-'));
});
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** The command as `pnpm db:backup …` / `pnpm db:restore …` runs it, typed in `dir`. */
async function run(databaseUrl: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await databaseBackupCommand(
    args,
    { DATABASE_URL: databaseUrl, INIT_CWD: dir },
    { log: (line) => out.push(line), error: (line) => err.push(line) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('pnpm db:backup and pnpm db:restore', () => {
  it('back up, restore into an empty location, refuse to overwrite data without --force', async () => {
    const copy = await withInstitutions.copy();
    cleanups.push(copy.remove);
    const nightly = backupName('nightly');
    // A relative FILE is where the command was typed (INIT_CWD).
    const backup = await run(copy.url, 'backup', nightly);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(
      new RegExp(
        `^Backed up ${escaped(shown(copy.url))} to ${escaped(join(dir, nightly))} \\(\\d+ KB, migration \\d{4}_\\w+\\): 4 institutions, 0 users, 0 offers`,
      ),
    );
    const again = await run(copy.url, 'backup', nightly);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${nightly} exists already; name a new file, or pass --force`);

    let target = join(dir, 'restored', 'twinning.db');
    if (dialect === 'postgres') {
      const into = await empty.copy();
      cleanups.push(into.remove);
      target = into.url;
    }
    const restore = await run(target, 'restore', nightly);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toMatch(
      new RegExp(
        `^Restored ${escaped(join(dir, nightly))} into ${escaped(shown(target))} \\(migration \\d{4}_\\w+\\): 4 institutions`,
      ),
    );
    const restored = await connectDatabase(target);
    const { institutions } = tablesOf(dialect);
    expect(await databaseOf(restored).select().from(institutions)).toHaveLength(4);
    await closeDatabase(restored);

    const over = await run(target, 'restore', nightly);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/holds data \(4 institutions\).*Pass --force/);
    const forced = await run(target, 'restore', nightly, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/, replacing what was there \(/);
  });

  it('says what is wrong with the command line (exit 2) or the file (exit 1)', async () => {
    const target =
      dialect === 'postgres'
        ? databaseUrlOn(testPostgresUrl(), 'never_created')
        : join(dir, 'never.db');
    for (const args of [[], ['copy', 'a.db'], ['restore'], ['backup', 'a.db', 'b.db']]) {
      const wrong = await run(target, ...args);
      expect(wrong.code, args.join(' ')).toBe(2);
      expect(wrong.stderr).toMatch(/usage: pnpm db:(backup|restore) FILE \[--force\]/);
    }
    expect((await run(target, 'backup', 'a.db', '--quick')).code).toBe(2);
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'These are notes, not a database. '.repeat(40));
    expect(await run(target, 'restore', notes)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        dialect === 'postgres'
          ? `The file ${notes} is not a PostgreSQL backup (pg_dump's custom format).`
          : `The file ${notes} is not an SQLite database.`,
    });
    const missing = await run(target, 'backup', 'b.db');
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    if (dialect === 'postgres') {
      expect(missing.stderr).toContain(
        `Cannot connect to the PostgreSQL database DATABASE_URL names (${redactedUrl(target)}): `,
      );
      expect(missing.stderr).toContain('"never_created" does not exist');
    } else {
      expect(missing.stderr).toBe(`There is no database at ${target}.`);
    }
    expect(await run('postgres://db.example/twinning', 'backup', 'b.db')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('PostgreSQL'),
    });
  });

  it('runs as a program: the exit code is the command’s', async () => {
    const cli = fileURLToPath(new URL('./database-backup.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'restore', 'missing.db'], {
      env: { ...process.env, DATABASE_URL: join(dir, 'nothing.db'), INIT_CWD: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`There is no backup at ${join(dir, 'missing.db')}.`);
  });
});
