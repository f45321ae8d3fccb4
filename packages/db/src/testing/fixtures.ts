// Writes for tests that need a state the repositories no longer produce (data from before a
// rule existed), straight into either dialect's tables.
import { eq } from 'drizzle-orm';
import { closeDatabase, connectDatabase, databaseOf, tablesOf } from '../client.ts';

/** Hides an offer the way hiding worked before it closed the offer's pending requests. */
export async function hideOfferOnly(
  url: string,
  offerId: string,
  at: Date,
  reason: string,
): Promise<void> {
  const database = await connectDatabase(url);
  try {
    const { offers } = tablesOf(database.dialect);
    await databaseOf(database)
      .update(offers)
      .set({ hiddenAt: at, hiddenReason: reason })
      .where(eq(offers.id, offerId));
  } finally {
    await closeDatabase(database);
  }
}
