// Moving an embedded install to PostgreSQL (`pnpm db:copy --from FILE --to postgres://…`): every
// table of the schema, in foreign-key order, converted column by column as schema.ts and
// schema.pg.ts declare them (SQLite's millisecond integers → timestamptz, 0/1 → boolean, JSON
// text → jsonb), in one transaction on the target and in batches of rows, each batch one
// statement (`json_populate_recordset`). Then PostgreSQL's own derived state (the offers'
// full-text documents, which SQLite keeps in FTS5) is written from the copied rows, every
// table's count is compared on both sides, and only then is the transaction committed.
//
// Everything is copied, sessions and rate limits included: users stay signed in across the move,
// and a password-guessing lock-out stays in force. The ids are text and `seq` is a column (each
// conversation's `last_seq` moves with it), so PostgreSQL has no sequence to advance.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import { BackupError, type MigrationLevel } from './backup.ts';
import { dialectOf, openDatabase, openPostgres, redactedUrl, sqlitePathFromUrl } from './client.ts';
import { connectPostgres, postgresDataIn, refuseNewerPostgres } from './pg-backup.ts';
import { postgresSearchDocument, postgresSearchText } from './repositories/offers.ts';
import * as schema from './schema.ts';
import * as pgSchema from './schema.pg.ts';
import { describeRows, migrationLevel, openExisting } from './sqlite-backup.ts';

export { BackupError as CopyError };

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopySummary {
  /** The SQLite file copied from. */
  source: string;
  /** The PostgreSQL database, without its password. */
  target: string;
  /** The source's migration level (a copy of an older one was migrated forward first). */
  migratedFrom: MigrationLevel;
  /** Every table, in the order copied, with its rows on both sides (equal, or nothing was kept). */
  tables: TableCount[];
  /** Offers given a full-text document on PostgreSQL. */
  searchDocuments: number;
  milliseconds: number;
}

export interface CopyOptions {
  /** Rows per INSERT statement (default 1,000). */
  batchSize?: number;
}

interface TablePlan {
  name: string;
  /** PostgreSQL's columns, in the order inserted. */
  columns: string[];
  /** Turns a raw SQLite row into the JSON PostgreSQL's json_populate_recordset reads. */
  convert: (row: Record<string, unknown>) => Record<string, unknown>;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The tables of schema.pg.ts, parents before children (each table after those its foreign keys
 * name), with each column's conversion from its schema.ts twin.
 */
export function copyPlan(): TablePlan[] {
  const sqliteTables = new Map<string, SQLiteTable>();
  for (const value of Object.values(schema)) {
    if (is(value, SQLiteTable)) sqliteTables.set(getTableName(value), value);
  }
  const pgTables = new Map<string, PgTable>();
  for (const value of Object.values(pgSchema)) {
    if (is(value, PgTable)) pgTables.set(getTableName(value), value);
  }
  const missing = [...sqliteTables.keys()].filter((name) => !pgTables.has(name));
  if (missing.length > 0) {
    throw new Error(`schema.pg.ts lacks tables schema.ts has: ${missing.join(', ')}`);
  }

  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name)) return;
    if (visiting.has(name)) throw new Error(`foreign keys form a cycle through ${name}`);
    visiting.add(name);
    for (const key of pgTableConfig(pgTables.get(name)!).foreignKeys) {
      const parent = getTableName(key.reference().foreignTable);
      if (parent !== name) visit(parent);
    }
    visiting.delete(name);
    order.push(name);
  };
  for (const name of [...pgTables.keys()].sort()) visit(name);

  return order.map((name) => {
    const target = pgTableConfig(pgTables.get(name)!);
    const source = sqliteTables.get(name);
    if (!source) throw new Error(`schema.ts lacks the table ${name} that schema.pg.ts has`);
    const sourceColumns = new Map(sqliteTableConfig(source).columns.map((c) => [c.name, c]));
    const columns = target.columns.map((column) => {
      const twin = sourceColumns.get(column.name);
      if (!twin) throw new Error(`schema.ts lacks the column ${name}.${column.name}`);
      // SQLite's driver value → the JS value drizzle reads (Date, boolean, parsed JSON) →
      // what JSON carries to PostgreSQL (dates as ISO text, bytes as hex; the rest as they are).
      const read = (value: unknown): unknown => {
        if (value === null || value === undefined) return null;
        const mapped = twin.mapFromDriverValue(value);
        if (mapped instanceof Date) return mapped.toISOString();
        // bytea's text form (json_populate_recordset reads text): hex, as `\x…`.
        if (Buffer.isBuffer(mapped)) return `\\x${mapped.toString('hex')}`;
        if (typeof mapped === 'number' && !Number.isFinite(mapped)) {
          throw new Error(`${name}.${column.name} holds ${mapped}, which PostgreSQL cannot store`);
        }
        return mapped;
      };
      return { name: column.name, read };
    });
    return {
      name,
      columns: columns.map((c) => c.name),
      convert: (row) => {
        const out: Record<string, unknown> = {};
        for (const column of columns) out[column.name] = column.read(row[column.name]);
        return out;
      },
    };
  });
}

