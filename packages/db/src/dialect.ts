// What the two drivers do differently, done the same way for the repositories: running raw
// SQL, reading how many rows a write changed, recognising a unique violation (the SQL that
// differs between the dialects lives beside each repository, behind `dialectOfDb`).
import type { SQL } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { tablesOf, type Db } from './client.ts';
import type * as schema from './schema.ts';
import { dialectOfDb } from './transaction.ts';

/**
 * How many rows an insert, update or delete without `returning` changed: better-sqlite3's
 * `changes`, node-postgres's `rowCount`.
 */
export function changedRows(result: unknown): number {
  const outcome = result as { changes?: number; rowCount?: number | null };
  return Number(outcome.changes ?? outcome.rowCount ?? 0);
}

/** Whether the error (or one it wraps) is a unique constraint's: SQLite's or PostgreSQL's. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
    if (code === '23505') return true;
    if (e === (e as { cause?: unknown }).cause) break;
  }
  return false;
}

/** Runs a statement written in SQL both dialects read (a write, or DDL); resolves when done. */
export async function execute(db: Db, statement: SQL): Promise<void> {
  if (dialectOfDb(db) === 'postgres') {
    await (db as unknown as PgDatabase<never>).execute(statement);
  } else {
    await db.run(statement);
  }
}

/** The rows of a query written in SQL both dialects read, as objects by column name. */
export async function rows<Row>(db: Db, query: SQL): Promise<Row[]> {
  if (dialectOfDb(db) === 'postgres') {
    const result = await (db as unknown as PgDatabase<never>).execute(query);
    return (result as unknown as { rows: Row[] }).rows;
  }
  return db.all<Row>(query);
}

/**
 * Latin letters without their diacritics ("Zürich" → "Zurich"), as SQLite's FTS5 tokenizer
 * (`remove_diacritics 2`) reads them; other scripts' marks (Thai vowels, Japanese dakuten) stay.
 */
export function foldLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
}

/** The tables of the database's dialect, typed as SQLite's (see tablesOf in client.ts). */
export function tablesFor(db: Db): typeof schema {
  return tablesOf(dialectOfDb(db));
}
