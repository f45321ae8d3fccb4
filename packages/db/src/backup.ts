// Backing up the database DATABASE_URL names, and restoring a backup into an empty location
// (`pnpm db:backup FILE`, `pnpm db:restore FILE`). The interface knows no dialect: SQLite's is
// in sqlite-backup.ts (SQLite's online backup API), PostgreSQL's in pg-backup.ts (pg_dump and
// pg_restore); both keep the same promises and refusals.
import { dialectOf } from './client.ts';
import { backupPostgres, restorePostgres } from './pg-backup.ts';
import { backupSqlite, restoreSqlite } from './sqlite-backup.ts';

/** Why a backup or a restore was refused; the CLI prints the message and exits with 1. */
export type BackupErrorCode =
  /** A location this version cannot back up or restore into (`:memory:`), or a tool missing. */
  | 'unsupported'
  /** The PostgreSQL server DATABASE_URL names cannot be reached (or refuses the log-in). */
  | 'unreachable'
  /** No database where DATABASE_URL points. */
  | 'source_missing'
  /** The backup file exists already (pass `force` to replace it). */
  | 'file_exists'
  /** No backup file where it was named. */
  | 'file_missing'
  /** The file is not a database of this dialect. */
  | 'not_a_database'
  /** A database, but not Twinning's (no migrations of this code's line). */
  | 'not_twinning'
  /** A Twinning database made by a newer version than this one. */
  | 'too_new'
  /** The database fails its integrity check. */
  | 'damaged'
  /** The platform (or another program) has the target database open. */
  | 'target_in_use'
  /** The target holds data (pass `force` to replace it). */
  | 'target_not_empty'
  /** The work began and failed; what it wrote was rolled back (the message says why). */
  | 'failed';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** How far a database is migrated. */
export interface MigrationLevel {
  /** The last migration applied, e.g. `0010_offers_follow_their_institution`. */
  tag: string;
  /** Migrations applied. */
  applied: number;
  /** Migrations this version of the code knows. */
  known: number;
}

/** Rows in the main tables, e.g. `{ institutions: 4859, offers: 312, … }`. */
export type RowCounts = Record<string, number>;

export interface BackupSummary {
  /** Where the database is (a file path for SQLite, the URL without password for PostgreSQL). */
  database: string;
  /** The backup, complete: written to a temporary name and renamed when whole. */
  file: string;
  bytes: number;
  migration: MigrationLevel;
  rows: RowCounts;
}

export interface RestoreSummary {
  database: string;
  file: string;
  /** Whether a database with data was replaced (only with `force`). */
  replaced: boolean;
  /** The backup's level, before it was migrated forward. */
  migratedFrom: MigrationLevel;
  /** The restored database's level: this version's latest. */
  migration: MigrationLevel;
  rows: RowCounts;
}

export interface BackupOptions {
  /** Replace an existing backup file (backup) or a database that holds data (restore). */
  force?: boolean;
}

/** A consistent copy of the database DATABASE_URL names, taken while the platform runs. */
export async function backupDatabase(
  databaseUrl: string,
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  return dialectOf(databaseUrl) === 'postgres'
    ? backupPostgres(databaseUrl, file, options)
    : backupSqlite(databaseUrl, file, options);
}

/**
 * Puts a backup where DATABASE_URL points and migrates it to this version. The location must
 * be empty (no file, or a database without data) unless `force` is given, and the platform
 * must not have it open.
 */
export async function restoreDatabase(
  databaseUrl: string,
  file: string,
  options: BackupOptions = {},
): Promise<RestoreSummary> {
  return dialectOf(databaseUrl) === 'postgres'
    ? restorePostgres(databaseUrl, file, options)
    : restoreSqlite(databaseUrl, file, options);
}
