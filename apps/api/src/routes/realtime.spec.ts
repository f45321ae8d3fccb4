// The real-time protocol with real WebSocket clients over TCP against a listening app.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { ServerFrame } from '@twinning/contracts/realtime';
import { createRandom } from '@twinning/core/random';
import { connectionOf, socketsPerSession, socketsPerUser } from '../realtime/hub.ts';
import { lecturerAt, postOffer, signUp } from '../testing/actors.ts';
import { createTestApp, sessionCookieOf, TestClock, type TestApp } from '../testing/test-app.ts';
import { TestSocket, type Frame } from '../testing/ws-client.ts';
import { api } from '../testing/api-request.ts';

let t: TestApp;
let base: string;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  t = await createTestApp({ wsHeartbeatMs: 60_000 }, new TestClock());
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await t.close();
});

async function open(cookie?: string, origin?: string): Promise<TestSocket> {
  const socket = await TestSocket.open(base, cookie, origin);
  sockets.push(socket);
  return socket;
}

/** Two lecturers and the (empty) conversation their partnership request opened. */
async function pair() {
  const berlin = await lecturerAt(t, 'inst-tum');
  const kyoto = await lecturerAt(t, 'inst-kyoto');
  const mine = await postOffer(t, berlin.cookie);
  const theirs = await postOffer(t, kyoto.cookie, {
    timeZone: 'Asia/Tokyo',
    windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/partnerships',
    headers: { cookie: berlin.cookie },
    // No message: a request's message would be the conversation's first (seq 1).
    payload: { offerId: mine.id, partnerOfferId: theirs.id },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { berlin, kyoto, conversationId: res.json().conversationId as string };
}

const isType = (type: string) => (f: Frame) => f.type === type;
const messageSeq = (seq: number) => (f: Frame) =>
  f.type === 'message' && (f.message as { seq: number }).seq === seq;

describe('messages over the WebSocket', () => {
  it('corks the very TCP socket its WebSocket writes to (frames of a turn leave in one write)', async () => {
    const { berlin } = await pair();
    await open(berlin.cookie);
    const [server] = [...t.app.websocketServer.clients];
    expect(server).toBeDefined();
    const connection = connectionOf(server!);
    // `_socket`: where `ws` writes (no public name for it); the connection must cork that one.
    expect(connection?.tcp).toBeTruthy();
    expect(connection?.tcp).toBe((server as unknown as { _socket: unknown })._socket);
  });

  it('stores with seq 1, 2, 3, acks the sender and delivers to every subscribed socket of both', async () => {
    const { berlin, kyoto, conversationId } = await pair();
    const a = await open(berlin.cookie);
    const a2 = await open(berlin.cookie);
    const b = await open(kyoto.cookie);
    for (const s of [a, a2, b]) {
      s.send({ type: 'subscribe', conversationId, afterSeq: 0 });
      expect(await s.next(isType('subscribed'))).toEqual({
        type: 'subscribed',
        conversationId,
        lastSeq: 0,
      });
    }
    for (const body of ['one', 'two', 'three']) {
      a.send({ type: 'send', conversationId, clientMessageId: `c-${body}`, body });
    }
    const acks = await Promise.all(
      ['c-one', 'c-two', 'c-three'].map((id) =>
        a.next((f) => f.type === 'ack' && f.clientMessageId === id),
      ),
    );
    expect(acks.map((f) => (f.message as { seq: number }).seq)).toEqual([1, 2, 3]);
    for (const s of [a, a2, b]) {
      await s.next(messageSeq(3));
      expect(
        s.ofType('message').map((f) => [(f.message as Frame).seq, (f.message as Frame).body]),
      ).toEqual([
        [1, 'one'],
        [2, 'two'],
        [3, 'three'],
      ]);
    }
    // History over HTTP agrees, for members only.
    const history = await api(
      t,
      'GET',
      `/api/conversations/${conversationId}/messages?afterSeq=1`,
      { cookie: kyoto.cookie },
    );
    expect(history.json().items.map((m: { body: string }) => m.body)).toEqual(['two', 'three']);
  });

  it('stores nothing new for a retried clientMessageId and acks the first message again', async () => {
    const { berlin, conversationId } = await pair();
    const a = await open(berlin.cookie);
    a.send({ type: 'subscribe', conversationId, afterSeq: 0 });
    await a.next(isType('subscribed'));
    a.send({ type: 'send', conversationId, clientMessageId: 'same', body: 'hello' });
    const first = await a.next(isType('ack'));
    a.send({ type: 'send', conversationId, clientMessageId: 'same', body: 'hello' });
    a.send({ type: 'ping' });
    await a.next(isType('pong'));
    const acks = a.ofType('ack');
    expect(acks).toHaveLength(2);
    expect(acks[1]!.message).toEqual(first.message);
    expect(a.ofType('message')).toHaveLength(1);
  });

  it('catches up after a disconnect: every missed message in order, then subscribed', async () => {
    const { berlin, kyoto, conversationId } = await pair();
    const a = await open(berlin.cookie);
    a.send({ type: 'subscribe', conversationId, afterSeq: 0 });
    await a.next(isType('subscribed'));
    for (let i = 1; i <= 6; i++) {
      a.send({ type: 'send', conversationId, clientMessageId: `m${i}`, body: `message ${i}` });
    }
    await a.next((f) => f.type === 'ack' && f.clientMessageId === 'm6');
    const b = await open(kyoto.cookie);
    b.send({ type: 'subscribe', conversationId, afterSeq: 2 });
    const subscribed = await b.next(isType('subscribed'));
    expect(subscribed.lastSeq).toBe(6);
    const seqs = b.frames
      .slice(0, b.frames.indexOf(subscribed))
      .map((f) => (f.message as { seq: number }).seq);
    expect(seqs).toEqual([3, 4, 5, 6]);
  });

  it('lets only members read or write, and says what is wrong with a bad frame', async () => {
    const { conversationId } = await pair();
    const stranger = await signUp(t, 'student');
    const s = await open(stranger.cookie);
    s.send({ type: 'subscribe', conversationId, afterSeq: 0 });
    expect(await s.next(isType('error'))).toMatchObject({ code: 'forbidden', ref: conversationId });
    s.send({ type: 'send', conversationId, clientMessageId: 'x', body: 'hi' });
    expect(await s.next((f) => f.type === 'error' && f.ref === 'x')).toMatchObject({
      code: 'forbidden',
    });
    s.send({ type: 'subscribe', conversationId: 'nope', afterSeq: 0 });
    expect(await s.next((f) => f.ref === 'nope')).toMatchObject({ code: 'not_found' });
    s.send({ type: 'send', conversationId, clientMessageId: 'y', body: '' });
    expect(await s.next((f) => f.ref === 'y')).toMatchObject({ code: 'invalid_input' });
    const res = await api(t, 'GET', `/api/conversations/${conversationId}/messages`, {
      cookie: stranger.cookie,
    });
    expect(res.statusCode).toBe(403);
    // The socket is still open and answers.
    s.send({ type: 'ping' });
    await s.next(isType('pong'));
  });

  it('checks every frame against its schema in the contract and names what is wrong', async () => {
    const { berlin, conversationId } = await pair();
    const a = await open(berlin.cookie);
    const answered = new Set<Frame>();
    const nextError = async () => {
      const error = await a.next((f) => f.type === 'error' && !answered.has(f));
      answered.add(error);
      return error;
    };
    const refused = async (frame: object, ref: string | undefined, message: string) => {
      a.send(frame);
      expect(await nextError()).toEqual({
        type: 'error',
        code: 'invalid_input',
        message,
        ...(ref === undefined ? {} : { ref }),
      });
    };
    await refused(
      { type: 'send', conversationId, clientMessageId: 'm1' },
      'm1',
      'Invalid send frame: body is required.',
    );
    await refused(
      { type: 'send', conversationId, clientMessageId: 'm2', body: ' \n ' },
      'm2',
      'Invalid send frame: body must not be blank.',
    );
    await refused(
      { type: 'send', conversationId: 7, clientMessageId: 'x'.repeat(101), body: 'hi' },
      'x'.repeat(101),
      'Invalid send frame: conversationId must be string; clientMessageId must not have more than 100 characters.',
    );
    await refused(
      { type: 'subscribe', conversationId: '', afterSeq: -1 },
      '',
      'Invalid subscribe frame: conversationId must not have fewer than 1 characters; afterSeq must be >= 0.',
    );
    await refused(
      { type: 'read', conversationId, seq: 1.5 },
      conversationId,
      'Invalid read frame: seq must be integer.',
    );
    await refused(
      { type: 'typing' },
      undefined,
      'Invalid typing frame: conversationId is required.',
    );
    for (const type of ['shout', 7, undefined]) {
      a.send({ type, conversationId });
      expect(await nextError()).toMatchObject({
        code: 'unknown_type',
        message: `Frame type ${JSON.stringify(type)} is not supported.`,
      });
    }
    // Nothing was stored, and the socket still answers.
    a.send({ type: 'ping' });
    await a.next(isType('pong'));
    const history = await api(t, 'GET', `/api/conversations/${conversationId}/messages`, {
      cookie: berlin.cookie,
    });
    expect(history.json().items).toEqual([]);
  });

  it('sends only frames of the contract: each matches one of its server frames', async () => {
    const { berlin, kyoto, conversationId } = await pair();
    const a = await open(berlin.cookie);
    const b = await open(kyoto.cookie);
    for (const s of [a, b]) {
      s.send({ type: 'subscribe', conversationId, afterSeq: 0 });
      await s.next(isType('subscribed'));
    }
    a.send({ type: 'send', conversationId, clientMessageId: 'c1', body: 'hello' });
    await b.next(messageSeq(1));
    a.send({ type: 'typing', conversationId });
    await b.next(isType('typing'));
    b.send({ type: 'read', conversationId, seq: 1 });
    await a.next(isType('read'));
    a.send({ type: 'ping' });
    a.send({ type: 'nonsense' });
    a.send({ type: 'subscribe', conversationId: 'nope' });
    await a.next((f) => f.type === 'error' && f.ref === 'nope');
    await a.next(isType('pong'));
    const mine = await postOffer(t, berlin.cookie, { title: 'Another offer of the same lecturer' });
    const theirs = await postOffer(t, kyoto.cookie, { timeZone: 'Asia/Tokyo' });
    await api(t, 'POST', '/api/partnerships', {
      cookie: kyoto.cookie,
      payload: { offerId: theirs.id, partnerOfferId: mine.id },
    });
    await a.next(isType('notification'));
    const check = Compile(ServerFrame);
    const frames = [...a.frames, ...b.frames];
    expect(new Set(frames.map((f) => f.type))).toEqual(
      new Set(['subscribed', 'message', 'ack', 'typing', 'read', 'pong', 'error', 'notification']),
    );
    for (const frame of frames) expect(check.Check(frame), JSON.stringify(frame)).toBe(true);
  });

  it('names a non-finite number in a frame (1e309 reads as Infinity) and keeps the socket open', async () => {
    const { berlin, conversationId } = await pair();
    const s = await open(berlin.cookie);
    s.send(`{"type":"subscribe","conversationId":"${conversationId}","afterSeq":1e309}`);
    expect(await s.next(isType('error'))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/afterSeq/),
    });
    s.send(`{"type":"read","conversationId":"${conversationId}","seq":-1e309}`);
    expect(
      await s.next((f) => f.type === 'error' && /\bseq must/.test(String(f.message))),
    ).toMatchObject({ code: 'invalid_input' });
    s.send({ type: 'ping' });
    await s.next(isType('pong'));
    expect(s.closed).toBeUndefined();
  });

  it('refuses bodies over 4000 characters and frames over 16 KB, and the socket stays open', async () => {
    const { berlin, conversationId } = await pair();
    const a = await open(berlin.cookie);
    a.send({ type: 'send', conversationId, clientMessageId: 'long', body: 'x'.repeat(4001) });
    expect(await a.next((f) => f.ref === 'long')).toMatchObject({ code: 'invalid_input' });
    a.send({ type: 'send', conversationId, clientMessageId: 'huge', body: 'x'.repeat(20_000) });
    expect(await a.next(isType('error'))).toMatchObject({ code: 'invalid_input' });
    expect(await a.next((f) => f.code === 'too_large')).toMatchObject({ type: 'error' });
    a.send({ type: 'ping' });
    await a.next(isType('pong'));
    expect(a.closed).toBeUndefined();
  });

  it('answers a burst beyond the rate with errors, and closes a flooding socket with 1008', async () => {
    const { berlin } = await pair();
    const a = await open(berlin.cookie);
    for (let i = 0; i < 30; i++) a.send({ type: 'ping' });
    await a.next(isType('error'));
    expect(a.ofType('error')[0]).toMatchObject({ code: 'rate_limited' });
    for (let i = 0; i < 200; i++) a.send({ type: 'ping' });
    expect((await a.waitClosed()).code).toBe(1008);
  });

  it('closes a steady flood of bad frames (14 every 100 ms, as reported) with 1008, without answering it frame by frame', async () => {
    const student = await signUp(t, 'student');
    const a = await open(student.cookie);
    let sent = 0;
    // A steady stream (not one burst): some frames always fall within the rate.
    const flood = setInterval(() => {
      if (a.closed || a.ws.readyState !== a.ws.OPEN) return;
      for (let i = 0; i < 14; i++, sent++) a.send('not json');
    }, 100);
    try {
      expect((await a.waitClosed(15_000)).code).toBe(1008);
    } finally {
      clearInterval(flood);
    }
    const answered = a.frames.filter((f) => f.code === 'invalid_frame').length;
    const notices = a.frames.filter((f) => f.code === 'rate_limited').length;
    // Refused frames got one notice between them, not one each.
    expect(notices).toBeGreaterThan(0);
    expect(notices * 5).toBeLessThan(sent - answered);
  });

  it(`closes a session's socket beyond ${socketsPerSession} and a user's beyond ${socketsPerUser} with 4029, saying why`, async () => {
    const email = 'many.tabs@example.org';
    const user = await signUp(t, 'student', { email });
    for (let i = 0; i < socketsPerSession; i++) await open(user.cookie);
    const extra = await open(user.cookie);
    expect((await extra.waitClosed()).code).toBe(4029);
    expect(extra.frames).toEqual([
      expect.objectContaining({ type: 'error', code: 'too_many_sockets' }),
    ]);
    // The session's sockets still work.
    const first = sockets[0]!;
    first.send({ type: 'ping' });
    await first.next(isType('pong'));
    // Another session of the same user: up to the user's limit in all.
    const login = await api(t, 'POST', '/api/auth/login', {
      payload: { email, password: 'a long password' },
    });
    const again = sessionCookieOf(login.headers);
    for (let i = socketsPerSession; i < socketsPerUser; i++) await open(again);
    const beyond = await open(again);
    expect((await beyond.waitClosed()).code).toBe(4029);
    expect(beyond.frames[0]).toMatchObject({ code: 'too_many_sockets' });
  });

  it('passes typing and read to the others; read cursors only move forward; unread counts follow', async () => {
    const { berlin, kyoto, conversationId } = await pair();
    const a = await open(berlin.cookie);
    const b = await open(kyoto.cookie);
    // The reader's other socket (another tab): it hears the reader's reads, the reading one does not.
    const b2 = await open(kyoto.cookie);
    b.send({ type: 'subscribe', conversationId, afterSeq: 0 });
    await b.next(isType('subscribed'));
    for (let i = 1; i <= 3; i++) {
      a.send({ type: 'send', conversationId, clientMessageId: `r${i}`, body: `hi ${i}` });
    }
    await b.next(messageSeq(3));
    a.send({ type: 'typing', conversationId });
    expect(await b.next(isType('typing'))).toMatchObject({ conversationId });
    const unread = async () =>
      (await api(t, 'GET', '/api/conversations', { cookie: kyoto.cookie })).json().items[0].unread;
    expect(await unread()).toBe(3);
    b.send({ type: 'read', conversationId, seq: 2 });
    expect(await a.next(isType('read'))).toMatchObject({ seq: 2, conversationId });
    expect(await unread()).toBe(1);
    b.send({ type: 'read', conversationId, seq: 1 });
    b.send({ type: 'read', conversationId, seq: 99 });
    await a.next((f) => f.type === 'read' && f.seq === 3);
    expect(a.ofType('read').map((f) => f.seq)).toEqual([2, 2, 3]);
    await b2.next((f) => f.type === 'read' && f.seq === 3);
    expect(b2.ofType('read').map((f) => f.seq)).toEqual([2, 2, 3]);
    expect(b.ofType('read')).toEqual([]);
    expect(await unread()).toBe(0);
  });

  it('pushes a notification the moment it is stored', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const b = await open(kyoto.cookie);
    const mine = await postOffer(t, berlin.cookie);
    const theirs = await postOffer(t, kyoto.cookie, { timeZone: 'Asia/Tokyo' });
    await api(t, 'POST', '/api/partnerships', {
      cookie: berlin.cookie,
      payload: { offerId: mine.id, partnerOfferId: theirs.id },
    });
    const frame = await b.next(isType('notification'));
    expect(frame.notification).toMatchObject({
      kind: 'partnership_requested',
      readAt: null,
      payload: { offerId: mine.id, partnerOfferId: theirs.id },
    });
    const list = await api(t, 'GET', '/api/notifications', { cookie: kyoto.cookie });
    expect(list.json()).toMatchObject({ unread: 1 });
  });

  it('closes the sockets of a session that logs out', async () => {
    const { berlin } = await pair();
    const a = await open(berlin.cookie);
    await api(t, 'POST', '/api/auth/logout', { cookie: berlin.cookie });
    expect((await a.waitClosed()).code).toBe(4001);
    await expect(open(berlin.cookie)).rejects.toThrow(/401/);
  });

  it('refuses the upgrade without a session or from a foreign Origin', async () => {
    const { berlin } = await pair();
    await expect(open()).rejects.toThrow(/401/);
    await expect(open(berlin.cookie, 'https://evil.example')).rejects.toThrow(/403/);
    // Refusals and a plain GET carry the security headers of a JSON error, and the error shape.
    for (const headers of [{}, { cookie: berlin.cookie }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/ws', headers });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.json().error.code).toBe(headers.cookie ? 'upgrade_required' : 'unauthorized');
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
      });
    }
  });
});

