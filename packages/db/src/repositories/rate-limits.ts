// Rate-limit counters in fixed windows, shared by every process on the database. Each hit is one
// statement (an upsert), so concurrent hits from several processes count exactly.
import { eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { changedRows, tablesFor } from '../dialect.ts';

export interface RateLimitCount {
  /** Hits in the current window. */
  count: number;
  /** When the window ends (its count then starts again from zero). */
  resetAt: Date;
}

export function createRateLimitRepository(db: Db) {
  const { rateLimits } = tablesFor(db);
  return {
    /** Counts one hit; a window that has ended starts again at this hit, lasting `windowMs`. */
    async hit(key: string, windowMs: number, now: Date): Promise<RateLimitCount> {
      const resetAt = new Date(now.getTime() + windowMs);
      // Times as the column stores them (ms on SQLite, timestamptz on PostgreSQL).
      const at = sql.param(now, rateLimits.resetAt);
      const nextReset = sql.param(resetAt, rateLimits.resetAt);
      const [row] = await db
        .insert(rateLimits)
        .values({ key, count: 1, resetAt })
        .onConflictDoUpdate({
          target: rateLimits.key,
          // SQLite evaluates every expression against the row before the update.
          set: {
            count: sql`CASE WHEN ${rateLimits.resetAt} <= ${at} THEN 1 ELSE ${rateLimits.count} + 1 END`,
            resetAt: sql`CASE WHEN ${rateLimits.resetAt} <= ${at} THEN ${nextReset} ELSE ${rateLimits.resetAt} END`,
          },
        })
        .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
      return row!;
    },

    /** The current window's count without counting (0 when none is open). */
    async peek(key: string, now: Date): Promise<RateLimitCount> {
      const [row] = await db
        .select({ count: rateLimits.count, resetAt: rateLimits.resetAt })
        .from(rateLimits)
        .where(eq(rateLimits.key, key));
      if (!row || row.resetAt.getTime() <= now.getTime()) return { count: 0, resetAt: now };
      return row;
    },

    async clear(key: string): Promise<void> {
      await db.delete(rateLimits).where(eq(rateLimits.key, key));
    },

    /** Drops the counters of windows that have ended (upkeep; they count as zero anyway). */
    async deleteExpired(now: Date): Promise<number> {
      const result = await db.delete(rateLimits).where(lte(rateLimits.resetAt, now));
      return changedRows(result);
    },
  };
}

export type RateLimitRepository = ReturnType<typeof createRateLimitRepository>;
