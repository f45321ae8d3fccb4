// Fresh databases for tests, cheaply: one database is migrated (and filled, e.g. with the test
// institutions or the whole directory) once per test file, and every test gets a copy of its
// file. Copying a file takes a millisecond; migrating takes tens, loading the directory a
// second.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Db } from '../client.ts';

export interface DatabaseCopy {
  /** The copy's file, in a temp folder of its own. */
  file: string;
  /** Deletes the copy's folder (close its connections first). */
  remove(): void;
}

export interface DatabaseTemplate {
  /** A fresh copy of the template: migrated, filled, and written by no one else. */
  copy(): Promise<DatabaseCopy>;
}

/**
 * A template made on first use by migrating an empty database and running `fill` over it.
 * Call it at a test file's top level: the template is deleted after the file's tests.
 */
export function databaseTemplate(
  fill: (db: Db) => Promise<unknown> = async () => undefined,
): DatabaseTemplate {
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
      return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
    },
  };
}