describe('soak', () => {
  it('1,000 messages between clients that drop and reconnect at random: every client ends with the same gap-free sequence', async () => {
    const { berlin, kyoto, conversationId } = await pair();
    const random = createRandom('soak');
    const total = 1000;
    const people = [berlin, kyoto, berlin, kyoto, berlin, kyoto, berlin, kyoto];
    /*
     * A socket carries at most a subscribe, one batch of retries and this many new messages:
     * fewer frames than the server's burst of 20, so the rate limit never refuses one. A client
     * that has used its socket moves to a new one (one more reconnect) instead of waiting for
     * the bucket to refill.
     */
    const sendsPerSocket = 8;

    /** A client that remembers what it saw and resubscribes from there after each drop. */
    class Client {
      socket: TestSocket | undefined;
      seen = new Map<number, string>();
      lastSeq = 0;
      pending = new Map<string, string>();
      sentOnSocket = 0;
      #done: (() => void) | undefined;
      constructor(readonly cookie: string) {}

      /** Resolves once the client holds every message and has every send of its own acked. */
      finished(): Promise<void> {
        return new Promise((resolve) => {
          this.#done = resolve;
          this.#check();
        });
      }

      #check() {
        if (this.lastSeq === total && this.pending.size === 0) this.#done?.();
      }

      async connect() {
        this.socket = await open(this.cookie);
        this.sentOnSocket = 0;
        const socket = this.socket;
        socket.ws.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as Frame;
          if (frame.type === 'message') {
            const m = frame.message as { seq: number; body: string };
            expect(this.seen.has(m.seq), `seq ${m.seq} twice`).toBe(false);
            expect(m.seq, 'in order, no gap').toBe(this.lastSeq + 1);
            this.seen.set(m.seq, m.body);
            this.lastSeq = m.seq;
          }
          if (frame.type === 'ack') this.pending.delete(frame.clientMessageId as string);
          this.#check();
        });
        socket.send({ type: 'subscribe', conversationId, afterSeq: this.lastSeq });
        await socket.next(isType('subscribed'));
        // Sends that were never acked are retried with the same id (stored at most once); their
        // acks are awaited, so no retry is left over for the next socket.
        const retries = [...this.pending];
        for (const [id, body] of retries) {
          socket.send({ type: 'send', conversationId, clientMessageId: id, body });
        }
        await Promise.all(
          retries.map(([id]) => socket.next((f) => f.type === 'ack' && f.clientMessageId === id)),
        );
      }

      drop() {
        this.socket?.close();
        this.socket = undefined;
      }
    }

    const clients = people.map((p) => new Client(p.cookie));
    for (const c of clients) await c.connect();
    for (let i = 0; i < total; i++) {
      const sender = clients[i % clients.length]!;
      if (sender.sentOnSocket === sendsPerSocket) sender.drop();
      if (!sender.socket) await sender.connect();
      const id = `soak-${i}`;
      sender.pending.set(id, `message ${i}`);
      sender.sentOnSocket++;
      sender.socket!.send({
        type: 'send',
        conversationId,
        clientMessageId: id,
        body: `message ${i}`,
      });
      if (random.chance(0.03)) {
        const victim = random.pick(clients);
        victim.drop();
        if (random.chance(0.5)) await victim.connect();
      }
    }
    for (const c of clients) if (!c.socket) await c.connect();
    // Everything sent is stored exactly once: every client ends up with all of it.
    await Promise.all(clients.map((c) => c.finished()));
    for (const c of clients) expect(c.socket!.ofType('error')).toEqual([]);
    const expected = [...clients[0]!.seen.entries()];
    expect(expected).toHaveLength(total);
    expect(new Set(expected.map(([, body]) => body)).size).toBe(total);
    for (const c of clients) expect([...c.seen.entries()]).toEqual(expected);
  }, 120_000);
});
