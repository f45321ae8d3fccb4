// A connection's frames within one turn leave in one write of its TCP socket, in order; its rate
// limit and flood detection; the hub's sockets per session and user.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { describe, expect, it, vi } from 'vitest';
import type { Message } from '@twinning/contracts/conversations';
import { createLocalEventBus } from './event-bus.ts';
import { Connection, Hub, sessionKeyOf, socketsPerSession, socketsPerUser } from './hub.ts';

/** What the connection does to its TCP socket and WebSocket, in order. */
function fakes(log: string[]) {
  const tcp = {
    cork: () => log.push('cork'),
    uncork: () => log.push('uncork'),
  } as unknown as Socket;
  const socket = Object.assign(new EventEmitter(), {
    OPEN: 1,
    readyState: 1,
    send: (data: string | Buffer, options?: { binary?: boolean }) =>
      log.push(`send ${data.toString()}${options?.binary === false ? ' (text)' : ''}`),
  }) as unknown as WebSocket;
  return { tcp, socket };
}

function messageOf(seq: number): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    authorId: 'u2',
    body: `message ${seq}`,
    clientMessageId: `c${seq}`,
    createdAt: '2026-09-01T08:00:00.000Z',
  };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('Connection.write', () => {
  it('corks once for the frames of one turn and uncorks after them, frames in order', async () => {
    const log: string[] = [];
    const { tcp, socket } = fakes(log);
    const connection = new Connection(socket, tcp, 'u1', false, 1);
    connection.send({ type: 'subscribed', conversationId: 'c1', lastSeq: 0 });
    connection.write(Buffer.from('{"type":"message"}'));
    // Continuations of the same turn (an ack after an await) join the same write.
    await Promise.resolve();
    connection.send({ type: 'pong' });
    expect(log).toEqual([
      'cork',
      'send {"type":"subscribed","conversationId":"c1","lastSeq":0}',
      'send {"type":"message"} (text)',
      'send {"type":"pong"}',
    ]);
    await nextTick();
    expect(log.at(-1)).toBe('uncork');
    // The next turn corks again.
    connection.send({ type: 'pong' });
    await nextTick();
    expect(log.slice(5)).toEqual(['cork', 'send {"type":"pong"}', 'uncork']);
  });

  it("ends the round after the turn's promise continuations, also when it began in a plain callback", async () => {
    const log: string[] = [];
    const { tcp, socket } = fakes(log);
    const connection = new Connection(socket, tcp, 'u1', false, 1);
    // As a group commit does: a callback of the loop, whose continuations write after it.
    await new Promise<void>((resolve) => {
      setImmediate(() => {
        connection.send({ type: 'subscribed', conversationId: 'c1', lastSeq: 0 });
        void Promise.resolve().then(() => connection.send({ type: 'pong' }));
        setImmediate(resolve);
      });
    });
    expect(log).toEqual([
      'cork',
      'send {"type":"subscribed","conversationId":"c1","lastSeq":0}',
      'send {"type":"pong"}',
      'uncork',
    ]);
  });

  it('uncorks every socket written to in the turn', async () => {
    const logs = [[], [], []] as string[][];
    const connections = logs.map((log, i) => {
      const { tcp, socket } = fakes(log);
      return new Connection(socket, tcp, `u${i}`, false, i);
    });
    for (const c of connections) c.send({ type: 'pong' });
    connections[0]!.send({ type: 'subscribed', conversationId: 'c1', lastSeq: 0 });
    await nextTick();
    expect(logs.map((log) => log.filter((l) => l === 'cork' || l === 'uncork'))).toEqual([
      ['cork', 'uncork'],
      ['cork', 'uncork'],
      ['cork', 'uncork'],
    ]);
  });

  it('writes nothing to a socket that is not open, and sends frame by frame without a TCP socket', async () => {
    const log: string[] = [];
    const { tcp, socket } = fakes(log);
    (socket as unknown as { readyState: number }).readyState = 2;
    new Connection(socket, tcp, 'u1', false, 1).send({ type: 'pong' });
    const bare = fakes(log);
    new Connection(bare.socket, null, 'u2', false, 2).send({ type: 'pong' });
    await nextTick();
    expect(log).toEqual(['send {"type":"pong"}']);
  });
});

