// The production shape for tests: real OS processes of the server (as `pnpm start` runs it) on
// one database and one redis-server, each on its own port, talked to only over HTTP and
// WebSocket. The database is a fresh copy of the test template on PostgreSQL when the run is on
// that dialect (the `api-pg` project), otherwise a new SQLite file that every process opens.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  databaseTemplate,
  testDialect,
  type DatabaseCopy,
} from '@twinning/db/testing/database-template';
import { startRedis, type RedisService } from '../../../../scripts/services/redis.ts';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));
export const serverEntry = join(root, 'apps/api/src/server.ts');

export interface PlatformProcesses {
  readonly redis: RedisService;
  readonly databaseUrl: string;
  /** A temporary folder of the run (the SQLite file lives here). */
  readonly dir: string;
  /** The processes' environment, with `extra` on top. */
  environment(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Spawns a server process (closed with the rest); for starts that are meant to fail. */
  spawn(extra?: NodeJS.ProcessEnv): ChildProcess;
  /** Starts one server process and resolves with its URL once it says it is running. */
  start(extra?: NodeJS.ProcessEnv): Promise<string>;
  /** `pnpm admin:create` on the platform's database. */
  createAdmin(account: { email: string; password: string; name: string }): void;
  /** Stops every process (SIGTERM, waits for the exits), then Redis, and removes the folder. */
  close(): Promise<void>;
}

/** Starts Redis and picks the database; `start()` then runs processes on them. */
export async function startPlatformProcesses(
  base: NodeJS.ProcessEnv = {},
): Promise<PlatformProcesses> {
  const redis = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), 'twinning-processes-'));
  // The processes migrate a new SQLite file themselves; a PostgreSQL copy comes migrated.
  const copy: DatabaseCopy | undefined =
    testDialect() === 'postgres' ? await databaseTemplate().copy() : undefined;
  const databaseUrl = copy?.url ?? join(dir, 'twinning.db');
  const processes: ChildProcess[] = [];

  const environment = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
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
    ...base,
    ...extra,
  });

  const spawnServer = (extra?: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
      cwd: root,
      env: environment(extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    processes.push(child);
    return child;
  };

  return {
    redis,
    databaseUrl,
    dir,
    environment,
    spawn: spawnServer,
    start(extra) {
      const child = spawnServer(extra);
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
    },
    createAdmin({ email, password, name }) {
      const made = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'apps/api/src/cli/admin-create.ts'),
          '--email',
          email,
          '--password',
          password,
          '--name',
          name,
        ],
        { cwd: root, env: environment(), encoding: 'utf8' },
      );
      if (made.status !== 0) throw new Error(`admin:create failed: ${made.stderr}`);
    },
    async close() {
      await Promise.all(
        processes.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      await redis.close();
      await copy?.remove();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An HTTP client of one account, with its session cookie, sending its base URL as Origin. */
export class Client {
  cookie = '';
  constructor(readonly base: string) {}

  async call(method: string, path: string, body?: object, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        origin: this.base,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const session = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('twinning_session='))
      ?.split(';')[0];
    if (session) this.cookie = session;
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  /** The same account, through another process. */
  on(base: string): Client {
    const other = new Client(base);
    other.cookie = this.cookie;
    return other;
  }
}

/** An institution of `region` with a web domain, verified by the secretariat's client. */
export async function verifiedInstitutionIn(
  secretariat: Client,
  region: string,
): Promise<{ id: string; domains: string[] }> {
  const page = await secretariat.call('GET', `/api/institutions?region=${region}&limit=100`);
  const found = (page.body.items as { id: string; domains: string[] }[]).find(
    (i) => i.domains.length > 0,
  );
  if (!found) throw new Error(`no ${region} institution with a domain`);
  const verified = await secretariat.call('POST', `/api/institutions/${found.id}/verify`);
  if (verified.status !== 200) {
    throw new Error(`verifying ${found.id}: ${verified.status} ${JSON.stringify(verified.body)}`);
  }
  return found;
}

/** A lecturer signed up through `base` at the institution's domain, signed in on the client. */
export async function signUpLecturer(
  base: string,
  institution: { id: string; domains: string[] },
  name: string,
  /** The platform's database: the verification mail is read from its outbox. */
  databaseUrl: string,
): Promise<{ client: Client; id: string }> {
  const client = new Client(base);
  const res = await client.call('POST', '/api/auth/signup', {
    email: `${name}@${institution.domains[0]}`,
    password: 'a long password',
    name,
    role: 'lecturer',
    institutionId: institution.id,
  });
  if (res.status !== 201)
    throw new Error(`sign-up of ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.user.id as string;
  // The domain counts once the address is proven: follow the link of the verification mail
  // (the processes send no mail, so it waits in the outbox).
  const database = await connectDatabase(databaseUrl);
  let token: string | undefined;
  try {
    const mails = await createRepositories(databaseOf(database)).mailOutbox.listForUser(id);
    const mail = mails.find((m) => m.kind === 'verify_email');
    token = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  } finally {
    await closeDatabase(database);
  }
  if (!token) throw new Error(`no verification mail for ${name} in the outbox`);
  const verified = await new Client(base).call('POST', '/api/auth/verify-email', { token });
  if (verified.status !== 200)
    throw new Error(`verification of ${name}: ${verified.status} ${JSON.stringify(verified.body)}`);
  return { client, id };
}
