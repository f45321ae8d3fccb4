// A connection's frames within one turn leave in one write of its TCP socket, in order.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { Connection } from './hub.ts';

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

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('Connection.write', () => {
  it('corks once for the frames of one turn and uncorks after them, frames in order', async () => {
    const log: string[] = [];
    const { tcp, socket } = fakes(log);
    const connection = new Connection('c1', socket, tcp, { id: 'u1' }, 's1');
    connection.send({ type: 'ack' });
    connection.write(Buffer.from('{"type":"message"}'));
    // Continuations of the same turn (an ack after an await) join the same write.
    await Promise.resolve();
    connection.send({ type: 'pong' });
    expect(log).toEqual([
      'cork',
      'send {"type":"ack"}',
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

  it('uncorks every socket written to in the turn', async () => {
    const logs = [[], [], []] as string[][];
    const connections = logs.map((log, i) => {
      const { tcp, socket } = fakes(log);
      return new Connection(`c${i}`, socket, tcp, { id: `u${i}` }, `s${i}`);
    });
    for (const c of connections) c.send({ type: 'typing' });
    connections[0]!.send({ type: 'read' });
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
    new Connection('c1', socket, tcp, { id: 'u1' }, 's1').send({ type: 'pong' });
    const bare = fakes(log);
    new Connection('c2', bare.socket, null, { id: 'u2' }, 's2').send({ type: 'pong' });
    await nextTick();
    expect(log).toEqual(['send {"type":"pong"}']);
  });
});
