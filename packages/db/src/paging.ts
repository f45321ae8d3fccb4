// Opaque keyset cursors: the sort key of the last row seen, so pages stay stable under inserts.
import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export class BadCursorError extends Error {
  constructor() {
    super('cursor is not one this API handed out');
  }
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadCursorError();
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with ESCAPE '\'. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A page from `limit + 1` rows fetched in order: the first `limit`, and a cursor made of the last
 * one's sort key when there was more.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => (string | number)[],
): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Newest first by (createdAt, id): the rows strictly after the cursor's row. */
export function olderThanCursor(createdAt: SQLiteColumn, id: SQLiteColumn, cursor: string): SQL {
  const [at, lastId] = decodeCursor(cursor, 2) as [number, string];
  return or(lt(createdAt, new Date(at)), and(eq(createdAt, new Date(at)), lt(id, lastId)))!;
}

/** The cursor key of a row listed newest first. */
export const newestFirstKey = (row: { createdAt: Date; id: string }) => [
  row.createdAt.getTime(),
  row.id,
];
