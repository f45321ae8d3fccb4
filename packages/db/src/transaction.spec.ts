// transaction(): bodies that await, on either dialect (the `db` and `db-pg` projects run this
// file). What it promises: all of a body's writes or none; nothing of an open transaction seen
// or joined by the process's other queries; concurrent read-modify-write bodies counting right.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  tablesOf,
  type AnyDatabaseHandle,
  type Db,
} from './client.ts';
import { databaseTemplate, testDialect, type DatabaseCopy } from './testing/database-template.ts';
import { transaction } from './transaction.ts';

const t = tablesOf(testDialect());
const template = databaseTemplate();
let copy: DatabaseCopy;
let handle: AnyDatabaseHandle;
let db: Db;

beforeAll(async () => {
  copy = await template.copy();
  handle = await connectDatabase(copy.url);
  db = databaseOf(handle);
});

afterAll(async () => {
  if (handle) await closeDatabase(handle);
  await copy?.remove();
});

const counter = (key: string, count = 0) => ({ key, count, resetAt: new Date('2030-01-01') });

async function countOf(key: string): Promise<number | undefined> {
  const [row] = await db.select().from(t.rateLimits).where(eq(t.rateLimits.key, key));
  return row?.count;
}

/** A promise and the function that resolves it. */
function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe(`transaction (${testDialect()})`, () => {
  it('commits what the body wrote and resolves to what it returned', async () => {
    const result = await transaction(db, async (tx) => {
      await tx.insert(t.rateLimits).values(counter('commit', 1));
      await tx.update(t.rateLimits).set({ count: 2 }).where(eq(t.rateLimits.key, 'commit'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await countOf('commit')).toBe(2);
  });

  it('rolls back every write of a body that throws', async () => {
    await expect(
      transaction(db, async (tx) => {
        await tx.insert(t.rateLimits).values(counter('rollback', 1));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await countOf('rollback')).toBeUndefined();
  });

  it('keeps the process’s other queries out of an open transaction', async () => {
    const entered = signal();
    const release = signal();
    const open = transaction(db, async (tx) => {
      await tx.insert(t.rateLimits).values(counter('uncommitted', 1));
      entered.resolve();
      await release.promise;
      throw new Error('rolled back');
    });
    await entered.promise;
    // Both start while the transaction is open.
    const read = (async () =>
      db.select().from(t.rateLimits).where(eq(t.rateLimits.key, 'uncommitted')))();
    const write = (async () => db.insert(t.rateLimits).values(counter('outside', 7)))();
    release.resolve();
    await expect(open).rejects.toThrow('rolled back');
    // The read saw nothing uncommitted, and the write was not rolled back with the transaction.
    expect(await read).toEqual([]);
    await write;
    expect(await countOf('outside')).toBe(7);
    expect(await countOf('uncommitted')).toBeUndefined();
  });

  it('nests: an inner transaction that fails takes back only its own writes', async () => {
    await transaction(db, async (tx) => {
      await tx.insert(t.rateLimits).values(counter('outer', 1));
      await expect(
        transaction(tx, async (inner) => {
          await inner.insert(t.rateLimits).values(counter('inner', 1));
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
    });
    expect(await countOf('outer')).toBe(1);
    expect(await countOf('inner')).toBeUndefined();
  });

  it('counts right when concurrent bodies read, then write the same row', async () => {
    await db.insert(t.rateLimits).values(counter('contended', 0));
    const writers = 6;
    await Promise.all(
      Array.from({ length: writers }, () =>
        transaction(db, async (tx) => {
          const [row] = await tx
            .select()
            .from(t.rateLimits)
            .where(eq(t.rateLimits.key, 'contended'));
          await tx
            .update(t.rateLimits)
            .set({ count: row!.count + 1 })
            .where(eq(t.rateLimits.key, 'contended'));
        }),
      ),
    );
    expect(await countOf('contended')).toBe(writers);
  });
});
