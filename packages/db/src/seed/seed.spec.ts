// The first start loads the directory (and the demo), later starts add nothing: on SQLite and
// on PostgreSQL (the `db-pg` project).
import { count } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  tablesOf,
  type AnyDatabaseHandle,
} from '../client.ts';
import { createRepositories } from '../repositories.ts';
import { databaseTemplate, testDialect, type DatabaseCopy } from '../testing/database-template.ts';
import { seedIfEmpty } from './seed.ts';

const { institutions, messages, offers, partnerships, platformSettings, sessions, users } =
  tablesOf(testDialect());
const fastHash = async (password: string) => `test$${password}`;
/** A migrated database without data, as a first start finds it. */
const empty = databaseTemplate();
let copy: DatabaseCopy | undefined;
let handle: AnyDatabaseHandle | undefined;

afterEach(async () => {
  if (handle) await closeDatabase(handle);
  await copy?.remove();
  handle = undefined;
  copy = undefined;
});

async function counts(h: AnyDatabaseHandle) {
  const n = async (table: SQLiteTable) =>
    Number((await databaseOf(h).select({ n: count() }).from(table))[0]!.n);
  return {
    institutions: await n(institutions),
    users: await n(users),
    offers: await n(offers),
    partnerships: await n(partnerships),
    messages: await n(messages),
  };
}

describe('seedIfEmpty', () => {
  it('loads the directory and the demo once; a second start on the same file adds nothing', async () => {
    copy = await empty.copy();
    handle = await connectDatabase(copy.url);
    const first = await seedIfEmpty(databaseOf(handle), {
      demo: true,
      hashPassword: fastHash,
      now: new Date(),
    });
    expect(first.institutions).toBe(4859);
    expect(first.demoSeeded).toBe(true);
    expect(first.demoAccounts.map((a) => a.role)).toEqual([
      'secretariat',
      'institution_admin',
      'lecturer',
      'lecturer',
      'student',
    ]);
    // Each role finds work waiting: the verification queue with a domain and an admin's claim,
    // two lecturers and a would-be admin waiting for the admin.
    const repositories = createRepositories(databaseOf(handle));
    const queue = await repositories.institutions.list({ awaitingVerification: true, limit: 20 });
    expect(queue.items.map((i) => i.country).sort()).toEqual(['KH', 'LA', 'MN']);
    const admin = await repositories.users.findCredentials('admin@twinning.test');
    const waiting = await repositories.affiliations.listForInstitution(
      admin!.user.institutionId!,
      'pending',
    );
    expect(waiting.map((a) => a.role).sort()).toEqual(['admin', 'lecturer', 'lecturer']);
    const domains = await repositories.institutions.pendingDomains();
    expect(domains.map((d) => [d.institutionId, d.domain, d.requestedBy?.id])).toEqual([
      [admin!.user.institutionId, 'uke.de', admin!.user.id],
    ]);
    const lecturer = await repositories.users.findCredentials('lecturer@twinning.test');
    expect(await repositories.users.lastActiveAt(lecturer!.user.id)).toBeInstanceOf(Date);
    const before = await counts(handle);
    expect(before.institutions).toBe(4859);
    expect(before.offers).toBeGreaterThan(200);
    await closeDatabase(handle);
    handle = undefined;

    // Reopen as a second start would: migrations run again, the seed finds data and stops.
    handle = await connectDatabase(copy.url);
    const second = await seedIfEmpty(databaseOf(handle), {
      demo: true,
      hashPassword: fastHash,
      now: new Date(),
    });
    expect(second.institutions).toBe(0);
    expect(second.demoSeeded).toBe(false);
    expect(second.demoAccounts).toHaveLength(5);
    expect(await counts(handle)).toEqual(before);
  });

  it('gives the demo a random password per database, kept and printed again; DEMO_PASSWORD sets it', async () => {
    copy = await empty.copy();
    handle = await connectDatabase(copy.url);
    const db = databaseOf(handle);
    const start = (demoPassword?: string) =>
      seedIfEmpty(db, { demo: true, hashPassword: fastHash, now: new Date(), demoPassword });
    const hashes = async () =>
      new Set((await db.select({ h: users.passwordHash }).from(users)).map((r) => r.h));

    const first = await start();
    const random = first.demoAccounts[0]!.password;
    expect(random).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(first.demoAccounts.every((a) => a.password === random)).toBe(true);
    expect(await hashes()).toEqual(new Set([`test$${random}`]));
    expect(await db.select().from(platformSettings)).toEqual([
      { key: 'demo_password', value: random },
    ]);
    // Printed again at the next start, unchanged.
    expect((await start()).demoAccounts.map((a) => a.password)).toEqual(Array(5).fill(random));

    // DEMO_PASSWORD: every demo person gets it, and their sessions end.
    const [someone] = await db.select({ id: users.id }).from(users).limit(1);
    await db.insert(sessions).values({
      id: 'a-session',
      userId: someone!.id,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const fixed = await start('copper lantern meadow');
    expect(fixed.demoAccounts.every((a) => a.password === 'copper lantern meadow')).toBe(true);
    expect(await hashes()).toEqual(new Set(['test$copper lantern meadow']));
    expect(await db.select().from(sessions)).toEqual([]);

    // A database from before random demo passwords: the published one stops working.
    await db.delete(platformSettings);
    await db.update(users).set({ passwordHash: 'test$twinning-demo' });
    const upgraded = (await start()).demoAccounts[0]!.password;
    expect(upgraded).not.toBe('twinning-demo');
    expect(upgraded).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(await hashes()).toEqual(new Set([`test$${upgraded}`]));
  });

  it('loads only the directory when the demo is off', async () => {
    copy = await empty.copy();
    handle = await connectDatabase(copy.url);
    const result = await seedIfEmpty(databaseOf(handle), {
      demo: false,
      hashPassword: fastHash,
      now: new Date(),
    });
    expect(result).toEqual({ institutions: 4859, demoSeeded: false, demoAccounts: [] });
    expect(await counts(handle)).toMatchObject({ users: 0, offers: 0 });
  });
});
