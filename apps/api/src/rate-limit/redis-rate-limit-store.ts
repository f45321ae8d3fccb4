// Rate-limit counters in Redis (REDIS_URL): one key a window, counted and given its expiry in
// one Lua script, so parallel hits from every process add up atomically and the window starts
// at its first hit, as in the database store. While Redis is away the counters fall back to the
// database store (still shared by the processes), so limits hold through an outage; a window
// open in Redis when it went is not carried over, and the database's is not carried back.
import type { Redis } from 'ioredis';
import type { RateLimitStore, RateLimitWindow } from './rate-limit-store.ts';

/** INCR, and PEXPIRE on the window's first hit (or if a key somehow has no expiry). */
const hitScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

export interface RedisRateLimitStoreOptions {
  redis: Redis;
  /** Used while Redis is not connected (and for a command that fails). */
  fallback: RateLimitStore;
  /** Key prefix, one namespace for the platform's counters. */
  prefix?: string;
}

export function redisRateLimitStore({
  redis,
  fallback,
  prefix = 'twinning:rate-limit:',
}: RedisRateLimitStoreOptions): RateLimitStore {
  const up = () => redis.status === 'ready';
  return {
    async hit(key, windowMs) {
      if (!up()) return fallback.hit(key, windowMs);
      let reply: unknown;
      try {
        reply = await redis.eval(hitScript, 1, prefix + key, String(windowMs));
      } catch {
        return fallback.hit(key, windowMs);
      }
      const [count, ttl] = reply as [number, number];
      return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
    },
    async peek(key): Promise<RateLimitWindow> {
      if (!up()) return fallback.peek(key);
      try {
        const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
        if (count === null || ttl < 0) return { count: 0, resetInMs: 0 };
        return { count: Number(count), resetInMs: ttl };
      } catch {
        return fallback.peek(key);
      }
    },
    async clear(key) {
      // Both: a window may have opened in the database during an outage.
      await Promise.all([
        up() ? redis.del(prefix + key).catch(() => undefined) : undefined,
        fallback.clear(key),
      ]);
    },
  };
}
