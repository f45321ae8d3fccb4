// The demo accounts' password: never a constant a stranger could read in the source. A new
// database gets a random one (or DEMO_PASSWORD, for tests), kept in platform_settings and
// printed at every start. A database whose demo accounts predate this gets one too at its next
// start, so the old published password stops working.
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';
import { createPlatformSettingRepository, settingKeys } from '../repositories/platform-settings.ts';
import { transaction } from '../transaction.ts';

const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // no 0/o, 1/l: read off a terminal

/** 20 random characters in groups of five ("k7dqm-2xa9f-pew3n-b8rtz"): 100 bits. */
export function randomDemoPassword(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * Settles the demo password: `fixed` (DEMO_PASSWORD) when given, else the stored one, else a new
 * random one. When it changes (or none was stored), every demo account (users.demo) gets it
 * and their sessions end. Returns the password.
 */
export async function settleDemoPassword(
  db: Db,
  options: { fixed?: string | null; hashPassword: (password: string) => Promise<string> },
): Promise<string> {
  const settings = createPlatformSettingRepository(db);
  const stored = await settings.get(settingKeys.demoPassword);
  let password: string;
  if (options.fixed) {
    if (stored === options.fixed) return stored;
    await settings.set(settingKeys.demoPassword, options.fixed);
    password = options.fixed;
  } else if (stored !== undefined) {
    return stored;
  } else {
    password = await settings.setIfAbsent(settingKeys.demoPassword, randomDemoPassword());
  }
  const { sessions, users } = tablesFor(db);
  const passwordHash = await options.hashPassword(password);
  await transaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.demo, true));
    await tx
      .delete(sessions)
      .where(
        inArray(
          sessions.userId,
          tx.select({ id: users.id }).from(users).where(eq(users.demo, true)),
        ),
      );
  });
  return password;
}
