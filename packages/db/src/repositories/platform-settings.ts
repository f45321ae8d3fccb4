// The platform's own settings (platform_settings): fixed keys, values made once and kept with the
// data, so every process on the database reads the same one (the secret that signs unsubscribe
// links, the demo accounts' password).
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';

export function createPlatformSettingRepository(db: Db) {
  const { platformSettings } = tablesFor(db);
  return {
    async get(key: string): Promise<string | null> {
      const [row] = await db
        .select({ value: platformSettings.value })
        .from(platformSettings)
        .where(eq(platformSettings.key, key));
      return row?.value ?? null;
    },

    /**
     * The value of `key`, storing `candidate` first when it has none. Of processes that race,
     * the first insert wins and every one resolves to its value.
     */
    async getOrCreate(key: string, candidate: string): Promise<string> {
      await db.insert(platformSettings).values({ key, value: candidate }).onConflictDoNothing();
      const [row] = await db
        .select({ value: platformSettings.value })
        .from(platformSettings)
        .where(eq(platformSettings.key, key));
      return row!.value;
    },

    async set(key: string, value: string): Promise<void> {
      await db
        .insert(platformSettings)
        .values({ key, value })
        .onConflictDoUpdate({ target: platformSettings.key, set: { value } });
    },
  };
}

export type PlatformSettingRepository = ReturnType<typeof createPlatformSettingRepository>;
