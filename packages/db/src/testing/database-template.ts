// Fresh databases for tests, cheaply: one database is migrated (and filled, e.g. with the test
// institutions or the whole directory) once per test file, and every test gets a copy of it.
// SQLite: copying a file takes a millisecond; migrating takes tens, loading the directory a
// second. PostgreSQL (the `-pg` test projects): `CREATE DATABASE … TEMPLATE` copies the
// template's files on the test server the projects' global setup started.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase, openPostgres, type Db, type Dialect } from '../client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `-pg` projects' test server (postgres-global-setup.ts). */
    postgresUrl: string;
  }
}

export interface DatabaseCopy {
  /** The copy's DATABASE_URL: a file in a temp folder of its own, or a PostgreSQL database. */
  url: string;
  /** The copy's file (SQLite), the same as `url`; on PostgreSQL also its URL. */
  file: string;
  /** Deletes the copy (close its connections first). */
  remove(): Promise<void>;
}

export interface DatabaseTemplate {
  /** A fresh copy of the template: migrated, filled, and written by no one else. */
  copy(): Promise<DatabaseCopy>;
}

/**
 * The dialect the tests of this run use: `TEST_DATABASE=postgres` in the `-pg` projects (whose
 * global setup starts the server), SQLite otherwise.
 */
export function testDialect(): Dialect {
  return process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

/** The test server's maintenance URL (the `-pg` projects' global setup provides it). */
export function testPostgresUrl(): string {
  const url = inject('postgresUrl');
  if (!url) {
    throw new Error(
      'TEST_DATABASE=postgres needs the PostgreSQL test server: run the db-pg / api-pg vitest projects',
    );
  }
  return url;
}

/** The URL of another database on the server of `serverUrl`. */
export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the test server's maintenance database (CREATE / DROP DATABASE). */
async function onServer(serverUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (not migrated) on the server of `serverUrl`; returns its URL. */
export async function createDatabaseOn(serverUrl: string, database: string): Promise<string> {
  await onServer(serverUrl, [`CREATE DATABASE "${database}"`]);
  return databaseUrlOn(serverUrl, database);
}

/**
 * A template made on first use by migrating an empty database and running `fill` over it.
 * Call it at a test file's top level: the template is deleted after the file's tests.
 * On PostgreSQL `fill` gets the PostgreSQL database (the repositories run on both).
 */
export function databaseTemplate(
  fill: (db: Db) => Promise<unknown> = async () => undefined,
): DatabaseTemplate {
  return testDialect() === 'postgres' ? postgresTemplate(fill) : sqliteTemplate(fill);
}

function sqliteTemplate(fill: (db: Db) => Promise<unknown>): DatabaseTemplate {
  let made: Promise<string> | undefined;
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function make(): Promise<string> {
    dir = mkdtempSync(join(tmpdir(), 'twinning-template-'));
    const file = join(dir, 'template.db');
    const handle = openDatabase(file);
    try {
      await fill(handle.db);
      // Everything into the main file, so copying that one file copies the database.
      handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      handle.close();
    }
    return file;
  }

  return {
    async copy() {
      made ??= make();
      const template = await made;
      const dir = mkdtempSync(join(tmpdir(), 'twinning-test-'));
      const file = join(dir, 'test.db');
      copyFileSync(template, file);
      return {
        url: file,
        file,
        remove: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  };
}

function postgresTemplate(fill: (db: Db) => Promise<unknown>): DatabaseTemplate {
  let made: Promise<string> | undefined;
  let templateName: string | undefined;
  const copies = new Set<string>();
  afterAll(async () => {
    const names = [...copies, ...(templateName ? [templateName] : [])];
    if (names.length === 0) return;
    // FORCE: a test that forgot to close its pool must not keep the database alive.
    await onServer(
      testPostgresUrl(),
      names.map((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  });

  const newName = (kind: string) => `twinning_${kind}_${randomBytes(6).toString('hex')}`;

  async function make(): Promise<string> {
    const server = testPostgresUrl();
    const name = newName('template');
    await onServer(server, [`CREATE DATABASE "${name}"`]);
    templateName = name;
    const handle = await openPostgres(databaseUrlOn(server, name));
    try {
      // The repositories are written against the SQLite schema's types and run unchanged on
      // PostgreSQL's tables (see client.ts).
      await fill(handle.db as unknown as Db);
    } finally {
      // A template must have no connections when it is copied.
      await handle.close();
    }
    return name;
  }

  return {
    async copy() {
      made ??= make();
      const template = await made;
      const server = testPostgresUrl();
      const name = newName('test');
      await onServer(server, [`CREATE DATABASE "${name}" TEMPLATE "${template}"`]);
      copies.add(name);
      const url = databaseUrlOn(server, name);
      return {
        url,
        file: url,
        async remove() {
          copies.delete(name);
          await onServer(server, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
        },
      };
    },
  };
}
