// Several processes, one platform: two apps (two "processes") on one database and one real
// redis-server, each listening on its own port, driven by real WebSocket clients and HTTP. The
// database is the test helper's (createTestApp / createSecondApp), so these run on whichever
// dialect it is given.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis, type RedisService } from '../../../scripts/services/redis.ts';
import { lecturerAt, postOffer, secretariat } from './testing/actors.ts';
import { createSecondApp, createTestApp, TestClock, type TestApp } from './testing/test-app.ts';
import { TestSocket, type Frame } from './testing/ws-client.ts';
import type { Config } from './config.ts';

let redis: RedisService;
let a: TestApp;
let b: TestApp;
let closeB: () => Promise<void>;
/** B's own repositories (b.repositories is A's; both are on one database). */
let repositoriesB: TestApp['repositories'];
let baseA: string;
let baseB: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.close();
});

async function startBoth(overrides: Partial<Config> = {}) {
  const config = { redisUrl: redis.url, wsHeartbeatMs: 60_000, ...overrides };
  const clock = new TestClock();
  a = await createTestApp(config, clock);
  const second = await createSecondApp(a, config, clock);
  b = { ...a, app: second.app };
  repositoriesB = second.repositories;
  closeB = second.close;
  baseA = await a.app.listen({ port: 0, host: '127.0.0.1' });
  baseB = await b.app.listen({ port: 0, host: '127.0.0.1' });
}

beforeEach(async () => {
  // Redis is up and empty for every test (as its database is new), whatever the one before did.
  await redis.start();
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await closeB?.();
  await a?.close();
});

async function open(base: string, cookie: string): Promise<TestSocket> {
  const socket = await TestSocket.open(base, cookie);
  sockets.push(socket);
  return socket;
}

const isType = (type: string) => (f: Frame) => f.type === type;
const messageSeq = (seq: number) => (f: Frame) =>
  f.type === 'message' && (f.message as { seq: number }).seq === seq;
const seqsOf = (socket: TestSocket) =>
  socket.ofType('message').map((f) => (f.message as { seq: number }).seq);

function request(
  t: TestApp,
  method: 'GET' | 'POST',
  url: string,
  cookie: string,
  payload?: object,
) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

/** A lecturer signed up on A, one on B, and their offers (each posted on their own process). */
async function lecturersOnBoth() {
  const berlin = await lecturerAt(a, 'inst-tum');
  const kyoto = await lecturerAt(b, 'inst-kyoto');
  const mine = await postOffer(a, berlin.cookie);
  const theirs = await postOffer(b, kyoto.cookie, {
    timeZone: 'Asia/Tokyo',
    windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
  });
  return { berlin, kyoto, mine, theirs };
}

async function subscribed(socket: TestSocket, conversationId: string, afterSeq = 0) {
  socket.send({ type: 'subscribe', conversationId, afterSeq });
  return socket.next((f) => f.type === 'subscribed' && f.conversationId === conversationId);
}

