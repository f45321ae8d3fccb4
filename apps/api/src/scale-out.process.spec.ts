// The production shape for real: two OS processes of the server (as `pnpm start` runs it,
// without the pages) on one database and one redis-server, each on its own port, talked to only
// over HTTP and WebSocket. The database is a fresh PostgreSQL database in the `api-pg` project,
// otherwise a new SQLite file that both processes open.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createMatchingRoundRepository } from '@twinning/db/repositories/matching-rounds';
import { startRedis } from '../../../scripts/services/redis.ts';
import {
  Client,
  signUpLecturer,
  startPlatformProcesses,
  verifiedInstitutionIn,
  type PlatformProcesses,
} from './testing/platform-processes.ts';
import { TestSocket, type Frame } from './testing/ws-client.ts';

let platform: PlatformProcesses;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  platform = await startPlatformProcesses();
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await platform?.close();
}, 60_000);

async function open(client: Client): Promise<TestSocket> {
  const socket = await TestSocket.open(client.base, client.cookie);
  sockets.push(socket);
  return socket;
}

const messageSeq = (seq: number) => (f: Frame) =>
  f.type === 'message' && (f.message as { seq: number }).seq === seq;
const seqsOf = (socket: TestSocket) =>
  socket.ofType('message').map((f) => (f.message as { seq: number }).seq);

describe('two server processes on one database and one Redis', () => {
  it('serve one platform: messages cross between them live, once, in order; one round runs', async () => {
    // A first (it migrates a new database), then B.
    const baseA = await platform.start();
    const baseB = await platform.start();
    expect(baseA).not.toBe(baseB);

    platform.createAdmin({
      email: 'secretariat@asem.example',
      password: 'ledger of quiet harbours',
      name: 'Secretariat',
    });
    const secretariat = new Client(baseA);
    const loggedIn = await secretariat.call('POST', '/api/auth/login', {
      email: 'secretariat@asem.example',
      password: 'ledger of quiet harbours',
    });
    expect(loggedIn.status).toBe(200);

    // An institution of each region, verified on B, so that their lecturers may talk.
    const europe = await verifiedInstitutionIn(secretariat.on(baseB), 'europe');
    const asia = await verifiedInstitutionIn(secretariat.on(baseB), 'asia');
    const onA = await signUpLecturer(baseA, europe, 'anna', platform.databaseUrl);
    const onB = await signUpLecturer(baseB, asia, 'kenji', platform.databaseUrl);

    const started = await onA.client.call('POST', '/api/conversations', { userId: onB.id });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const conversationId = started.body.id as string;

    const a = await open(onA.client);
    const b = await open(onB.client);
    for (const s of [a, b]) {
      s.send({ type: 'subscribe', conversationId, afterSeq: 0 });
      await s.next((f) => f.type === 'subscribed');
    }
    // Both write at once, three each.
    for (let n = 0; n < 3; n++) {
      a.send({ type: 'send', conversationId, clientMessageId: `a${n}`, body: `from A ${n}` });
      b.send({ type: 'send', conversationId, clientMessageId: `b${n}`, body: `from B ${n}` });
    }
    for (const s of [a, b]) {
      await s.next(messageSeq(6));
      expect(seqsOf(s)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const bodiesOnB = b.ofType('message').map((f) => (f.message as { body: string }).body);
    expect(bodiesOnB.filter((body) => body.startsWith('from A'))).toEqual([
      'from A 0',
      'from A 1',
      'from A 2',
    ]);

    // A read receipt from B reaches A.
    b.send({ type: 'read', conversationId, seq: 6 });
    expect(await a.next((f) => f.type === 'read')).toEqual({
      type: 'read',
      conversationId,
      userId: onB.id,
      seq: 6,
    });

    // One matching round at a time across the processes. While one runs (a round a third
    // process holds, its heartbeat fresh: a real one over this handful of offers ends within
    // milliseconds, too soon to race it), a start on either process is refused, naming it.
    const startOn = (base: string) => secretariat.on(base).call('POST', '/api/matching-rounds', {});
    const database = await connectDatabase(platform.databaseUrl);
    try {
      const held = createMatchingRoundRepository(databaseOf(database));
      const at = new Date();
      const holder = {
        id: 'round-elsewhere',
        createdBy: loggedIn.body.user.id,
        parameters: {},
        at,
      };
      expect(await held.start(holder)).toEqual({ started: true });
      for (const refused of await Promise.all([startOn(baseA), startOn(baseB)])) {
        expect(refused.status).toBe(409);
        expect(refused.body.error.message).toContain('(round-elsewhere)');
      }
      await held.fail(holder.id, 'Stood in for another process.', new Date());
    } finally {
      await closeDatabase(database);
    }
    // Started on both at once: one runs, and the other is refused naming it, or (when the
    // first ended before the second came) runs after it.
    const both = await Promise.all([startOn(baseA), startOn(baseB)]);
    const ran = both.filter((r) => r.status === 201);
    expect(ran.length, JSON.stringify(both.map((r) => r.body))).toBeGreaterThanOrEqual(1);
    for (const r of both.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.error.message).toContain(`(${ran[0]!.body.id})`);
    }
  }, 120_000);

  it('refuses to start when REDIS_URL names a server that does not answer, saying which', async () => {
    const closed = await startRedis();
    const url = closed.url;
    await closed.close();
    const child = platform.spawn({
      REDIS_URL: url,
      DATABASE_URL: join(platform.dir, 'refused.db'),
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`Twinning cannot start: Redis at ${url}`);
    expect(stderr).toContain('is not answering');
  }, 60_000);
});