/** The source, read in one read transaction (one snapshot while the platform writes). */
interface Source {
  db: Database.Database;
  level: MigrationLevel;
  close(): void;
}

/**
 * Opens the SQLite file read-only at this code's migration level. An older install is first
 * copied (SQLite's backup API) to a temporary file and migrated forward there: the source file
 * itself is never written. A newer one is refused.
 */
async function openSource(path: string): Promise<Source> {
  const what = `The database at ${path}`;
  const db = openExisting(path, what);
  let level: MigrationLevel;
  try {
    level = migrationLevel(db, what);
  } catch (error) {
    db.close();
    throw error;
  }
  if (level.applied === level.known) return { db, level, close: () => db.close() };

  const dir = mkdtempSync(join(tmpdir(), 'twinning-copy-'));
  try {
    const file = join(dir, 'source.db');
    await db.backup(file, { progress: () => 0x7fffffff });
    db.close();
    openDatabase(file).close();
    const migrated = openExisting(file, 'The migrated copy of the source');
    return {
      db: migrated,
      level,
      close: () => {
        migrated.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function refuseNonEmpty(target: string, data: Record<string, number>): void {
  if (Object.keys(data).length > 0) {
    throw new BackupError(
      'target_not_empty',
      `The database at ${target} holds data (${describeRows(data)}); db:copy only fills an empty database. Point --to at a new database (createdb), or empty this one yourself.`,
    );
  }
}

/** Copies a SQLite install into an empty PostgreSQL database; see the file's head. */
export async function copyToPostgres(
  from: string,
  to: string,
  { batchSize = 1000 }: CopyOptions = {},
): Promise<CopySummary> {
  const started = performance.now();
  if (dialectOf(from) !== 'sqlite') {
    throw new BackupError('unsupported', '--from must name a SQLite file (the embedded install).');
  }
  if (dialectOf(to) !== 'postgres') {
    throw new BackupError('unsupported', '--to must be a PostgreSQL URL (postgres://…).');
  }
  const path = sqlitePathFromUrl(from);
  if (path === ':memory:') {
    throw new BackupError('unsupported', '--from is :memory:, which keeps nothing to copy.');
  }
  const sourcePath = resolve(path);
  if (!existsSync(sourcePath)) {
    throw new BackupError('source_missing', `There is no database at ${sourcePath}.`);
  }
  const target = redactedUrl(to);
  const plan = copyPlan();

  // Refusals first, before the target is migrated or the source opened for long.
  const probe = await connectPostgres(to, '--to');
  try {
    await refuseNewerPostgres(probe, `The database at ${target}`);
    refuseNonEmpty(target, await postgresDataIn(probe));
  } finally {
    await probe.end();
  }
  const source = await openSource(sourcePath);
  try {
    const handle = await openPostgres(to);
    try {
      const client = await handle.pool.connect();
      try {
        await client.query('begin');
        try {
          const summary = await copyInTransaction(client, source.db, plan, batchSize, target);
          await client.query('commit');
          await handle.analyze();
          return {
            source: sourcePath,
            target,
            migratedFrom: source.level,
            ...summary,
            milliseconds: Math.round(performance.now() - started),
          };
        } catch (error) {
          await client.query('rollback');
          if (error instanceof BackupError) throw error;
          throw new BackupError(
            'failed',
            `Copying failed, and nothing was kept in ${target}: ${(error as Error).message}`,
          );
        }
      } finally {
        client.release();
      }
    } finally {
      await handle.close();
    }
  } finally {
    source.close();
  }
}

async function copyInTransaction(
  client: pg.PoolClient,
  source: Database.Database,
  plan: TablePlan[],
  batchSize: number,
  target: string,
): Promise<{ tables: TableCount[]; searchDocuments: number }> {
  // No one else writes the tables meanwhile (readers may read them); and what was empty when
  // checked is still empty now that they are held.
  await client.query(
    `lock table ${[...plan.map((t) => t.name), 'offers_search'].map(quoteIdent).join(', ')} in exclusive mode`,
  );
  refuseNonEmpty(target, await postgresDataIn(client));

  // One read transaction on the source: every table from the same snapshot.
  source.exec('begin');
  try {
    for (const table of plan) {
      const columns = table.columns.map(quoteIdent).join(', ');
      const insert = `insert into ${quoteIdent(table.name)} (${columns})
        select ${columns} from json_populate_recordset(null::${quoteIdent(table.name)}, $1::json)`;
      const rows = source
        .prepare(`select * from ${quoteIdent(table.name)} order by rowid`)
        .iterate() as IterableIterator<Record<string, unknown>>;
      let batch: Record<string, unknown>[] = [];
      for (const row of rows) {
        batch.push(table.convert(row));
        if (batch.length === batchSize) {
          await client.query(insert, [JSON.stringify(batch)]);
          batch = [];
        }
      }
      if (batch.length > 0) await client.query(insert, [JSON.stringify(batch)]);
    }

    // PostgreSQL's full text, built as the offer repository builds it (repositories/offers.ts).
    const offers = source
      .prepare('select id, title, description from offers order by rowid')
      .iterate() as IterableIterator<{ id: string; title: string; description: string }>;
    const document = new PgDialect().sqlToQuery(
      postgresSearchDocument(sql.raw('d.title'), sql.raw('d.description')),
    ).sql;
    const index = `insert into offers_search (offer_id, document)
      select d.id, ${document}
        from json_to_recordset($1::json) as d(id text, title text, description text)`;
    let documents: { id: string; title: string; description: string }[] = [];
    let searchDocuments = 0;
    for (const offer of offers) {
      documents.push({
        id: offer.id,
        title: postgresSearchText(offer.title),
        description: postgresSearchText(offer.description),
      });
      if (documents.length === batchSize) {
        await client.query(index, [JSON.stringify(documents)]);
        searchDocuments += documents.length;
        documents = [];
      }
    }
    if (documents.length > 0) {
      await client.query(index, [JSON.stringify(documents)]);
      searchDocuments += documents.length;
    }

    // Every table's rows, counted on both sides within the transactions that copied them.
    const tables: TableCount[] = [];
    for (const table of plan) {
      const { n: sourceRows } = source
        .prepare(`select count(*) as n from ${quoteIdent(table.name)}`)
        .get() as { n: number };
      const { rows } = await client.query<{ n: string }>(
        `select count(*) as n from ${quoteIdent(table.name)}`,
      );
      tables.push({ table: table.name, source: sourceRows, target: Number(rows[0]!.n) });
    }
    const wrong = tables.filter((t) => t.source !== t.target);
    if (wrong.length > 0) {
      throw new Error(
        `the counts differ after copying, so nothing was kept: ${wrong
          .map((t) => `${t.table} ${t.source} in SQLite, ${t.target} in PostgreSQL`)
          .join('; ')}`,
      );
    }
    return { tables, searchDocuments };
  } finally {
    source.exec('commit');
  }
}