describe('two processes, one database, one Redis', () => {
  it('takes a lecturer on A and one on B through request → accept → chat → read receipts, live', async () => {
    await startBoth();
    const { berlin, kyoto, mine, theirs } = await lecturersOnBoth();
    const onA = await open(baseA, berlin.cookie);
    const onB = await open(baseB, kyoto.cookie);

    // Request on A: the partner, connected to B, hears of it at once.
    const requested = await request(a, 'POST', '/api/partnerships', berlin.cookie, {
      offerId: mine.id,
      partnerOfferId: theirs.id,
      message: 'Shall we run this together in the autumn?',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const { id: partnershipId, conversationId } = requested.json();
    const told = await onB.next(isType('notification'));
    expect(told.notification).toMatchObject({ kind: 'partnership_requested' });

    // Accepted on B: the requester, connected to A, hears of it.
    const accepted = await request(
      b,
      'POST',
      `/api/partnerships/${partnershipId}/accept`,
      kyoto.cookie,
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const decided = await onA.next(
      (f) =>
        f.type === 'notification' &&
        (f.notification as { kind: string }).kind === 'partnership_decided',
    );
    expect(decided.notification).toMatchObject({ kind: 'partnership_decided' });

    // Chat: the request's message is seq 1; then one from each side, each delivered across.
    expect((await subscribed(onA, conversationId)).lastSeq).toBe(1);
    expect((await subscribed(onB, conversationId)).lastSeq).toBe(1);
    onA.send({ type: 'send', conversationId, clientMessageId: 'a-1', body: 'Hello from München' });
    expect((await onB.next(messageSeq(2))).message).toMatchObject({
      authorId: berlin.id,
      body: 'Hello from München',
    });
    onB.send({ type: 'send', conversationId, clientMessageId: 'b-1', body: 'Hello from Kyoto' });
    expect((await onA.next(messageSeq(3))).message).toMatchObject({
      authorId: kyoto.id,
      body: 'Hello from Kyoto',
    });
    await onB.next((f) => f.type === 'ack' && f.clientMessageId === 'b-1');

    // Read receipts: Kyoto reads on B, München sees it on A, and the other way round.
    onB.send({ type: 'read', conversationId, seq: 3 });
    expect(await onA.next(isType('read'))).toEqual({
      type: 'read',
      conversationId,
      userId: kyoto.id,
      seq: 3,
    });
    onA.send({ type: 'read', conversationId, seq: 3 });
    expect(await onB.next(isType('read'))).toEqual({
      type: 'read',
      conversationId,
      userId: berlin.id,
      seq: 3,
    });

    // Each socket got each message once, in seq order (its own included).
    await onA.next(messageSeq(3));
    await onB.next(messageSeq(2));
    expect(seqsOf(onA)).toEqual([1, 2, 3]);
    expect(seqsOf(onB)).toEqual([1, 2, 3]);
    // The sender's own message came as a message frame once, not twice (local + Redis).
    expect(
      onA.ofType('message').filter((f) => (f.message as { seq: number }).seq === 2),
    ).toHaveLength(1);
  });

  it('delivers concurrent senders on both processes gap-free, in seq order, once, on every socket', async () => {
    await startBoth();
    const { berlin, kyoto, mine, theirs } = await lecturersOnBoth();
    const requested = await request(a, 'POST', '/api/partnerships', berlin.cookie, {
      offerId: mine.id,
      partnerOfferId: theirs.id,
    });
    const { conversationId } = requested.json();
    // Senders: two sockets of each lecturer, on both processes; watchers: one of each on each.
    const senders = [
      await open(baseA, berlin.cookie),
      await open(baseB, berlin.cookie),
      await open(baseA, kyoto.cookie),
      await open(baseB, kyoto.cookie),
    ];
    const watchers = [
      await open(baseA, berlin.cookie),
      await open(baseB, berlin.cookie),
      await open(baseA, kyoto.cookie),
      await open(baseB, kyoto.cookie),
    ];
    for (const s of [...senders, ...watchers]) await subscribed(s, conversationId);
    // 15 each (within a socket's burst of 20 frames), all at once.
    const perSender = 15;
    senders.forEach((s, i) => {
      for (let n = 0; n < perSender; n++) {
        s.send({ type: 'send', conversationId, clientMessageId: `s${i}-${n}`, body: `${i}/${n}` });
      }
    });
    const total = senders.length * perSender;
    const expected = Array.from({ length: total }, (_, i) => i + 1);
    for (const s of [...senders, ...watchers]) {
      await s.next(messageSeq(total));
      expect(seqsOf(s)).toEqual(expected);
    }
    // Every message stored once, under the ids its sender gave.
    const history = await request(
      a,
      'GET',
      `/api/conversations/${conversationId}/messages?afterSeq=0&limit=100`,
      berlin.cookie,
    );
    const bodies = (history.json().items as { body: string }[]).map((m) => m.body).sort();
    expect(bodies).toHaveLength(total);
    expect(new Set(bodies).size).toBe(total);
  });

  it('runs a matching round started on both processes at once once', async () => {
    await startBoth();
    const sec = await secretariat(a);
    await lecturersOnBoth();
    // "At once" for certain, not by luck of timing: whichever process stores its round first keeps
    // it running until the other process has answered. (A small round can otherwise finish before
    // the other request reaches the database, and a round started after one ended is allowed.)
    let firstAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswered = resolve));
    for (const rounds of [a.repositories.matchingRounds, repositoriesB.matchingRounds]) {
      const start = rounds.start.bind(rounds);
      rounds.start = async (input) => {
        const result = await start(input);
        if (result.started) await answered;
        return result;
      };
    }
    const requests = [
      request(a, 'POST', '/api/matching-rounds', sec.cookie),
      request(b, 'POST', '/api/matching-rounds', sec.cookie),
    ];
    void Promise.race(requests).then(firstAnswered, firstAnswered);
    const [onA, onB] = await Promise.all(requests);
    expect([onA!.statusCode, onB!.statusCode].sort()).toEqual([201, 409]);
    const [done, refused] = onA!.statusCode === 201 ? [onA!, onB!] : [onB!, onA!];
    expect(refused.json().error.message).toContain(done.json().id);
    const rounds = await a.repositories.matchingRounds.list(10);
    expect(rounds.map((r) => r.status)).toEqual(['done']);
  });

  it('counts the limit per address across processes, in Redis, not the database', async () => {
    await startBoth({ rateLimitAuth: 4 });
    const keys = new Redis(redis.url);
    try {
      const login = (t: TestApp, email: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: 'not the password' },
        });
      // Four attempts a minute from one address: two on each process, then both refuse.
      expect((await login(a, 'x@example.org')).statusCode).toBe(401);
      expect((await login(b, 'x@example.org')).statusCode).toBe(401);
      expect((await login(a, 'y@example.org')).statusCode).toBe(401);
      expect((await login(b, 'y@example.org')).statusCode).toBe(401);
      const refusedA = await login(a, 'z@example.org');
      const refusedB = await login(b, 'z@example.org');
      expect([refusedA.statusCode, refusedB.statusCode]).toEqual([429, 429]);
      expect(Number(refusedB.headers['retry-after'])).toBeGreaterThan(0);
      const counters = await keys.keys('twinning:rate-limit:*');
      expect(counters.length).toBeGreaterThan(0);
      // The database kept none of it.
      for (const key of counters) {
        const window = await a.repositories.rateLimits.peek(
          key.slice('twinning:rate-limit:'.length),
          new Date(),
        );
        expect(window.count).toBe(0);
      }
    } finally {
      keys.disconnect();
    }
  });

  it('counts failed log-ins per account across processes', async () => {
    // The limit per address high enough not to interfere.
    await startBoth({ rateLimitAuth: 1000 });
    const kyoto = await lecturerAt(b, 'inst-kyoto');
    const me = await request(b, 'GET', '/api/me', kyoto.cookie);
    const email = me.json().user.email as string;
    const login = (t: TestApp, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    // Ten failures, alternating between the processes; the eleventh attempt waits on both.
    for (let i = 0; i < 10; i++) {
      expect((await login(i % 2 === 0 ? a : b, 'wrong password!')).statusCode).toBe(401);
    }
    expect((await login(a, 'a long password')).statusCode).toBe(429);
    expect((await login(b, 'a long password')).statusCode).toBe(429);
  });

  it('keeps local delivery while Redis is down, and catches B up by seq when it is back', async () => {
    await startBoth();
    const { berlin, kyoto, mine, theirs } = await lecturersOnBoth();
    const requested = await request(a, 'POST', '/api/partnerships', berlin.cookie, {
      offerId: mine.id,
      partnerOfferId: theirs.id,
      message: 'Before the outage',
    });
    const { conversationId } = requested.json();
    const sender = await open(baseA, berlin.cookie);
    const localWatcher = await open(baseA, kyoto.cookie);
    const remoteWatcher = await open(baseB, kyoto.cookie);
    for (const s of [sender, localWatcher, remoteWatcher]) await subscribed(s, conversationId);

    await redis.stop();
    // A knows Redis is gone before it sends (ioredis notices the closed socket).
    await Promise.all([lost(a), lost(b)]);
    for (const n of [2, 3, 4]) {
      sender.send({
        type: 'send',
        conversationId,
        clientMessageId: `out-${n}`,
        body: `during ${n}`,
      });
      // Acked, and delivered to A's own sockets at once: local delivery goes on.
      await sender.next((f) => f.type === 'ack' && f.clientMessageId === `out-${n}`);
      expect((await localWatcher.next(messageSeq(n))).message).toMatchObject({
        body: `during ${n}`,
      });
    }
    // B still serves HTTP (its rate limits fall back to the database), and says Redis is away.
    expect((await request(b, 'GET', '/api/me', kyoto.cookie)).statusCode).toBe(200);
    const degraded = await b.app.inject({ method: 'GET', url: '/api/health' });
    expect([degraded.statusCode, degraded.json()]).toEqual([
      200,
      { status: 'ok', redis: 'unavailable' },
    ]);

    await redis.start();
    // Back: B's socket gets every message sent on A meanwhile, in order, once …
    await remoteWatcher.next(messageSeq(4), 30_000);
    // … and live delivery across processes works again.
    await Promise.all([a.app.redis!.ready(), b.app.redis!.ready()]);
    expect((await b.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({
      status: 'ok',
      redis: 'connected',
    });
    sender.send({
      type: 'send',
      conversationId,
      clientMessageId: 'after',
      body: 'after the outage',
    });
    expect((await remoteWatcher.next(messageSeq(5))).message).toMatchObject({
      body: 'after the outage',
    });
    expect(seqsOf(remoteWatcher)).toEqual([1, 2, 3, 4, 5]);
    await localWatcher.next(messageSeq(5));
    expect(seqsOf(localWatcher)).toEqual([1, 2, 3, 4, 5]);
  });
});

/** Resolves once both of the app's Redis connections have noticed that Redis is gone. */
function lost(t: TestApp): Promise<void> {
  const link = t.app.redis!;
  return Promise.all(
    [link.commands, link.subscriber].map((connection) =>
      connection.status === 'ready'
        ? new Promise<void>((resolve) => connection.once('close', () => resolve()))
        : undefined,
    ),
  ).then(() => undefined);
}
