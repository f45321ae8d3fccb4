// This process's two connections to Redis when REDIS_URL is set: one for commands (publishing
// events, rate-limit counters, the upkeep's claim) and one that only listens (a subscribed
// connection can send nothing else). Both reconnect forever with a capped backoff; commands
// fail at once while Redis is away (no offline queue: callers fall back or keep what they must
// resend), and every change of state is logged once, not once per retry.
import { Redis } from 'ioredis';

/** The part of a pino logger this needs. */
export interface RedisLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface RedisLink {
  readonly url: string;
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** Both connections are ready. */
  readonly connected: boolean;
  /** Waits until both connections are ready; rejects after `timeoutMs`, naming the server. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Reconnect after 100 ms, 200 ms … at most 2 s apart, for as long as it takes. */
function retryDelay(attempt: number): number {
  return Math.min(attempt * 100, 2000);
}

/** The URL without its password, for logs. */
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable)';
  }
}

/** Redis did not answer in time (at start: the process refuses to run half-connected). */
export class RedisUnavailableError extends Error {}

/** Resolves once `redis` is ready, or rejects after `timeoutMs` with its last error. */
function whenReady(redis: Redis, where: string, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError = '';
    const onError = (error: Error) => (lastError = error.message);
    const onReady = () => {
      clearTimeout(timer);
      redis.off('error', onError);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      redis.off('error', onError);
      reject(
        new RedisUnavailableError(
          `Redis at ${where} (REDIS_URL) is not answering after ${timeoutMs / 1000} s${lastError ? `: ${lastError}` : ''}`,
        ),
      );
    }, timeoutMs);
    redis.on('error', onError);
    redis.once('ready', onReady);
  });
}

function connection(url: string, role: string, log: RedisLog): Redis {
  const redis = new Redis(url, {
    connectionName: `twinning-${role}`,
    retryStrategy: retryDelay,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // The subscriber re-subscribes itself on 'ready' (redis-event-bus.ts), so that it knows
    // when it is listening again.
    autoResubscribe: false,
    lazyConnect: false,
    // The events a group commit publishes in one turn leave in one write.
    enableAutoPipelining: true,
  });
  const where = redactedRedisUrl(url);
  let down = false;
  let lastError = '';
  // An 'error' listener always: without one, ioredis's errors would crash the process.
  redis.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    log.warn({ redis: where, connection: role, err: error.message }, 'Redis connection error');
  });
  redis.on('close', () => {
    if (down) return;
    down = true;
    log.error(
      { redis: where, connection: role },
      'Redis unavailable: real time reaches only sockets on this process, rate limits count in the database; reconnecting',
    );
  });
  redis.on('ready', () => {
    lastError = '';
    if (!down) return;
    down = false;
    log.info({ redis: where, connection: role }, 'Redis is back');
  });
  return redis;
}

/** Opens both connections (they connect in the background; `ready()` waits for both). */
export function openRedisLink(url: string, log: RedisLog): RedisLink {
  const commands = connection(url, 'commands', log);
  const subscriber = connection(url, 'subscriber', log);
  return {
    url,
    commands,
    subscriber,
    get connected() {
      return commands.status === 'ready' && subscriber.status === 'ready';
    },
    async ready(timeoutMs = 10_000) {
      const where = redactedRedisUrl(url);
      await Promise.all([commands, subscriber].map((redis) => whenReady(redis, where, timeoutMs)));
    },
    async close() {
      // quit() waits for Redis to answer; when it is away, disconnect() ends at once.
      await Promise.all(
        [commands, subscriber].map((redis) =>
          redis.status === 'ready'
            ? redis.quit().catch(() => redis.disconnect())
            : redis.disconnect(),
        ),
      );
    },
  };
}
