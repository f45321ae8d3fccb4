// The production shape for real: two OS processes of the server (as `pnpm start` runs it,
// without the pages) on one database and one redis-server, each on its own port, talked to only
// over HTTP and WebSocket. The database is a fresh PostgreSQL database in the `api-pg` project,
// otherwise a new SQLite file that both processes open.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createMatchingRoundRepository } from '@twinning/db/repositories/matching-rounds';
import {
  databaseTemplate,
  testDialect,
  type DatabaseCopy,
} from '@twinning/db/testing/database-template';
import { startRedis, type RedisService } from '../../../scripts/services/redis.ts';
import { TestSocket, type Frame } from './testing/ws-client.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const server = join(root, 'apps/api/src/server.ts');

let redis: RedisService;
let dir: string;
let databaseUrl: string;
const template = databaseTemplate();
let copy: DatabaseCopy | undefined;
const processes: ChildProcess[] = [];
const sockets: TestSocket[] = [];

function environment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SEED_DEMO: 'false',
    SERVE_WEB: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    API_INTERNAL_SECRET: 'a shared secret of the platform, 32+ chars',
  };
}

/** Starts one server process and resolves with its URL once it says it is running. */
function startProcess(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', server], {
    cwd: root,
    env: environment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const running = /Twinning is running at http:\/\/localhost:(\d+)/.exec(output);
      if (running) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(`http://127.0.0.1:${running[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'twinning-processes-'));
  // The processes migrate it themselves (a PostgreSQL copy comes migrated already).
  if (testDialect() === 'postgres') copy = await template.copy();
  databaseUrl = copy?.url ?? join(dir, 'twinning.db');
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(
    processes.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await redis?.close();
  await copy?.remove();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

class Client {
  cookie = '';
  constructor(readonly base: string) {}

  async call(method: string, path: string, body?: object) {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        origin: this.base,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const session = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('twinning_session='))
      ?.split(';')[0];
    if (session) this.cookie = session;
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** The same account, through another process. */
  on(base: string): Client {
    const other = new Client(base);
    other.cookie = this.cookie;
    return other;
  }
}

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
    const baseA = await startProcess();
    const baseB = await startProcess();
    expect(baseA).not.toBe(baseB);

    const made = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'apps/api/src/cli/admin-create.ts'),
        '--email',
        'secretariat@asem.example',
        '--password',
        'secretariat password',
        '--name',
        'Secretariat',
      ],
      { cwd: root, env: environment(), encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    const secretariat = new Client(baseA);
    const loggedIn = await secretariat.call('POST', '/api/auth/login', {
      email: 'secretariat@asem.example',
      password: 'secretariat password',
    });
    expect(loggedIn.status).toBe(200);

    // An institution of each region, verified on B, so that their lecturers may talk.
    const institutionIn = async (region: string) => {
      const page = await secretariat.call('GET', `/api/institutions?region=${region}&limit=100`);
      const found = (page.body.items as { id: string; domains: string[] }[]).find(
        (i) => i.domains.length > 0,
      );
      if (!found) throw new Error(`no ${region} institution with a domain`);
      const verified = await secretariat
        .on(baseB)
        .call('POST', `/api/institutions/${found.id}/verify`);
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      return found;
    };
    const europe = await institutionIn('europe');
    const asia = await institutionIn('asia');

    const lecturer = async (
      base: string,
      institution: { id: string; domains: string[] },
      name: string,
    ) => {
      const client = new Client(base);
      const res = await client.call('POST', '/api/auth/signup', {
        email: `${name}@${institution.domains[0]}`,
        password: 'a long password',
        name,
        role: 'lecturer',
        institutionId: institution.id,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { client, id: res.body.user.id as string };
    };
    const onA = await lecturer(baseA, europe, 'anna');
    const onB = await lecturer(baseB, asia, 'kenji');

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
    const database = await connectDatabase(databaseUrl);
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
    const child = spawn(process.execPath, ['--import', 'tsx', server], {
      cwd: root,
      env: { ...environment(), REDIS_URL: url, DATABASE_URL: join(dir, 'refused.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    processes.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`Twinning cannot start: Redis at ${url}`);
    expect(stderr).toContain('is not answering');
  }, 60_000);
});
