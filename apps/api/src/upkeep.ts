// The hourly upkeep (expired sessions, ended rate-limit windows, the database's statistics),
// claimed so that one process runs it an hour however many run. With Redis the claim is a key
// set only if absent (SET NX PX) that lapses a little before the next hour, so whichever
// process's timer fires first after it lapses runs the upkeep, and one that stopped is replaced
// at once. Without Redis every process runs its own: the embedded default is one process, and
// each task is idempotent, so a second run only costs a little work. If Redis is away when the
// hour comes, the process runs it anyway, for the same reason.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export const upkeepEveryMs = 60 * 60 * 1000;

/** Whether this process runs `task` now; the claim lasts `forMs`. */
export type UpkeepClaim = (task: string, forMs: number) => Promise<boolean>;

/** Every process runs every upkeep (one process, or no shared store). */
export const claimAlways: UpkeepClaim = async () => true;

export function redisUpkeepClaim(redis: Redis, prefix = 'twinning:upkeep:'): UpkeepClaim {
  const holder = randomBytes(8).toString('hex');
  return async (task, forMs) => {
    if (redis.status !== 'ready') return true;
    try {
      return (await redis.set(prefix + task, holder, 'PX', forMs, 'NX')) === 'OK';
    } catch {
      return true;
    }
  };
}

export interface UpkeepOptions {
  claim: UpkeepClaim;
  /** The work; its failures are logged, never thrown. */
  run(): Promise<void>;
  log: { error(object: object, message: string): void };
  everyMs?: number;
}

/** Runs the upkeep once if this process wins the claim; says whether it did. */
export async function runClaimedUpkeep(
  { claim, run, log }: UpkeepOptions,
  everyMs = upkeepEveryMs,
): Promise<boolean> {
  // Lapses before the next hour (timers drift), never within this one.
  if (!(await claim('hourly', Math.max(1, Math.floor(everyMs * 0.9))))) return false;
  try {
    await run();
  } catch (error) {
    log.error({ err: error }, 'Hourly upkeep failed');
  }
  return true;
}

/** Starts the hourly timer; returns the way to stop it. */
export function scheduleUpkeep(options: UpkeepOptions): () => void {
  const everyMs = options.everyMs ?? upkeepEveryMs;
  const timer = setInterval(() => void runClaimedUpkeep(options, everyMs), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
