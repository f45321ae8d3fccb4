// The server side of the real-time benchmarks, run as a child process so that its RSS is its
// own: clients, load generation and bookkeeping live in the parent and do not blur the figure.
//   node --expose-gc --import tsx bench/realtime-server.ts app <sqlite file>   the real API
//   … app <sqlite file> <redis url>     the real API as one of several processes (REDIS_URL)
//   node --expose-gc --import tsx bench/realtime-server.ts bare                bare `ws` baseline
// It says `{type:'ready', port}` over IPC, then answers `{id, type:'rss'}` (after a full GC) and
// `{id, type:'cpu'}` (CPU time, the longest event-loop stall and GC pause since the last ask),
// and exits on `{type:'exit'}`.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { hardFrameCap } from '../apps/api/src/routes/realtime.ts';
import { OPEN, WebSocketServer, type WsSocket } from './realtime-ws.ts';

const [mode, file, redisUrl] = process.argv.slice(2);

async function startApp(): Promise<{ port: number; close: () => Promise<void> }> {
  const database = openDatabase(file!);
  const repositories = createRepositories(database.db);
  // Heartbeat as configured in production (30 s): the pings are part of what a socket costs.
  const config = loadConfig({ NODE_ENV: 'test', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  const app = await buildApp({ config, repositories, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as AddressInfo).port,
    async close() {
      await app.close();
      database.close();
    },
  };
}

/*
 * The baseline: what the same protocol costs with nothing but `ws` — no HTTP framework, no
 * session lookup, no database. Same frames as the API (subscribe with afterSeq → replay then
 * `subscribed`; send → `message` to every subscriber of the room, the author included, and an
 * `ack` to the author), so the very same client code drives both. History is an in-memory array
 * per room and each message is serialised once for all its recipients, as a bare server would.
 */
async function startBare(): Promise<{ port: number; close: () => Promise<void> }> {
  interface Room {
    seq: number;
    history: { seq: number; frame: string }[];
    members: Set<WsSocket>;
  }
  const rooms = new Map<string, Room>();
  const room = (id: string) => {
    let found = rooms.get(id);
    if (!found) {
      found = { seq: 0, history: [], members: new Set() };
      rooms.set(id, found);
    }
    return found;
  };
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    maxPayload: hardFrameCap,
    perMessageDeflate: false,
  });
  server.on('connection', (socket) => {
    const joined: Room[] = [];
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as {
        type: string;
        conversationId: string;
        afterSeq?: number;
        clientMessageId?: string;
        body?: string;
      };
      const r = room(frame.conversationId);
      if (frame.type === 'subscribe') {
        const after = frame.afterSeq ?? 0;
        for (const m of r.history) if (m.seq > after) socket.send(m.frame);
        r.members.add(socket);
        joined.push(r);
        socket.send(
          JSON.stringify({
            type: 'subscribed',
            conversationId: frame.conversationId,
            lastSeq: r.seq,
          }),
        );
      } else if (frame.type === 'send') {
        const message = {
          id: `m${r.seq + 1}`,
          conversationId: frame.conversationId,
          seq: ++r.seq,
          authorId: 'author',
          body: frame.body,
          clientMessageId: frame.clientMessageId,
          createdAt: new Date().toISOString(),
        };
        const text = JSON.stringify({ type: 'message', message });
        r.history.push({ seq: message.seq, frame: text });
        for (const member of r.members) if (member.readyState === OPEN) member.send(text);
        socket.send(
          JSON.stringify({ type: 'ack', clientMessageId: frame.clientMessageId, message }),
        );
      }
    });
    socket.on('close', () => {
      for (const r of joined) r.members.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Resident memory, exactly: /proc/self/smaps_rollup walks the page tables (the RSS counters
 * of /proc/self/status and process.memoryUsage() are kept per thread and may lag by megabytes).
 * Split into anonymous memory (heap, buffers, SQLite's page cache) and pages of mapped files
 * (the code, and for the API the database file, which SQLite maps for reads — pages the kernel
 * drops when memory is short, and shared with the OS page cache).
 */
function resident(): { rss: number; rssAnon: number; rssFile: number } {
  const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN) * 1024;
  const rss = kb('Rss');
  const rssAnon = kb('Anonymous');
  return { rss, rssAnon, rssFile: rss - rssAnon };
}

const server = mode === 'app' ? await startApp() : await startBare();
const gc = (globalThis as { gc?: () => void }).gc;
let cpuMark = process.cpuUsage();
// What holds the event loop up — a latency percentile needs explaining: the loop's longest
// stalls, and how much of them garbage collection was.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let gcLongest = 0;
let gcTotal = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcLongest = Math.max(gcLongest, entry.duration);
    gcTotal += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

process.on('message', (message: { id?: number; type: string }) => {
  void (async () => {
    if (message.type === 'rss') {
      // Two full collections a moment apart: what is left is what the sockets really hold.
      // Then a pause: V8 hands the pages a collection freed back to the system from a
      // background thread, a moment later — read at once, RSS still counts some of them.
      gc?.();
      await sleep(200);
      gc?.();
      await sleep(500);
      const { heapUsed, heapTotal } = process.memoryUsage();
      process.send!({ id: message.id, heapUsed, heapTotal, ...resident() });
    } else if (message.type === 'cpu') {
      const used = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      process.send!({
        id: message.id,
        cpuMs: (used.user + used.system) / 1000,
        stallMs: loopDelay.max / 1e6,
        gcLongestMs: gcLongest,
        gcMs: gcTotal,
      });
      loopDelay.reset();
      gcLongest = 0;
      gcTotal = 0;
    } else if (message.type === 'exit') {
      await server.close();
      process.exit(0);
    }
  })();
});
process.send!({ type: 'ready', port: server.port });
