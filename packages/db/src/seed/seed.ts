// What start does on an empty database: the institution directory, then (unless turned off) the demo.
import { count, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { createInstitutionRepository } from '../repositories/institutions.ts';
import { createOfferRepository } from '../repositories/offers.ts';
import { tablesFor } from '../dialect.ts';
import { demoAccounts, seedDemo, type DemoAccount } from './demo.ts';
import { seedDemoWaitingWork } from './demo-waiting-work.ts';
import { readDirectory } from './directory.ts';

export interface SeedResult {
  /** Institutions loaded by this call (0 when they were there already). */
  institutions: number;
  demoSeeded: boolean;
  /** The demo accounts that exist in the database, to print at start. */
  demoAccounts: DemoAccount[];
}

export async function seedIfEmpty(
  db: Db,
  options: { demo: boolean; hashPassword: (password: string) => Promise<string>; now: Date },
): Promise<SeedResult> {
  const { users } = tablesFor(db);
  const institutions = createInstitutionRepository(db);
  let loaded = 0;
  if ((await institutions.count()) === 0) loaded = await institutions.createMany(readDirectory());

  let demoSeeded = false;
  const [userCount] = await db.select({ n: count() }).from(users);
  if (options.demo && (userCount?.n ?? 0) === 0) {
    await seedDemo(db, { hashPassword: options.hashPassword, now: options.now });
    await seedDemoWaitingWork(db, options.now);
    demoSeeded = true;
  }
  // The demo writes offers directly; index them (and any offers an older version left unindexed).
  await createOfferRepository(db).ensureSearchIndex();

  const present = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        demoAccounts.map((a) => a.email),
      ),
    );
  const emails = new Set(present.map((p) => p.email));
  return {
    institutions: loaded,
    demoSeeded,
    demoAccounts: demoAccounts.filter((a) => emails.has(a.email)),
  };
}
