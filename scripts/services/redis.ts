// A throwaway redis-server for tests, benchmarks and the local "two processes" recipe: Debian's
// redis-server on a free loopback port, in a temporary folder, with no persistence (no RDB
// snapshot, no AOF), gone when stopped. `stop()` then `start()` again keeps the port, so a test
// can take Redis away mid-conversation and bring it back at the same URL.
//
//   npx tsx scripts/services/redis.ts   prints REDIS_URL=… and runs until Ctrl-C
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RedisService {
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Whether the server is up (between start and stop). */
  readonly running: boolean;
  /** Starts it again on the same port (after `stop`). */
  start(): Promise<void>;
  /** Stops the server (SIGTERM, waits for its exit); the folder stays for a restart. */
  stop(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

/** A port nobody listens on now (the kernel's choice), on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      '--loglevel',
      'notice',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        // Keep draining its log so a full pipe never blocks the server.
        child.stdout?.resume();
        resolve(child);
      }
    };
    const onExit = (code: number | null) =>
      reject(
        new Error(
          `redis-server on port ${port} exited (code ${code}) before it was ready:\n${output.trim()}`,
        ),
      );
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${binary} is not installed: apt-get install -y redis-server`)
          : error,
      ),
    );
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a redis-server; `close()` it when done (tests: in afterAll). */
export async function startRedis(): Promise<RedisService> {
  const dir = mkdtempSync(join(tmpdir(), 'twinning-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = await launch(port, dir).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  // A test that forgets close() must not leave a server behind when its process ends.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const service: RedisService = {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== null;
    },
    async start() {
      if (child) return;
      child = await launch(port, dir);
    },
    async stop() {
      if (!child) return;
      const stopping = child;
      child = null;
      stopping.kill('SIGTERM');
      await exited(stopping);
    },
    async close() {
      await service.stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return service;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const redis = await startRedis();
  console.log(`REDIS_URL=${redis.url}`);
  console.log('redis-server is running without persistence; Ctrl-C stops it.');
  const shutdown = () => void redis.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
