// The hourly upkeep runs once an hour across processes when they share Redis, and in every
// process without it (or while Redis is away).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisService } from '../../../scripts/services/redis.ts';
import { claimAlways, redisUpkeepClaim, runClaimedUpkeep } from './upkeep.ts';

let redis: RedisService;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.close();
});

const log = { error: () => undefined };

async function connect(): Promise<Redis> {
  const client = new Redis(redis.url, { enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => undefined);
  await new Promise((resolve) => client.once('ready', resolve));
  return client;
}

describe('the hourly upkeep', () => {
  it('runs in one of several processes sharing Redis, each hour', async () => {
    const processes = await Promise.all([connect(), connect(), connect()]);
    try {
      let runs = 0;
      const run = async () => void runs++;
      const ran = await Promise.all(
        processes.map((p) => runClaimedUpkeep({ claim: redisUpkeepClaim(p), run, log })),
      );
      expect(ran.filter(Boolean)).toHaveLength(1);
      expect(runs).toBe(1);
      // The claim lapses before the next hour: 90% of it.
      const ttl = await processes[0]!.pttl('twinning:upkeep:hourly');
      expect(ttl).toBeGreaterThan(50 * 60_000);
      expect(ttl).toBeLessThanOrEqual(54 * 60_000);
      // Lapsed (as an hour later): the next one to ask runs it.
      await processes[0]!.del('twinning:upkeep:hourly');
      expect(await runClaimedUpkeep({ claim: redisUpkeepClaim(processes[2]!), run, log })).toBe(
        true,
      );
      expect(runs).toBe(2);
    } finally {
      for (const p of processes) p.disconnect();
    }
  });

  it('runs in every process without Redis, and when Redis is away', async () => {
    let runs = 0;
    const run = async () => void runs++;
    await runClaimedUpkeep({ claim: claimAlways, run, log });
    await runClaimedUpkeep({ claim: claimAlways, run, log });
    expect(runs).toBe(2);
    const away = await connect();
    away.disconnect();
    expect(await runClaimedUpkeep({ claim: redisUpkeepClaim(away), run, log })).toBe(true);
    expect(runs).toBe(3);
  });

  it('logs a failing upkeep instead of throwing', async () => {
    const errors: object[] = [];
    const ran = await runClaimedUpkeep({
      claim: claimAlways,
      run: async () => {
        throw new Error('database locked');
      },
      log: { error: (object) => errors.push(object) },
    });
    expect(ran).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
