// Writes for tests that need a state the repositories no longer produce (data from before a
// rule existed), straight into either dialect's tables.
import { eq, inArray } from 'drizzle-orm';
import { closeDatabase, connectDatabase, databaseOf, tablesOf, type Db } from '../client.ts';
import { dialectOfDb } from '../transaction.ts';

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

/** Sets offers' status straight, as it stands after events a test does not replay. */
export async function setOfferStatus(
  db: Db,
  ids: string[],
  status: 'open' | 'matched' | 'closed',
): Promise<void> {
  const { offers } = tablesOf(dialectOfDb(db));
  await db.update(offers).set({ status }).where(inArray(offers.id, ids));
}

/** Stores `theme` as every theme row of an offer (a row a data migration did not reach). */
export async function setOfferThemeRows(db: Db, offerId: string, theme: string): Promise<void> {
  const { offerThemes } = tablesOf(dialectOfDb(db));
  await db.update(offerThemes).set({ theme }).where(eq(offerThemes.offerId, offerId));
}

/** The lecturer `owner` that repository specs give their offers (no sign-up, a dummy hash). */
export async function insertOfferOwner(db: Db): Promise<void> {
  await db.insert(tablesOf(dialectOfDb(db)).users).values({
    id: 'owner',
    email: 'o@example.org',
    passwordHash: 'x',
    name: 'O',
    role: 'lecturer',
  });
}