describe('Connection.admit (rate limit and flood)', () => {
  const connectionAt = (start: number) => {
    const { tcp, socket } = fakes([]);
    const connection = new Connection(socket, tcp, 'u1', false, 1);
    connection.admit(start); // the clock starts here; a full burst is saved up
    return connection;
  };

  /** Verdicts for `rate` frames a second over `seconds`, on the connection's own clock. */
  function steady(connection: Connection, start: number, rate: number, seconds: number) {
    const verdicts: string[] = [];
    for (let i = 1; i <= rate * seconds; i++) {
      const verdict = connection.admit(start + Math.floor((i * 1000) / rate));
      verdicts.push(verdict);
      if (verdict === 'flood') break;
    }
    return verdicts;
  }

  it('closes a steady flood of 140 frames a second within its first second, answering few of them', () => {
    // The flood: every tenth frame is allowed, which used to forgive every strike.
    const verdicts = steady(connectionAt(1_000), 1_000, 140, 5);
    expect(verdicts.at(-1)).toBe('flood');
    expect(verdicts.length).toBeLessThan(140);
    const answered = verdicts.filter((v) => v === 'answer' || v === 'refuse');
    expect(answered.length).toBeLessThan(40);
    expect(verdicts.filter((v) => v === 'refuse')).toHaveLength(1);
  });

  it('never closes a client a little over the rate, and tells it once a second', () => {
    const verdicts = steady(connectionAt(1_000), 1_000, 14, 60);
    expect(verdicts).not.toContain('flood');
    expect(verdicts.filter((v) => v === 'answer').length).toBeGreaterThan(590);
    expect(verdicts.filter((v) => v === 'refuse').length).toBeLessThanOrEqual(60);
    expect(verdicts.filter((v) => v === 'drop').length).toBeGreaterThan(0);
  });

  it('answers every frame within the rate, and forgives a burst beyond it over time', () => {
    const connection = connectionAt(1_000);
    expect(steady(connection, 1_000, 10, 30).every((v) => v === 'answer')).toBe(true);
    // 30 frames at once: 20 answered, 10 refused (one notice), then quiet for 10 seconds …
    const burst = Array.from({ length: 30 }, () => connection.admit(40_000));
    expect(burst.filter((v) => v === 'answer')).toHaveLength(20);
    expect(burst.filter((v) => v === 'refuse')).toHaveLength(1);
    // … and the strikes are gone: another such burst is not a flood.
    const again = Array.from({ length: 30 }, () => connection.admit(50_000));
    expect(again).not.toContain('flood');
    expect(again.filter((v) => v === 'answer')).toHaveLength(20);
  });
});

