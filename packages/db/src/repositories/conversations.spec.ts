// Gap-free per-conversation seq under concurrent writers on several processes: two OS
// processes send to the same conversation at once, on SQLite (one WAL file) and on PostgreSQL
// (the `db-pg` project), and the conversation ends with seq 1…N, each once, in send order per
// process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  tablesOf,
  type AnyDatabaseHandle,
} from '../client.ts';
import { databaseTemplate, testDialect, type DatabaseCopy } from '../testing/database-template.ts';
import { createConversationRepository } from './conversations.ts';

const run = promisify(execFile);
const sender = fileURLToPath(new URL('../testing/append-messages.ts', import.meta.url));
const t = tablesOf(testDialect());
const template = databaseTemplate();
let copy: DatabaseCopy;
let handle: AnyDatabaseHandle;

beforeAll(async () => {
  copy = await template.copy();
  handle = await connectDatabase(copy.url);
  const db = databaseOf(handle);
  await db.insert(t.users).values(
    ['ana', 'ben'].map((id) => ({
      id,
      email: `${id}@example.org`,
      passwordHash: 'x',
      name: id,
      role: 'lecturer' as const,
    })),
  );
  await createConversationRepository(db).findOrCreateDirect({
    id: 'talk',
    userIds: ['ana', 'ben'],
    title: 'Ana and Ben',
    at: new Date(),
  });
});

afterAll(async () => {
  if (handle) await closeDatabase(handle);
  await copy?.remove();
});

/** Runs one sending process; resolves to the seqs its messages got, in send order. */
async function sendFromAnotherProcess(author: string, count: number): Promise<number[]> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', sender, copy.url, 'talk', author, String(count), author],
    { cwd: fileURLToPath(new URL('../../../..', import.meta.url)) },
  );
  return JSON.parse(stdout) as number[];
}

describe(`messages from two processes at once (${testDialect()})`, () => {
  it('take seq 1…N without gaps or duplicates, each process’s in its own order', async () => {
    const perProcess = 60;
    const [fromAna, fromBen] = await Promise.all([
      sendFromAnotherProcess('ana', perProcess),
      sendFromAnotherProcess('ben', perProcess),
    ]);
    for (const seqs of [fromAna, fromBen]) {
      expect(seqs).toHaveLength(perProcess);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect([...fromAna, ...fromBen].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 2 * perProcess }, (_, i) => i + 1),
    );

    const conversations = createConversationRepository(databaseOf(handle));
    const stored = await conversations.history('talk', { afterSeq: 0, limit: 500 });
    expect(stored.map((m) => m.seq)).toEqual(
      Array.from({ length: 2 * perProcess }, (_, i) => i + 1),
    );
    // Each message is stored once, under the seq its sender was told.
    const told = new Map<string, number>([
      ...fromAna.map((seq, i) => [`ana-${i}`, seq] as const),
      ...fromBen.map((seq, i) => [`ben-${i}`, seq] as const),
    ]);
    for (const message of stored) expect(told.get(message.clientMessageId)).toBe(message.seq);
    const [ana] = (await conversations.listFor('ana')).filter((c) => c.id === 'talk');
    expect(ana?.lastSeq).toBe(2 * perProcess);
  });
});
