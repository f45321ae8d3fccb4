// Opens the database named by DATABASE_URL and brings it to the latest migration: a SQLite file
// (the embedded default) or, for `postgres://` URLs, a PostgreSQL database.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import * as pgSchema from './schema.pg.ts';
import { installSqliteGate } from './transaction.ts';

export type Dialect = 'sqlite' | 'postgres';

/** The drizzle database; `$client` is the better-sqlite3 connection under it. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface DatabaseHandle {
  dialect: 'sqlite';
  db: Db;
  /** The better-sqlite3 connection itself, for tests and tools that write fixtures in SQL. */
  sqlite: Database.Database;
  /** The file it lives in, or `:memory:`. */
  location: string;
  /** Gathers the statistics the query planner uses (after bulk loads). */
  analyze(): void;
  /** SQLite's periodic `PRAGMA optimize`: refreshes statistics where they went stale. */
  optimize(): void;
  close(): void;
}

export const defaultDatabaseUrl = './data/twinning.db';
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
export const pgMigrationsFolder = fileURLToPath(new URL('../migrations-pg', import.meta.url));

/** Which dialect a DATABASE_URL names: `postgres://` and `postgresql://` are PostgreSQL. */
export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(url.trim()) ? 'postgres' : 'sqlite';
}

/** A SQLite path, a `file:` URL or `:memory:` (a `postgres://` URL is connectDatabase's). */
export function sqlitePathFromUrl(url: string): string {
  const value = url.trim();
  if (value === ':memory:') return value;
  if (/^postgres(ql)?:\/\//i.test(value)) {
    throw new Error(
      `DATABASE_URL ${redactedUrl(value)} names PostgreSQL, where a SQLite file is needed here: open it with connectDatabase`,
    );
  }
  if (value.startsWith('file:')) {
    const withoutQuery = value.replace(/\?.*$/, '');
    return withoutQuery.startsWith('file://')
      ? fileURLToPath(withoutQuery)
      : withoutQuery.slice('file:'.length);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(`DATABASE_URL has an unknown scheme: ${value.split(':')[0]}`);
  }
  return value;
}

export function openDatabase(url: string = defaultDatabaseUrl): DatabaseHandle {
  const path = sqlitePathFromUrl(url);
  const location = path === ':memory:' ? path : resolve(path);
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  const sqlite = new Database(location);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Reads go through a memory map of the file (pages the kernel shares with its file cache and
  // drops under pressure), so SQLite's own page cache stays at its default 2 MB: 64 MB made no
  // difference to statistics or search at 100k offers, and filled with every session a
  // reconnect storm read (~1 KB of anonymous memory per socket at 10k sockets).
  sqlite.pragma('cache_size = -2000');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  // Lets the query planner use fresh statistics (SQLite's advice: at open and now and then).
  sqlite.pragma('optimize=0x10002');
  // Transactions may await (transaction.ts): their bodies get a database of their own on the
  // same connection, and `db` holds its queries while one is open.
  installSqliteGate(db, drizzle(sqlite, { schema }), sqlite);
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    location,
    analyze: () => sqlite.exec('ANALYZE'),
    optimize: () => sqlite.pragma('optimize'),
    close: () => sqlite.close(),
  };
}

/** The drizzle database over a PostgreSQL pool, with schema.pg.ts's tables. */
export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

export interface PostgresHandle {
  dialect: 'postgres';
  db: PgDb;
  /** The pool under it, for tests and tools that write fixtures in SQL. */
  pool: pg.Pool;
  /** Where it lives, without the password (for logs). */
  location: string;
  /** Gathers the statistics the query planner uses (after bulk loads). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/** Any key will do as long as every process of the platform uses the same one. */
const migrationLockKey = 0x7477696e; // "twin"

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * Connects to the PostgreSQL database a `postgres://` URL names and brings it to the latest
 * migration. Processes that start at once migrate one after the other (an advisory lock), so
 * the second finds the work done.
 */
export async function openPostgres(url: string): Promise<PostgresHandle> {
  if (dialectOf(url) !== 'postgres') {
    throw new Error(`DATABASE_URL is not a PostgreSQL URL (postgres://…): ${redactedUrl(url)}`);
  }
  const pool = new pg.Pool({ connectionString: url.trim(), max: 10 });
  // An idle connection that the server ends (restart, admin) must not crash the process; the
  // pool drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
      try {
        // Quiet: "relation already exists, skipping" notices from the migrator's own table.
        await client.query(`set client_min_messages = warning`);
        await migratePg(drizzlePg(client), { migrationsFolder: pgMigrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [migrationLockKey]);
        await client.query(`reset client_min_messages`);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    if (error instanceof Error) {
      error.message = `DATABASE_URL ${redactedUrl(url)}: ${error.message}`;
    }
    throw error;
  }
  const db = drizzlePg(pool, { schema: pgSchema });
  return {
    dialect: 'postgres',
    db,
    pool,
    location: redactedUrl(url),
    analyze: async () => {
      await pool.query('ANALYZE');
    },
    close: () => pool.end(),
  };
}

/** Either dialect's handle. */
export type AnyDatabaseHandle = DatabaseHandle | PostgresHandle;

/** Opens the database DATABASE_URL names, whichever dialect it is. */
export async function connectDatabase(
  url: string = defaultDatabaseUrl,
): Promise<AnyDatabaseHandle> {
  return dialectOf(url) === 'postgres' ? openPostgres(url) : openDatabase(url);
}

/**
 * The tables of a dialect, typed as SQLite's: the repositories are written once, against the
 * SQLite schema's types, with calls both drivers have; on PostgreSQL the same calls get
 * schema.pg.ts's tables, which schema-drift.spec.ts holds to the same columns and types.
 */
export function tablesOf(dialect: Dialect): typeof schema {
  return dialect === 'postgres' ? (pgSchema as unknown as typeof schema) : schema;
}

/** A handle's database, typed as the repositories see it (see tablesOf). */
export function databaseOf(handle: AnyDatabaseHandle): Db {
  return handle.dialect === 'postgres' ? (handle.db as unknown as Db) : handle.db;
}

/** Closes either dialect's handle. */
export async function closeDatabase(handle: AnyDatabaseHandle): Promise<void> {
  await handle.close();
}
