// `DATABASE_URL=postgres://… pnpm start` for real: the server process (as `pnpm start` runs it,
// without the pages) on a throwaway PostgreSQL it has never seen migrates it, seeds the demo,
// serves the API and the secretariat's statistics from it, and ends its pool on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../scripts/services/postgres.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const server = join(root, 'apps/api/src/server.ts');

let postgres: PostgresServer;
let child: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      child!.once('exit', () => resolve());
      child!.kill('SIGKILL');
    });
  }
  await postgres?.stop();
}, 60_000);

/** Starts the server and resolves with its URL once it says it is running. */
function startServer(databaseUrl: string): Promise<string> {
  const started = spawn(process.execPath, ['--import', 'tsx', server], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'true',
      SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const running = /Twinning is running at http:\/\/localhost:(\d+)/.exec(output);
      if (running) {
        started.stdout!.off('data', onData);
        started.stdout!.resume();
        resolve(`http://127.0.0.1:${running[1]}`);
      }
    };
    started.stdout!.on('data', onData);
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

async function call(base: string, path: string, init: { cookie?: string; body?: object } = {}) {
  const res = await fetch(base + path, {
    method: init.body ? 'POST' : 'GET',
    headers: {
      origin: base,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('twinning_session='))
    ?.split(';')[0];
  const text = await res.text();
  return { status: res.status, cookie, body: text ? JSON.parse(text) : null };
}

describe('the server on PostgreSQL', () => {
  it('migrates a new database, seeds the demo, serves offers and statistics, and stops cleanly', async () => {
    const base = await startServer(postgres.urlOf('postgres'));
    // What it says at start names the database without its password.
    expect(output).toContain(`database: postgres://postgres:***@127.0.0.1:${postgres.port}/`);
    expect(output).not.toContain(encodeURIComponent(postgres.password));
    expect(output).toMatch(/New database: loaded \d+ institutions and the demo data/);

    expect(await call(base, '/api/health')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });

    const offers = await call(base, '/api/offers');
    expect(offers.status).toBe(200);
    expect(offers.body.items.length).toBeGreaterThan(0);

    // No DEMO_PASSWORD: the demo got a random password, printed with the accounts.
    expect(output).toMatch(
      /Demo accounts \(one password for each: random, kept in this database\)/,
    );
    const printed = /secretariat\s+secretariat@twinning\.test\s+(\S+)/.exec(output)?.[1];
    expect(printed).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const published = await call(base, '/api/auth/login', {
      body: { email: 'secretariat@twinning.test', password: 'twinning-demo' },
    });
    expect(published.status).toBe(401);
    const login = await call(base, '/api/auth/login', {
      body: { email: 'secretariat@twinning.test', password: printed },
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const cookie = login.cookie!;

    const summary = await call(base, '/api/stats/summary', { cookie });
    expect(summary.status).toBe(200);
    expect(summary.body.offers).toBeGreaterThan(0);
    expect(summary.body.partnerships).toBeGreaterThan(0);
    expect(summary.body.accepted).toBeGreaterThan(0);
    expect(summary.body.countries).toBeGreaterThan(1);

    // The breakdown by country adds up to the summary (one country per offer).
    const byCountry = await call(base, '/api/stats/breakdown?by=country', { cookie });
    expect(byCountry.status).toBe(200);
    const rows = byCountry.body.rows as { offers: number }[];
    expect(rows.reduce((sum, r) => sum + r.offers, 0)).toBe(summary.body.offers);
    expect(byCountry.body.totals).toMatchObject({ offers: summary.body.offers });

    // SIGTERM: the app closes (the pool with it) and the process exits by itself, with 0.
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited, output).toBe(0);
  }, 240_000);
});
