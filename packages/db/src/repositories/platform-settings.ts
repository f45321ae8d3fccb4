// The platform's own settings (platform_settings: one text value per fixed key), made once and
// kept with the data, so every process on the database reads the same one.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';

/** The keys in use, one place to see them all. */
export const settingKeys = {
  /** The demo accounts' password, printed at every start. */
  demoPassword: 'demo_password',
  /** The secret that signs the one-click unsubscribe links of mails. */
  unsubscribeSecret: 'unsubscribe_secret',
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
     * Stores `value` unless the key has one already, and returns the value that is stored: of
     * processes that race, the first insert wins and every one resolves to its value.
     */
    async setIfAbsent(key: SettingKey, value: string): Promise<string> {
      await db.insert(platformSettings).values({ key, value }).onConflictDoNothing();
      return (await this.get(key)) ?? value;
    },
  };
}

export type PlatformSettingRepository = ReturnType<typeof createPlatformSettingRepository>;