describe('Hub', () => {
  it("reaches each of a user's sockets as they come and go, and a logout closes only its session's", async () => {
    const events = createLocalEventBus();
    const hub = new Hub(events, { heartbeatMs: 60_000, history: async () => [] });
    const log: string[] = [];
    const session = 'ab'.repeat(32);
    const other = 'cd'.repeat(32);
    const open = (name: string, sessionId: string) => {
      const { tcp, socket } = fakes(log);
      Object.assign(socket, { close: (code: number) => log.push(`${name} closed ${code}`) });
      const connection = new Connection(socket, tcp, 'u1', false, sessionKeyOf(sessionId));
      hub.add(connection);
      return connection;
    };
    const notify = async (id: string) => {
      await events.publish({
        type: 'notification',
        userId: 'u1',
        notification: { id, kind: 'k', payload: {}, createdAt: '', readAt: null },
      });
      await nextTick();
    };
    const first = open('first', session);
    await notify('n1');
    const second = open('second', other);
    const third = open('third', session);
    expect(hub.size).toBe(3);
    await notify('n2');
    expect(log.filter((l) => l.startsWith('send')).length).toBe(1 + 3);
    hub.remove(first);
    hub.remove(first);
    expect(hub.size).toBe(2);
    await events.publish({ type: 'logout', userId: 'u1', sessionId: session });
    expect(log.filter((l) => l.includes('closed'))).toEqual(['third closed 4001']);
    hub.remove(third);
    hub.remove(second);
    expect(hub.size).toBe(0);
    await notify('n3');
    expect(log.filter((l) => l.startsWith('send')).length).toBe(4);
    hub.close();
  });

  it(`holds at most ${socketsPerSession} sockets a session and ${socketsPerUser} a user, and makes room as they go`, () => {
    const hub = new Hub(createLocalEventBus(), { heartbeatMs: 60_000, history: async () => [] });
    const connect = (userId: string, session: number) => {
      const { tcp, socket } = fakes([]);
      Object.assign(socket, { close: () => undefined });
      const connection = new Connection(socket, tcp, userId, false, session);
      return { connection, refusal: hub.add(connection) };
    };
    const first = Array.from({ length: socketsPerSession }, () => connect('u1', 1));
    expect(first.every((c) => c.refusal === null)).toBe(true);
    expect(connect('u1', 1).refusal).toMatch(/per browser session/);
    // Another session of the same user, and another user, still get theirs.
    for (let i = 0; i < socketsPerUser - socketsPerSession; i++) {
      expect(connect('u1', 2 + (i % 2)).refusal).toBeNull();
    }
    expect(connect('u2', 1).refusal).toBeNull();
    expect(connect('u1', 9).refusal).toMatch(/per account/);
    expect(hub.size).toBe(socketsPerUser + 1);
    hub.remove(first[0]!.connection);
    expect(connect('u1', 1).refusal).toBeNull();
    hub.close();
  });

  it('puts live messages back in seq order, reading a missing seq from the database once', async () => {
    // The database: what the history reads. Messages are stored before they are published.
    const stored: Message[] = [];
    const store = (seq: number) => {
      const message = messageOf(seq);
      stored.push(message);
      return message;
    };
    const reads: number[] = [];
    const events = createLocalEventBus();
    let reconnect = () => undefined as void;
    const bus = { ...events, onReconnect: (h: () => void) => ((reconnect = h), () => undefined) };
    const hub = new Hub(bus, {
      heartbeatMs: 60_000,
      gapWaitMs: 20,
      history: async (_actor, _id, { afterSeq, limit }) => {
        reads.push(afterSeq);
        return stored.filter((m) => m.seq > afterSeq).slice(0, limit);
      },
    });
    const log: string[] = [];
    const { tcp, socket } = fakes(log);
    Object.assign(socket, { close: () => undefined });
    const connection = new Connection(socket, tcp, 'u1', false, 1);
    hub.add(connection);
    const subscription = connection.beginSubscription('c1', 0);
    await hub.catchUp(connection, 'c1', subscription);
    const publish = (message: Message) =>
      events.publish({ type: 'message', memberIds: ['u1'], message });
    const sentSeqs = () =>
      log
        .filter((l) => l.startsWith('send'))
        .map(
          (l) =>
            (JSON.parse(l.slice(5).replace(' (text)', '')) as { message: Message }).message.seq,
        );

    await publish(store(1));
    // 2 and 3 are stored (by another process); 3's event comes first, 2's is lost: after a
    // moment's wait, 2 is read from the database, then 3 is sent.
    store(2);
    await publish(store(3));
    expect(sentSeqs()).toEqual([1]);
    await vi.waitFor(() => expect(sentSeqs()).toEqual([1, 2, 3]));
    expect(reads).toEqual([0, 1]);
    // 5's event before 4's, and 4's comes within the wait: both sent in order, nothing read.
    const four = store(4);
    await publish(store(5));
    expect(sentSeqs()).toEqual([1, 2, 3]);
    await publish(four);
    expect(sentSeqs()).toEqual([1, 2, 3, 4, 5]);
    expect(reads).toEqual([0, 1]);
    // A late event of 2 is not sent again.
    await publish(stored[1]!);
    expect(sentSeqs()).toEqual([1, 2, 3, 4, 5]);

    // Events lost while the bus was away: after its reconnect the socket reads them.
    store(6);
    store(7);
    reconnect();
    await vi.waitFor(() => expect(sentSeqs()).toEqual([1, 2, 3, 4, 5, 6, 7]));
    await publish(stored[6]!);
    expect(sentSeqs()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(reads).toEqual([0, 1, 5]);
    hub.close();
  });

  it('keys a session by the first 48 bits of its id', () => {
    expect(sessionKeyOf('ffffffffffff' + '0'.repeat(52))).toBe(2 ** 48 - 1);
    expect(sessionKeyOf('0123456789ab' + 'f'.repeat(52))).toBe(0x0123456789ab);
  });
});
