// The command-line side of `pnpm db:copy`: what a person types and reads, and the exit codes,
// against a real PostgreSQL server (the copy itself is tested in @twinning/db's copy.spec.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitutionRepository } from '@twinning/db/repositories/institutions';
import { databaseTemplate, type DatabaseCopy } from '@twinning/db/testing/database-template';
import { startPostgres, type PostgresServer } from '../../../../scripts/services/postgres.mjs';
import { testInstitutions } from '../testing/test-app.ts';
import { databaseCopyCommand } from './database-copy.ts';

const withInstitutions = databaseTemplate((db) =>
  createInstitutionRepository(db).createMany(testInstitutions),
);

let server: PostgresServer;
let dir: string;
let source: DatabaseCopy;
beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'twinning-copy-cli-'));
  source = await withInstitutions.copy();
}, 60_000);
afterAll(async () => {
  await source?.remove();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The command as `pnpm db:copy …` runs it, typed in `dir`. */
async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await databaseCopyCommand(
    args,
    { INIT_CWD: dir },
    { log: (line) => out.push(line), error: (line) => err.push(line) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('pnpm db:copy', () => {
  it('copies into an empty database and prints every table on both sides; refuses a second time', async () => {
    // The server's maintenance database: no tables yet.
    const done = await run('--from', source.file, '--to', server.url);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).not.toContain(server.password);
    expect(done.stdout).toContain(`Copied ${source.file} to postgres://postgres:***@127.0.0.1:`);
    expect(done.stdout).toMatch(/^ {2}table +SQLite +PostgreSQL$/m);
    const n = testInstitutions.length.toLocaleString('en');
    expect(done.stdout).toMatch(new RegExp(`^ {2}institutions +${n} +${n}$`, 'm'));
    expect(done.stdout).toMatch(/^ {2}messages +0 +0$/m);

    const again = await run('--from', source.file, '--to', server.url);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`holds data (${n} institutions`);
    expect(again.stderr).not.toContain(server.password);
  });

  it('says what is wrong with the command line (exit 2) or the source (exit 1)', async () => {
    for (const args of [
      [],
      ['--from', source.file],
      ['--to', server.url],
      ['--from', source.file, '--to', join(dir, 'b.db')],
      ['--from', server.url, '--to', server.url],
      ['--from', source.file, '--to', server.url, 'extra'],
      ['--from', source.file, '--to', server.url, '--force'],
    ]) {
      const wrong = await run(...args);
      expect(wrong.code, args.join(' ')).toBe(2);
      expect(wrong.stderr).toContain(
        'usage: pnpm db:copy --from ./data/twinning.db --to postgres://',
      );
    }
    // Relative to where the command was typed.
    expect(await run('--from', 'missing.db', '--to', server.url)).toEqual({
      code: 1,
      stdout: '',
      stderr: `There is no database at ${join(dir, 'missing.db')}.`,
    });
  });
});
