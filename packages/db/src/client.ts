// Opens the database named by DATABASE_URL and brings it to the latest migration.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

/** The drizzle database; `$client` is the better-sqlite3 connection under it. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface DatabaseHandle {
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

/** A SQLite path, a `file:` URL or `:memory:`; `postgres://` is named but not yet served. */
export function sqlitePathFromUrl(url: string): string {
  const value = url.trim();
  if (value === ':memory:') return value;
  if (/^postgres(ql)?:\/\//i.test(value)) {
    throw new Error(
      'DATABASE_URL names PostgreSQL, which this version does not serve yet: use a SQLite file path such as ./data/twinning.db',
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
  return {
    db,
    sqlite,
    location,
    analyze: () => sqlite.exec('ANALYZE'),
    optimize: () => sqlite.pragma('optimize'),
    close: () => sqlite.close(),
  };
}
