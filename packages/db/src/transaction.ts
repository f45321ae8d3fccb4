// Transactions whose bodies await, on either dialect, behind one function: `transaction(db,
// async (tx) => …)`. The body uses only `tx`; what it returns is what the call resolves to once
// committed, and whatever it throws rolls everything back.
//
// SQLite has one connection per process, so a transaction is the connection's: BEGIN IMMEDIATE
// … COMMIT, with a gate that holds every other query of the process (on `db`) until it ends —
// otherwise a request's query that ran during another's open transaction would read its
// uncommitted rows, or be rolled back with it. PostgreSQL takes a pooled connection for the
// transaction, at SERIALIZABLE isolation (what SQLite's single writer gives), and runs the body
// again when the server reports a serialization failure or a deadlock — a bounded number of
// times, so the body must not do anything outside the database.
import type Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Dialect } from './client.ts';

/** Holds a process's queries while one of its SQLite transactions is open. */
export class SqliteGate {
  #busy = false;
  #waiters: (() => void)[] = [];

  get busy(): boolean {
    return this.#busy;
  }

  /** Resolves when no transaction is open (at once when none is). */
  idle(): Promise<void> {
    return this.#busy ? new Promise((resolve) => this.#waiters.push(resolve)) : Promise.resolve();
  }

  async acquire(): Promise<void> {
    while (this.#busy) await this.idle();
    this.#busy = true;
  }

  release(): void {
    this.#busy = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

interface SqliteContext {
  client: Database.Database;
  gate: SqliteGate;
  /** The drizzle database transaction bodies get: the same connection, not held by the gate. */
  inside: Db;
}

const sqliteContexts = new WeakMap<object, SqliteContext>();
/** The `inside` databases, so a transaction opened in a transaction's body nests. */
const insideDatabases = new WeakMap<object, { client: Database.Database; depth: number }>();

/**
 * Makes `db` wait for the gate before each query, and registers `inside` as the database that
 * transaction bodies use. Called once by openDatabase.
 */
export function installSqliteGate(db: Db, inside: Db, client: Database.Database): SqliteGate {
  const gate = new SqliteGate();
  // Every query of drizzle's SQLite driver is prepared through its session, then run with one
  // of these four methods: while a transaction is open they wait for it to end (and look again,
  // since another transaction may have started first).
  const session = (db as unknown as { session: { prepareQuery: (...args: unknown[]) => object } })
    .session;
  const prepareQuery = session.prepareQuery.bind(session);
  session.prepareQuery = (...args: unknown[]) => {
    const prepared = prepareQuery(...args) as Record<string, (...a: unknown[]) => unknown>;
    for (const method of ['run', 'all', 'get', 'values'] as const) {
      const original = prepared[method]!.bind(prepared);
      const gated = (...a: unknown[]): unknown =>
        gate.busy ? gate.idle().then(() => gated(...a)) : original(...a);
      prepared[method] = gated;
    }
    return prepared;
  };
  sqliteContexts.set(db, { client, gate, inside });
  insideDatabases.set(inside, { client, depth: 0 });
  return gate;
}

/** The gate of a SQLite database (for code that writes through the connection itself). */
export function sqliteGateOf(db: Db): SqliteGate {
  const context = sqliteContexts.get(db);
  if (!context) throw new Error('not a database opened by openDatabase');
  return context.gate;
}

/** Which dialect a database (or an open transaction) speaks. */
export function dialectOfDb(db: Db): Dialect {
  return is(db as unknown, PgDatabase) ? 'postgres' : 'sqlite';
}

/** How often a PostgreSQL transaction is run at most when serialization failures stop it. */
const postgresAttempts = 12;

function isRetryable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    // serialization_failure, deadlock_detected
    if (code === '40001' || code === '40P01') return true;
  }
  return false;
}

export async function transaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  if (is(db as unknown, PgDatabase)) return postgresTransaction(db, body);
  const context = sqliteContexts.get(db);
  if (context) return sqliteTransaction(context, body);
  const inside = insideDatabases.get(db);
  if (inside) return sqliteSavepoint(db, inside, body);
  throw new Error('transaction(): not a database opened by openDatabase or openPostgres');
}

async function sqliteTransaction<T>(
  context: SqliteContext,
  body: (tx: Db) => Promise<T>,
): Promise<T> {
  const { client, gate, inside } = context;
  await gate.acquire();
  try {
    // IMMEDIATE: the write lock from the start, so another process's write cannot make the
    // first write after a read fail as busy.
    client.exec('BEGIN IMMEDIATE');
    try {
      const result = await body(inside);
      client.exec('COMMIT');
      return result;
    } catch (error) {
      // Some errors (disk full, I/O) have rolled the transaction back already.
      if (client.inTransaction) client.exec('ROLLBACK');
      throw error;
    }
  } finally {
    gate.release();
  }
}

async function sqliteSavepoint<T>(
  tx: Db,
  inside: { client: Database.Database; depth: number },
  body: (tx: Db) => Promise<T>,
): Promise<T> {
  if (!inside.client.inTransaction) {
    throw new Error('transaction(): a transaction body’s database was used after its commit');
  }
  const name = `nested_${++inside.depth}`;
  inside.client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await body(tx);
    inside.client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    if (inside.client.inTransaction) {
      inside.client.exec(`ROLLBACK TO ${name}`);
      inside.client.exec(`RELEASE ${name}`);
    }
    throw error;
  } finally {
    inside.depth -= 1;
  }
}

async function postgresTransaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  const pgDb = db as unknown as PgDatabase<never, never, never>;
  // Inside a transaction: a savepoint of it (retrying is the outer transaction's business).
  if (is(pgDb, PgTransaction)) {
    return pgDb.transaction((tx) => body(tx as unknown as Db));
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await pgDb.transaction((tx) => body(tx as unknown as Db), {
        isolationLevel: 'serializable',
      });
    } catch (error) {
      if (attempt >= postgresAttempts || !isRetryable(error)) throw error;
      // A random pause, longer each time, so the transactions that collided do not collide
      // again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
    }
  }
}
