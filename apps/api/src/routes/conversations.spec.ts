// Conversations over HTTP, the direct-conversation rule, notifications, heartbeat, and delivery
// across two app instances sharing one database and one event bus (the pub/sub seam).
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLocalEventBus } from '../realtime/event-bus.ts';
import { lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';
import { TestSocket } from '../testing/ws-client.ts';
import { api } from '../testing/api-request.ts';

let t: TestApp;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(options: Parameters<typeof createTestApp>[0] = {}) {
  t = await createTestApp(options, new TestClock());
  cleanups.push(() => t.close());
  return t;
}

const start = (cookie: string, userId: string) =>
  api(t, 'POST', '/api/conversations', { cookie, payload: { userId } });

describe('direct conversations', () => {
  it('open between verified lecturers: created once, then the same one', async () => {
    await app();
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const first = await start(berlin.cookie, kyoto.id);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'direct',
      unread: 0,
      lastMessage: null,
      members: expect.arrayContaining([
        expect.objectContaining({
          id: kyoto.id,
          institutionName: 'Kyoto University',
          country: 'JP',
        }),
      ]),
    });
    const again = await start(kyoto.cookie, berlin.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const list = await api(t, 'GET', '/api/conversations', { cookie: kyoto.cookie });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([first.json().id]);
  });

  it('keeps strangers out: a student only with the owner of an offer they applied to', async () => {
    await app();
    const berlin = await lecturerAt(t, 'inst-tum');
    const student = await signUp(t, 'student');
    const refused = await start(student.cookie, berlin.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/applied to/);
    const offer = await postOffer(t, berlin.cookie, { openToStudents: true });
    const applied = await api(t, 'POST', `/api/offers/${offer.id}/applications`, {
      cookie: student.cookie,
      payload: { motivation: 'I would love to join this course and work with a partner class.' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    expect((await start(student.cookie, berlin.id)).statusCode).toBe(201);
    // Another student who did not apply is still refused, both ways.
    const other = await signUp(t, 'student');
    expect((await start(berlin.cookie, other.id)).statusCode).toBe(403);
  });

  it('refuses oneself, unknown users, and lecturers without a verified affiliation', async () => {
    await app();
    const berlin = await lecturerAt(t, 'inst-tum');
    const self = await start(berlin.cookie, berlin.id);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details).toEqual([
      { field: 'userId', message: 'must be someone else' },
    ]);
    expect((await start(berlin.cookie, 'nobody')).statusCode).toBe(404);
    const pending = await signUp(t, 'lecturer', { institutionId: 'inst-kyoto' });
    expect((await start(berlin.cookie, pending.id)).statusCode).toBe(403);
    const sec = await secretariat(t);
    const me = await api(t, 'GET', '/api/me', { cookie: sec.cookie });
    expect((await start(pending.cookie, me.json().user.id)).statusCode).toBe(201);
  });

  it('pages history upward with beforeSeq, ascending within each page', async () => {
    await app();
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const conversation = (await start(berlin.cookie, kyoto.id)).json();
    for (let i = 1; i <= 7; i++) {
      await t.repositories.conversations.append({
        id: `m${i}`,
        conversationId: conversation.id,
        authorId: berlin.id,
        body: `message ${i}`,
        clientMessageId: `c${i}`,
        at: new Date(),
      });
    }
    const page = async (query: string) =>
      (
        await api(t, 'GET', `/api/conversations/${conversation.id}/messages?${query}`, {
          cookie: kyoto.cookie,
        })
      )
        .json()
        .items.map((m: { seq: number }) => m.seq);
    expect(await page('limit=3')).toEqual([5, 6, 7]);
    expect(await page('limit=3&beforeSeq=5')).toEqual([2, 3, 4]);
    expect(await page('limit=3&beforeSeq=2')).toEqual([1]);
    expect(await page('afterSeq=5')).toEqual([6, 7]);
    const list = await api(t, 'GET', '/api/conversations', { cookie: kyoto.cookie });
    expect(list.json().items[0]).toMatchObject({
      unread: 7,
      lastSeq: 7,
      lastMessage: { seq: 7, body: 'message 7' },
    });
    const bad = await api(t, 'GET', `/api/conversations/${conversation.id}/messages?limit=1000`, {
      cookie: kyoto.cookie,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('storing messages', () => {
  it('stores the messages of one turn in one transaction, each failing on its own', async () => {
    await app();
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const conversation = (await start(berlin.cookie, kyoto.id)).json();
    const message = (i: number, conversationId = conversation.id) => ({
      id: `g${i}`,
      conversationId,
      authorId: i % 2 ? berlin.id : kyoto.id,
      body: `message ${i}`,
      clientMessageId: `c${i}`,
      at: new Date(),
    });
    // Started together: one group commit. One names no conversation (it fails before it
    // writes); one names no author (it fails after taking a seq, which must be given back);
    // one repeats an id.
    const outcomes = await Promise.allSettled([
      t.repositories.conversations.append(message(1)),
      t.repositories.conversations.append(message(2)),
      t.repositories.conversations.append(message(3, 'no-such-conversation')),
      t.repositories.conversations.append({ ...message(5), authorId: 'no-such-user' }),
      t.repositories.conversations.append({ ...message(1), id: 'g1-again' }),
      t.repositories.conversations.append(message(4)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : null));
    expect(values.map((v) => v?.message.seq ?? null)).toEqual([1, 2, null, null, 1, 3]);
    expect(values.map((v) => v?.duplicate ?? null)).toEqual([
      false,
      false,
      null,
      null,
      true,
      false,
    ]);
    // Nothing of the failed ones was written, and no seq was skipped.
    const history = await t.repositories.conversations.history(conversation.id, {
      afterSeq: 0,
      limit: 10,
    });
    expect(history.map((m) => [m.seq, m.id])).toEqual([
      [1, 'g1'],
      [2, 'g2'],
      [3, 'g4'],
    ]);
  });
});

describe('notifications', () => {
  it('lists newest first with the unread count, and marks them read', async () => {
    await app();
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const mine = await postOffer(t, berlin.cookie);
    const theirs = await postOffer(t, kyoto.cookie, { timeZone: 'Asia/Tokyo' });
    const request = await api(t, 'POST', '/api/partnerships', {
      cookie: berlin.cookie,
      payload: { offerId: mine.id, partnerOfferId: theirs.id },
    });
    await api(t, 'POST', `/api/partnerships/${request.json().id}/decline`, {
      cookie: kyoto.cookie,
    });
    const list = async (cookie: string) =>
      (
        await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie } })
      ).json();
    expect(await list(berlin.cookie)).toMatchObject({
      unread: 1,
      items: [{ kind: 'partnership_decided', payload: { status: 'declined' }, readAt: null }],
    });
    const marked = await api(t, 'POST', '/api/notifications/read', {
      cookie: berlin.cookie,
      payload: {},
    });
    expect(marked.json()).toEqual({ marked: 1 });
    expect((await list(berlin.cookie)).unread).toBe(0);
    expect((await list(kyoto.cookie)).unread).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});

describe('sockets', () => {
  it('closes a socket that stops answering pings (heartbeat)', async () => {
    await app({ wsHeartbeatMs: 150 });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const berlin = await lecturerAt(t, 'inst-tum');
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, {
      headers: { cookie: berlin.cookie, origin: base },
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    // Without pongs the server gives up after one unanswered round (abnormal close: 1006).
    expect(await closed).toBe(1006);
  });

  it('delivers across two app instances that share the database and the event bus', async () => {
    const bus = createLocalEventBus();
    const clock = new TestClock();
    t = await createTestApp({}, clock, bus);
    cleanups.push(() => t.close());
    const baseA = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const database = await connectDatabase(t.file);
    const second = await buildApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      repositories: createRepositories(databaseOf(database)),
      logger: false,
      events: bus,
      now: clock.now,
    });
    cleanups.push(async () => {
      await second.close();
      await closeDatabase(database);
    });
    const baseB = await second.listen({ port: 0, host: '127.0.0.1' });

    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const conversation = (await start(berlin.cookie, kyoto.id)).json();
    const a = await TestSocket.open(baseA, berlin.cookie);
    const b = await TestSocket.open(baseB, kyoto.cookie);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    for (const s of [a, b]) {
      s.send({ type: 'subscribe', conversationId: conversation.id, afterSeq: 0 });
      await s.next((f) => f.type === 'subscribed');
    }
    a.send({
      type: 'send',
      conversationId: conversation.id,
      clientMessageId: 'x1',
      body: 'hello B',
    });
    const got = await b.next((f) => f.type === 'message');
    expect(got.message).toMatchObject({ seq: 1, body: 'hello B', authorId: berlin.id });
    b.send({ type: 'send', conversationId: conversation.id, clientMessageId: 'y1', body: 'hi A' });
    expect(
      (await a.next((f) => f.type === 'message' && (f.message as { seq: number }).seq === 2))
        .message,
    ).toMatchObject({
      body: 'hi A',
    });
  });
});
