// Rate-limit counters behind one small interface, so that every process counts against the same
// budget: the database implementation today (one statement a hit, shared by every process on
// the database); a Redis one (INCR + PEXPIRE) can take its place for scale-out without touching
// the limits that use it — the HTTP limit per client address and the failed log-ins per account.
import type { RateLimitRepository } from '@twinning/db/repositories/rate-limits';

/** A fixed window's state after a hit or a look. */
export interface RateLimitWindow {
  /** Hits in the current window (0: no window open). */
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetInMs: number;
}

export interface RateLimitStore {
  /** Counts one hit on `key`; the first hit after a window ended opens a new one of `windowMs`. */
  hit(key: string, windowMs: number): Promise<RateLimitWindow>;
  /** The current window of `key`, without counting. */
  peek(key: string): Promise<RateLimitWindow>;
  /** Forgets `key`: its next hit opens a new window. */
  clear(key: string): Promise<void>;
}

export function databaseRateLimitStore(
  repository: RateLimitRepository,
  now: () => Date,
): RateLimitStore {
  const windowOf = ({ count, resetAt }: { count: number; resetAt: Date }, at: Date) => ({
    count,
    resetInMs: Math.max(0, resetAt.getTime() - at.getTime()),
  });
  return {
    async hit(key, windowMs) {
      const at = now();
      return windowOf(await repository.hit(key, windowMs, at), at);
    },
    async peek(key) {
      const at = now();
      return windowOf(await repository.peek(key, at), at);
    },
    clear: (key) => repository.clear(key),
  };
}
