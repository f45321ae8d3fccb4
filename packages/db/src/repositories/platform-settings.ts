// The platform's own settings, kept with its data (the `platform_settings` table: one text value
// per key), so every process on one database reads the same.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';

/** The keys in use, one place to see them all. */
export const settingKeys = {
  /** The demo accounts' password, printed at every start (issue 13, item 5). */
  demoPassword: 'demo_password',
} as const;

export type SettingKey = (typeof settingKeys)[keyof typeof settingKeys];

export function createPlatformSettingRepository(db: Db) {
  const { platformSettings } = tablesFor(db);
  return {
    async get(key: SettingKey): Promise<string | undefined> {
      const [row] = await db
        .select({ value: platformSettings.value })
        .from(platformSettings)
        .where(eq(platformSettings.key, key));
      return row?.value;
    },

    async set(key: SettingKey, value: string): Promise<void> {
      await db
        .insert(platformSettings)
        .values({ key, value })
        .onConflictDoUpdate({ target: platformSettings.key, set: { value } });
    },

    /**
     * Stores `value` unless the key has one already, and returns the value that is stored:
     * of two processes starting at once, both end up with the first one's.
     */
    async setIfAbsent(key: SettingKey, value: string): Promise<string> {
      await db.insert(platformSettings).values({ key, value }).onConflictDoNothing();
      return (await this.get(key)) ?? value;
    },
  };
}

export type PlatformSettingRepository = ReturnType<typeof createPlatformSettingRepository>;
