// The command-line side of `pnpm db:copy`: what a person types and reads, and the exit codes,
// against a real PostgreSQL server (the copy itself is tested in @twinning/db's copy.spec.ts);
// and the platform served from a copied demo install answers as it did from SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { createInstitutionRepository } from '@twinning/db/repositories/institutions';
import type { DemoAccount } from '@twinning/db/seed/demo';
import { seedIfEmpty } from '@twinning/db/seed/seed';
import {
  createDatabaseOn,
  databaseTemplate,
  type DatabaseCopy,
} from '@twinning/db/testing/database-template';
import { startPostgres, type PostgresServer } from '../../../../scripts/services/postgres.mjs';
import { buildApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { hashPassword } from '../services/passwords.ts';
import { sessionCookieOf, testInstitutions } from '../testing/test-app.ts';
import { databaseCopyCommand } from './database-copy.ts';

const withInstitutions = databaseTemplate((db) =>
  createInstitutionRepository(db).createMany(testInstitutions),
);

let server: PostgresServer;
let dir: string;
let source: DatabaseCopy;
beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'twinning-copy-cli-'));
  source = await withInstitutions.copy();
}, 60_000);
afterAll(async () => {
  await source?.remove();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The command as `pnpm db:copy …` runs it, typed in `dir`. */
async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await databaseCopyCommand(
    args,
    { INIT_CWD: dir },
    { log: (line) => out.push(line), error: (line) => err.push(line) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('pnpm db:copy', () => {
  it('copies into an empty database and prints every table on both sides; refuses a second time', async () => {
    // The server's maintenance database: no tables yet.
    const done = await run('--from', source.file, '--to', server.url);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).not.toContain(server.password);
    expect(done.stdout).toContain(`Copied ${source.file} to postgres://postgres:***@127.0.0.1:`);
    expect(done.stdout).toMatch(/^ {2}table +SQLite +PostgreSQL$/m);
    const n = testInstitutions.length.toLocaleString('en');
    expect(done.stdout).toMatch(new RegExp(`^ {2}institutions +${n} +${n}$`, 'm'));
    expect(done.stdout).toMatch(/^ {2}messages +0 +0$/m);

    const again = await run('--from', source.file, '--to', server.url);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`holds data (${n} institutions`);
    expect(again.stderr).not.toContain(server.password);
  });

  it('says what is wrong with the command line (exit 2) or the source (exit 1)', async () => {
    for (const args of [
      [],
      ['--from', source.file],
      ['--to', server.url],
      ['--from', source.file, '--to', join(dir, 'b.db')],
      ['--from', server.url, '--to', server.url],
      ['--from', source.file, '--to', server.url, 'extra'],
      ['--from', source.file, '--to', server.url, '--force'],
    ]) {
      const wrong = await run(...args);
      expect(wrong.code, args.join(' ')).toBe(2);
      expect(wrong.stderr).toContain(
        'usage: pnpm db:copy --from ./data/twinning.db --to postgres://',
      );
    }
    // Relative to where the command was typed.
    expect(await run('--from', 'missing.db', '--to', server.url)).toEqual({
      code: 1,
      stdout: '',
      stderr: `There is no database at ${join(dir, 'missing.db')}.`,
    });
  });
});

// The demo install as `pnpm start` seeds it (SEED_DEMO), copied with `pnpm db:copy` into a new
// PostgreSQL database, served by the API on each: every GET the API documents answers the same
// on both, anonymously and for each demo account, through sessions signed in on SQLite before
// the copy. Lists are walked page by page; each conversation's messages with their seq.
describe('the demo install, moved with pnpm db:copy', () => {
  type Served = { app: App; close(): Promise<void> };
  const now = new Date();
  let sqliteFile: string;
  let postgresUrl: string;
  const served: Served[] = [];
  const cookies = new Map<string, string>();
  let demoAccounts: DemoAccount[] = [];

  async function serve(url: string): Promise<Served> {
    const database = await connectDatabase(url);
    const app = await buildApp({
      config: { ...loadConfig({ NODE_ENV: 'test' }), rateLimitAuth: 0 },
      repositories: createRepositories(databaseOf(database)),
      logger: false,
      now: () => now,
    });
    await app.ready();
    return {
      app,
      async close() {
        await app.close();
        await closeDatabase(database);
      },
    };
  }

  beforeAll(async () => {
    sqliteFile = join(dir, 'demo.db');
    const seeded = await connectDatabase(sqliteFile);
    try {
      demoAccounts = (await seedIfEmpty(databaseOf(seeded), { demo: true, hashPassword, now }))
        .demoAccounts;
    } finally {
      await closeDatabase(seeded);
    }
    // Signed in on SQLite, before the copy: the sessions move with it.
    const onSqlite = await serve(sqliteFile);
    try {
      for (const account of demoAccounts) {
        const res = await onSqlite.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: account.email, password: account.password },
        });
        expect(res.statusCode, res.body).toBe(200);
        cookies.set(
          account.role === 'lecturer' ? account.email : account.role,
          sessionCookieOf(res.headers),
        );
      }
    } finally {
      await onSqlite.close();
    }
    postgresUrl = await createDatabaseOn(server.url, 'demo_copy');
    const copied = await run('--from', sqliteFile, '--to', postgresUrl);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    served.push(await serve(sqliteFile), await serve(postgresUrl));
  }, 240_000);
  afterAll(async () => {
    for (const s of served) await s.close();
  });

  /** The same request on both: the status and the body (JSON) each answers. */
  async function both(url: string, cookie?: string) {
    const [sqlite, postgres] = await Promise.all(
      served.map(async (s) => {
        const res = await s.app.inject({
          method: 'GET',
          url,
          ...(cookie ? { headers: { cookie } } : {}),
        });
        const type = String(res.headers['content-type'] ?? '');
        return {
          status: res.statusCode,
          body: type.includes('json') ? (res.json() as unknown) : res.body,
        };
      }),
    );
    return { sqlite: sqlite!, postgres: postgres! };
  }

  /** Every page of a list, as SQLite serves it and as PostgreSQL does. */
  async function walk(url: string, cookie?: string) {
    const pages: unknown[] = [];
    let next: string | null = url;
    while (next) {
      const { sqlite, postgres } = await both(next, cookie);
      expect(postgres, next).toEqual(sqlite);
      expect(sqlite.status, next).toBe(200);
      pages.push(sqlite.body);
      const cursor = (sqlite.body as { nextCursor?: string | null }).nextCursor;
      next = cursor
        ? `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`
        : null;
    }
    return pages as { items?: { id: string }[] }[];
  }

  it('serves the same catalogue, directory and figures to anybody', async () => {
    const offers = await walk('/api/offers?limit=100');
    const ids = offers.flatMap((p) => p.items!.map((o) => o.id));
    expect(ids.length).toBeGreaterThan(150);
    for (const q of ['energy', 'Klima', 'วิทยาศาสตร์', '環境', '数据']) {
      await walk(`/api/offers?limit=100&q=${encodeURIComponent(q)}`);
    }
    await walk('/api/offers?limit=100&region=asia&status=all');
    const institutions = await walk('/api/institutions?limit=100');
    expect(institutions.flatMap((p) => p.items!).length).toBe(4859);
    for (const id of ids.slice(0, 20)) await walk(`/api/offers/${id}`);
    for (const i of institutions[0]!.items!.slice(0, 5)) {
      await walk(`/api/institutions/${i.id}`);
      await walk(`/api/institutions/${i.id}/summary`);
    }
    for (const url of ['/api/stats/summary', '/api/offers/languages', '/api/health']) {
      const { sqlite, postgres } = await both(url);
      expect(postgres, url).toEqual(sqlite);
    }
  });

  it('serves each demo account the same lists, through the sessions signed in on SQLite', async () => {
    /** Items compared, per list: none of them may be empty (a comparison of nothing). */
    const compared = new Map<string, number>();
    const count = (list: string, pages: { items?: unknown[] }[]) =>
      compared.set(list, (compared.get(list) ?? 0) + pages.flatMap((p) => p.items ?? []).length);
    for (const [who, cookie] of cookies) {
      const me = await both('/api/me', cookie);
      expect(me.postgres, who).toEqual(me.sqlite);
      expect(me.sqlite.status, who).toBe(200);
      const { institutionId } = (
        me.sqlite.body as { user: { id: string; institutionId: string | null } }
      ).user;
      const conversations = await walk('/api/conversations?limit=100', cookie);
      count('conversations', conversations);
      for (const c of conversations.flatMap((p) => p.items!)) {
        const messages = await walk(`/api/conversations/${c.id}/messages?limit=100`, cookie);
        count('messages', messages);
        const seqs = messages.flatMap((p) =>
          p.items!.map((m) => (m as unknown as { seq: number }).seq),
        );
        expect(seqs, c.id).toEqual(seqs.map((_, i) => i + 1));
      }
      for (const list of ['partnerships', 'notifications']) {
        count(list, await walk(`/api/${list}?limit=100`, cookie));
      }
      // A student's own applications; an owner's per offer (below).
      if (who === 'student')
        count('applications', await walk('/api/applications?limit=100', cookie));
      // Their own offers, of every status, with the partners the ranking finds for each.
      const mine = await walk('/api/offers?limit=100&status=all&owner=me', cookie);
      count('own offers', mine);
      for (const o of mine.flatMap((p) => p.items!)) {
        count('matches', await walk(`/api/offers/${o.id}/matches?limit=20`, cookie));
        count('applications', await walk(`/api/applications?limit=100&offerId=${o.id}`, cookie));
      }
      if (institutionId) {
        await walk(`/api/institutions/${institutionId}/summary`, cookie);
        await walk(`/api/offers?limit=100&status=all&institution=${institutionId}`, cookie);
      }
      // The admin's list of the institution's people.
      if (who === 'institution_admin') {
        await walk(`/api/institutions/${institutionId}/affiliations`, cookie);
      }
    }
    const secretariat = cookies.get('secretariat')!;
    // The demo leaves the rounds to the secretariat: an empty list, the same on both.
    await walk('/api/matching-rounds?limit=100', secretariat);
    count('verification queue', await walk('/api/verification-queue?limit=100', secretariat));
    await walk('/api/institutions?limit=100&awaitingVerification=true', secretariat);
    await walk('/api/moderation?limit=100', secretariat);
    for (const [list, n] of compared) expect(n, list).toBeGreaterThan(0);
    expect([...compared.keys()].sort()).toEqual(
      [
        'applications',
        'conversations',
        'matches',
        'messages',
        'notifications',
        'own offers',
        'partnerships',
        'verification queue',
      ].sort(),
    );
    for (const by of ['country', 'regionPair', 'format', 'field', 'sdg', 'theme', 'month']) {
      const url = `/api/stats/breakdown?by=${by}`;
      const { sqlite, postgres } = await both(url, secretariat);
      expect(postgres, url).toEqual(sqlite);
      expect(sqlite.status, url).toBe(200);
    }
    for (const url of [
      '/api/stats/balance',
      '/api/stats/export.csv?by=country',
      '/api/balance-goals',
    ]) {
      const { sqlite, postgres } = await both(url, secretariat);
      expect(postgres, url).toEqual(sqlite);
      expect(sqlite.status, url).toBe(200);
    }
  });
});
