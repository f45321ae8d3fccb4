// SQLite's side of backup and restore. A backup is taken with SQLite's online backup API in one
// step, which reads one snapshot in one read transaction: in WAL mode the running platform
// keeps writing meanwhile, and the copy is consistent (what was committed before the step,
// nothing after). Files are written under a temporary name and renamed when whole, so a
// failure leaves neither half a backup nor half a database.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  BackupError,
  type BackupOptions,
  type BackupSummary,
  type MigrationLevel,
  type RestoreSummary,
  type RowCounts,
} from './backup.ts';
import { migrationsFolder, openDatabase, sqlitePathFromUrl } from './client.ts';

/** Tables whose rows a summary counts, when the database has them. */
const summaryTables = [
  'institutions',
  'users',
  'offers',
  'partnerships',
  'applications',
  'conversations',
  'messages',
  'notifications',
];

/** Tables every Twinning database has had since its first migration. */
const coreTables = ['institutions', 'users', 'offers', 'partnerships'];

export interface JournalEntry {
  tag: string;
  when: number;
}

/** The migrations this version knows, oldest first (drizzle-kit's journal). */
export function knownMigrations(folder: string = migrationsFolder): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'));
  return (journal.entries as JournalEntry[]).map(({ tag, when }) => ({ tag, when }));
}

function databasePath(databaseUrl: string): string {
  const path = sqlitePathFromUrl(databaseUrl);
  if (path === ':memory:') {
    throw new BackupError('unsupported', 'DATABASE_URL is :memory:, which keeps nothing to copy.');
  }
  return resolve(path);
}

/** A temporary name beside `file`, so the final rename stays on one file system. */
function temporaryBeside(file: string, purpose: string): string {
  return join(dirname(file), `.${basename(file)}.${purpose}-${randomBytes(4).toString('hex')}`);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

function tableNames(db: Database.Database, types: string[]): string[] {
  const rows = db
    .prepare(
      `select name from pragma_table_list where schema = 'main' and type in (${types
        .map(() => '?')
        .join(', ')}) and name not like 'sqlite\\_%' escape '\\' order by name`,
    )
    .all(...types) as { name: string }[];
  return rows.map((r) => r.name);
}

function rowCount(db: Database.Database, table: string): number {
  return (
    db.prepare(`select count(*) as n from "${table.replaceAll('"', '""')}"`).get() as {
      n: number;
    }
  ).n;
}

function summaryRows(db: Database.Database): RowCounts {
  const present = new Set(tableNames(db, ['table']));
  const rows: RowCounts = {};
  for (const table of summaryTables) if (present.has(table)) rows[table] = rowCount(db, table);
  return rows;
}

/**
 * Opens an existing file as SQLite (read-only unless it is to be locked); `what` names it in
 * messages. A file that is not SQLite, or not whole, is refused here.
 */
export function openExisting(file: string, what: string, readonly = true): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      throw new BackupError('damaged', `${what} fails SQLite's integrity check: ${String(check)}.`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new BackupError('not_a_database', `${what} is not an SQLite database.`);
    }
    if (code === 'SQLITE_CANTOPEN') {
      throw new BackupError('not_a_database', `${what} cannot be opened as a database.`);
    }
    throw error;
  }
  return db;
}

/**
 * The migration level of a Twinning database, or the reason it is not one this version can
 * read: drizzle records each migration it applied with the journal's timestamp.
 */
export function migrationLevel(db: Database.Database, what: string): MigrationLevel {
  const known = knownMigrations();
  const tables = new Set(tableNames(db, ['table']));
  const applied = tables.has('__drizzle_migrations')
    ? (db
        .prepare('select created_at as at from __drizzle_migrations order by created_at')
        .all() as {
        at: number;
      }[])
    : [];
  if (applied.length === 0 || coreTables.some((t) => !tables.has(t))) {
    throw new BackupError('not_twinning', `${what} is an SQLite database, but not Twinning's.`);
  }
  const last = Number(applied[applied.length - 1]!.at);
  const newest = known[known.length - 1]!;
  if (last > newest.when) {
    throw new BackupError(
      'too_new',
      `${what} was made by a newer version of Twinning (${applied.length} migrations; this version knows ${known.length}, up to ${newest.tag}). Use that version, or a newer one.`,
    );
  }
  const index = known.findIndex((m) => m.when === last);
  if (index === -1) {
    throw new BackupError(
      'not_twinning',
      `${what} has a migration this version does not know (recorded at ${new Date(last).toISOString()}).`,
    );
  }
  return { tag: known[index]!.tag, applied: index + 1, known: known.length };
}

