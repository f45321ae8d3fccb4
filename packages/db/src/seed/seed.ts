// What start does on an empty database: the institution directory, then (unless turned off) the demo.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { createInstitutionRepository } from '../repositories/institutions.ts';
import { createOfferRepository } from '../repositories/offers.ts';
import { tablesFor } from '../dialect.ts';
import { demoAccounts, seedDemo, type DemoAccount } from './demo.ts';
import { settleDemoPassword } from './demo-password.ts';
import { seedDemoWaitingWork } from './demo-waiting-work.ts';
import { readDirectory } from './directory.ts';

export interface SeedResult {
  /** Institutions loaded by this call (0 when they were there already). */
  institutions: number;
  demoSeeded: boolean;
  /** The demo accounts that exist in the database, with their password, to print at start. */
  demoAccounts: DemoAccount[];
}

export async function seedIfEmpty(
  db: Db,
  options: {
    demo: boolean;
    hashPassword: (password: string) => Promise<string>;
    now: Date;
    /** DEMO_PASSWORD: the demo accounts' password; unset, a random one kept per database. */
    demoPassword?: string | null;
  },
): Promise<SeedResult> {
  const { users } = tablesFor(db);
  const institutions = createInstitutionRepository(db);
  let loaded = 0;
  if ((await institutions.count()) === 0) loaded = await institutions.createMany(readDirectory());

  let demoSeeded = false;
  const [userCount] = await db.select({ n: count() }).from(users);
  if (options.demo && (userCount?.n ?? 0) === 0) {
    const password = await settleDemoPassword(db, {
      fixed: options.demoPassword,
      hashPassword: options.hashPassword,
    });
    await seedDemo(db, { hashPassword: options.hashPassword, now: options.now, password });
    await seedDemoWaitingWork(db, options.now);
    demoSeeded = true;
  }
  // The demo writes offers directly; index them (and any offers an older version left unindexed).
  await createOfferRepository(db).ensureSearchIndex();

  const present = await db
    .select({ email: users.email })
    .from(users)
    .where(
      and(
        eq(users.demo, true),
        inArray(
          users.email,
          demoAccounts.map((a) => a.email),
        ),
      ),
    );
  const emails = new Set(present.map((p) => p.email));
  if (emails.size === 0) return { institutions: loaded, demoSeeded, demoAccounts: [] };
  // Demo accounts from before demo passwords were random get one now (or DEMO_PASSWORD).
  const password = await settleDemoPassword(db, {
    fixed: options.demoPassword,
    hashPassword: options.hashPassword,
  });
  return {
    institutions: loaded,
    demoSeeded,
    demoAccounts: demoAccounts.filter((a) => emails.has(a.email)).map((a) => ({ ...a, password })),
  };
}
