// The mail outbox on both dialects (the `db-pg` project runs this file on PostgreSQL): once-only
// mails, mails that commit or roll back with their transaction, and claims with a lease that give
// each mail to one claimer — also when two connections claim at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, databaseOf, type AnyDatabaseHandle } from '../client.ts';
import { databaseTemplate, type DatabaseCopy } from '../testing/database-template.ts';
import { transaction } from '../transaction.ts';
import { createMailOutboxRepository, enqueueMail, type NewMail } from './mail-outbox.ts';
import { createPlatformSettingRepository } from './platform-settings.ts';

const template = databaseTemplate();
const t0 = new Date('2026-09-01T08:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
let copy: DatabaseCopy;
const handles: AnyDatabaseHandle[] = [];

async function open() {
  const handle = await connectDatabase(copy.url);
  handles.push(handle);
  return databaseOf(handle);
}

function mail(id: string, extra: Partial<NewMail> = {}): NewMail {
  return {
    id,
    kind: 'test',
    userId: null,
    toAddress: `${id}@example.org`,
    subject: `Subject ${id}`,
    text: `Text ${id}`,
    html: `<p>Text ${id}</p>`,
    headers: { 'List-Unsubscribe': `<https://twinning.example/u/${id}>` },
    createdAt: t0,
    ...extra,
  };
}

beforeEach(async () => {
  copy = await template.copy();
});
afterEach(async () => {
  for (const handle of handles.splice(0)) await closeDatabase(handle);
  await copy.remove();
});

describe('enqueue', () => {
  it('stores a mail with its headers, pending and due at once', async () => {
    const outbox = createMailOutboxRepository(await open());
    expect(await outbox.enqueue(mail('m1'))).toBe(true);
    const stored = await outbox.find('m1');
    expect(stored).toMatchObject({
      status: 'pending',
      attempts: 0,
      toAddress: 'm1@example.org',
      headers: { 'List-Unsubscribe': '<https://twinning.example/u/m1>' },
      nextAttemptAt: t0,
      sentAt: null,
    });
  });

  it('stores a mail with a dedupeKey once: the second is ignored', async () => {
    const outbox = createMailOutboxRepository(await open());
    expect(await outbox.enqueue(mail('a', { dedupeKey: 'reminder:p1' }))).toBe(true);
    expect(await outbox.enqueue(mail('b', { dedupeKey: 'reminder:p1' }))).toBe(false);
    expect(await outbox.find('b')).toBeNull();
    // Mails without a key are never deduplicated.
    expect(await outbox.enqueue(mail('c'))).toBe(true);
    expect(await outbox.enqueue(mail('d'))).toBe(true);
    expect((await outbox.counts()).pending).toBe(3);
  });

  it('commits and rolls back with the transaction it was stored in', async () => {
    const db = await open();
    const outbox = createMailOutboxRepository(db);
    await transaction(db, (tx) => enqueueMail(tx, mail('kept')));
    await expect(
      transaction(db, async (tx) => {
        await outbox.enqueue(mail('dropped'), tx);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await outbox.find('kept')).not.toBeNull();
    expect(await outbox.find('dropped')).toBeNull();
  });
});

describe('claim', () => {
  it('claims due mails with a lease, counting the attempt, and none twice while it lasts', async () => {
    const outbox = createMailOutboxRepository(await open());
    await outbox.enqueue(mail('now'));
    await outbox.enqueue(mail('later', { notBefore: minutes(10) }));
    const first = await outbox.claim('w1', t0, 60_000, 10);
    expect(first.map((m) => m.id)).toEqual(['now']);
    expect(first[0]).toMatchObject({ attempts: 1, leaseOwner: 'w1', leaseUntil: minutes(1) });
    expect(await outbox.claim('w2', minutes(0.5), 60_000, 10)).toEqual([]);
    // The lease ended without a mark (the holder died): another claims it again.
    const again = await outbox.claim('w2', minutes(1), 60_000, 10);
    expect(again.map((m) => [m.id, m.attempts, m.leaseOwner])).toEqual([['now', 2, 'w2']]);
    // The first holder's late mark does nothing.
    expect(await outbox.markSent('now', 'w1', minutes(1))).toBe(false);
    expect(await outbox.markSent('now', 'w2', minutes(1))).toBe(true);
    expect(await outbox.find('now')).toMatchObject({ status: 'sent', sentAt: minutes(1) });
    // Sent mail is never claimed again; the later one is due at its time.
    expect((await outbox.claim('w3', minutes(10), 60_000, 10)).map((m) => m.id)).toEqual(['later']);
  });

  it('claims at most `limit`, the longest due first', async () => {
    const outbox = createMailOutboxRepository(await open());
    for (const [id, at] of [
      ['c', 3],
      ['a', 1],
      ['b', 2],
    ] as const) {
      await outbox.enqueue(mail(id, { notBefore: minutes(at) }));
    }
    expect((await outbox.claim('w', minutes(5), 60_000, 2)).map((m) => m.id)).toEqual(['a', 'b']);
    expect(await outbox.nextDueAt()).toEqual(minutes(1));
  });

  it('retries a failed mail at its time and gives it up when told to', async () => {
    const outbox = createMailOutboxRepository(await open());
    await outbox.enqueue(mail('m'));
    await outbox.claim('w', t0, 60_000, 10);
    expect(await outbox.markFailed('m', 'w', '451 try later', minutes(5))).toBe(true);
    expect(await outbox.find('m')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: '451 try later',
      nextAttemptAt: minutes(5),
      leaseOwner: null,
    });
    expect(await outbox.claim('w', minutes(4), 60_000, 10)).toEqual([]);
    expect(await outbox.claim('w', minutes(5), 60_000, 10)).toHaveLength(1);
    expect(await outbox.markFailed('m', 'w', '550 no such user', null)).toBe(true);
    expect(await outbox.find('m')).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: '550 no such user',
    });
    expect(await outbox.claim('w', minutes(60), 60_000, 10)).toEqual([]);
    expect(await outbox.counts()).toEqual({ pending: 0, sent: 0, failed: 1 });
  });

  it('gives each mail to exactly one of two connections claiming at once', async () => {
    const [dbA, dbB] = [await open(), await open()];
    const [a, b] = [createMailOutboxRepository(dbA), createMailOutboxRepository(dbB)];
    const total = 60;
    for (let i = 0; i < total; i += 1) {
      await a.enqueue(mail(`m${String(i).padStart(2, '0')}`));
    }
    const claimed: string[] = [];
    async function drain(outbox: typeof a, owner: string) {
      for (;;) {
        const batch = await outbox.claim(owner, t0, 60_000, 3);
        if (batch.length === 0) return;
        for (const m of batch) {
          claimed.push(m.id);
          expect(await outbox.markSent(m.id, owner, t0)).toBe(true);
        }
      }
    }
    await Promise.all([drain(a, 'a1'), drain(a, 'a2'), drain(b, 'b1'), drain(b, 'b2')]);
    expect(claimed).toHaveLength(total);
    expect(new Set(claimed).size).toBe(total);
    expect(await a.counts()).toEqual({ pending: 0, sent: total, failed: 0 });
  });

  it('lists pending mails after a point, once each, for a process without a mail server', async () => {
    const outbox = createMailOutboxRepository(await open());
    await outbox.enqueue(mail('x1'));
    await outbox.enqueue(mail('x2'));
    await outbox.enqueue(mail('x3', { createdAt: minutes(1) }));
    const first = await outbox.listPendingAfter(null, 2);
    expect(first.map((m) => m.id)).toEqual(['x1', 'x2']);
    const rest = await outbox.listPendingAfter(first.at(-1)!, 10);
    expect(rest.map((m) => m.id)).toEqual(['x3']);
    expect(await outbox.listPendingAfter(rest.at(-1)!, 10)).toEqual([]);
  });
});

describe('platform settings', () => {
  it('keeps the first value made for a key, whoever asks', async () => {
    const [dbA, dbB] = [await open(), await open()];
    const [a, b] = [createPlatformSettingRepository(dbA), createPlatformSettingRepository(dbB)];
    const [one, two] = await Promise.all([
      a.setIfAbsent('unsubscribe_secret', 'first'),
      b.setIfAbsent('unsubscribe_secret', 'second'),
    ]);
    expect(one).toBe(two);
    expect(await a.setIfAbsent('unsubscribe_secret', 'third')).toBe(one);
    expect(await b.get('demo_password')).toBeUndefined();
  });
});