export async function backupSqlite(
  databaseUrl: string,
  file: string,
  { force = false }: BackupOptions,
): Promise<BackupSummary> {
  const database = databasePath(databaseUrl);
  const target = resolve(file);
  if (target === database) {
    throw new BackupError('file_exists', 'The backup file is the database itself.');
  }
  if (!existsSync(database)) {
    throw new BackupError('source_missing', `There is no database at ${database}.`);
  }
  if (existsSync(target) && !force) {
    throw new BackupError(
      'file_exists',
      `${target} exists already; name a new file, or pass --force to replace it.`,
    );
  }
  mkdirSync(dirname(target), { recursive: true });
  const source = openExisting(database, `The database at ${database}`);
  const partial = temporaryBeside(target, 'partial');
  try {
    const level = migrationLevel(source, `The database at ${database}`);
    // After the first step, every remaining page in one step: one read transaction, so one
    // snapshot, and writers elsewhere cannot make the copy start over.
    await source.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial, { fileMustExist: true });
    try {
      // One self-contained file, whatever mode the source was in.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails SQLite's integrity check: ${check}`);
      migrationLevel(copy, 'The copy');
      const rows = summaryRows(copy);
      copy.close();
      renameSync(partial, target);
      return { database, file: target, bytes: statSync(target).size, migration: level, rows };
    } finally {
      if (copy.open) copy.close();
    }
  } finally {
    source.close();
    removeDatabaseFiles(partial);
  }
}

/** Whether another connection has the database open (the running platform keeps it in WAL). */
function inUse(db: Database.Database): boolean {
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  }
}

/** Rows of data in the target, by table (migration bookkeeping and FTS shadows left out). */
function dataIn(db: Database.Database): RowCounts {
  const rows: RowCounts = {};
  for (const table of tableNames(db, ['table'])) {
    if (table === '__drizzle_migrations') continue;
    const n = rowCount(db, table);
    if (n > 0) rows[table] = n;
  }
  return rows;
}

/** "4,859 institutions, 5 users, 312 offers": the main tables, else the fullest ones. */
export function describeRows(rows: RowCounts): string {
  const main = summaryTables.filter((table) => rows[table]);
  const shown =
    main.length > 0
      ? main
      : Object.keys(rows)
          .sort((a, b) => rows[b]! - rows[a]!)
          .slice(0, 3);
  return shown.map((table) => `${rows[table]!.toLocaleString('en')} ${table}`).join(', ');
}

export async function restoreSqlite(
  databaseUrl: string,
  file: string,
  { force = false }: BackupOptions,
): Promise<RestoreSummary> {
  const database = databasePath(databaseUrl);
  const backupFile = resolve(file);
  if (!existsSync(backupFile)) {
    throw new BackupError('file_missing', `There is no backup at ${backupFile}.`);
  }
  if (backupFile === database) {
    throw new BackupError('file_exists', 'The backup file is the database itself.');
  }

  // The backup first: nothing is touched unless it is one this version can restore.
  const backup = openExisting(backupFile, `The file ${backupFile}`);
  let migratedFrom: MigrationLevel;
  try {
    migratedFrom = migrationLevel(backup, `The file ${backupFile}`);
  } catch (error) {
    backup.close();
    throw error;
  }

  let replaced = false;
  try {
    if (existsSync(database) && statSync(database).size > 0) {
      const current = openExisting(database, `The file DATABASE_URL names (${database})`, false);
      try {
        if (inUse(current)) {
          throw new BackupError(
            'target_in_use',
            `The database at ${database} is in use (is the platform running?). Stop it, then restore.`,
          );
        }
        const data = dataIn(current);
        if (Object.keys(data).length > 0) {
          if (!force) {
            throw new BackupError(
              'target_not_empty',
              `The database at ${database} holds data (${describeRows(data)}); restoring would replace it. Pass --force to replace it, or point DATABASE_URL at an empty location.`,
            );
          }
          replaced = true;
        }
      } finally {
        current.close();
      }
    }

    mkdirSync(dirname(database), { recursive: true });
    const restoring = temporaryBeside(database, 'restoring');
    try {
      await backup.backup(restoring, { progress: () => 0x7fffffff });
      // Migrated forward and set up as the platform opens it (WAL), then closed: checkpointed.
      const handle = openDatabase(restoring);
      let migration: MigrationLevel;
      let rows: RowCounts;
      try {
        migration = migrationLevel(handle.sqlite, 'The restored database');
        rows = summaryRows(handle.sqlite);
      } finally {
        handle.close();
      }
      // A stale WAL beside the new file would be read as part of it.
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(database + suffix, { force: true });
      renameSync(restoring, database);
      return { database, file: backupFile, replaced, migratedFrom, migration, rows };
    } finally {
      removeDatabaseFiles(restoring);
    }
  } finally {
    backup.close();
  }
}
