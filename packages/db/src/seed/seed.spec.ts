import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../client.ts';
import { institutions, messages, offers, partnerships, users } from '../schema.ts';
import { createRepositories } from '../repositories.ts';
import { seedIfEmpty } from './seed.ts';

const fastHash = async (password: string) => `test$${password}`;
let dir: string | undefined;
let handle: DatabaseHandle | undefined;

afterEach(() => {
  handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  handle = undefined;
  dir = undefined;
});

async function counts(h: DatabaseHandle) {
  const n = async (table: SQLiteTable) => (await h.db.select({ n: count() }).from(table))[0]!.n;
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
    dir = mkdtempSync(join(tmpdir(), 'twinning-seed-'));
    const file = join(dir, 'twinning.db');
    handle = openDatabase(file);
    const first = await seedIfEmpty(handle.db, {
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
    // Each role finds work waiting: the verification queue, lecturers waiting for the admin.
    const repositories = createRepositories(handle.db);
    const queue = await repositories.institutions.list({ awaitingVerification: true, limit: 20 });
    expect(queue.items.map((i) => i.country).sort()).toEqual(['KH', 'LA', 'MN']);
    const admin = await repositories.users.findCredentials('admin@twinning.test');
    const waiting = await repositories.affiliations.listForInstitution(
      admin!.user.institutionId!,
      'pending',
    );
    expect(waiting).toHaveLength(2);
    const lecturer = await repositories.users.findCredentials('lecturer@twinning.test');
    expect(await repositories.users.lastActiveAt(lecturer!.user.id)).toBeInstanceOf(Date);
    const before = await counts(handle);
    expect(before.institutions).toBe(4859);
    expect(before.offers).toBeGreaterThan(200);
    handle.close();

    // Reopen as a second start would: migrations run again, the seed finds data and stops.
    handle = openDatabase(file);
    const second = await seedIfEmpty(handle.db, {
      demo: true,
      hashPassword: fastHash,
      now: new Date(),
    });
    expect(second.institutions).toBe(0);
    expect(second.demoSeeded).toBe(false);
    expect(second.demoAccounts).toHaveLength(5);
    expect(await counts(handle)).toEqual(before);
  });

  it('loads only the directory when the demo is off', async () => {
    dir = mkdtempSync(join(tmpdir(), 'twinning-seed-'));
    handle = openDatabase(join(dir, 'twinning.db'));
    const result = await seedIfEmpty(handle.db, {
      demo: false,
      hashPassword: fastHash,
      now: new Date(),
    });
    expect(result).toEqual({ institutions: 4859, demoSeeded: false, demoAccounts: [] });
    expect(await counts(handle)).toMatchObject({ users: 0, offers: 0 });
  });
});
