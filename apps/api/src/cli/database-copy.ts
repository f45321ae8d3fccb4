// `pnpm db:copy --from ./data/twinning.db --to postgres://…`: moves an embedded install into an
// empty PostgreSQL database and prints every table's rows on both sides. Exit 0 done, 1 refused
// (the reason is printed; nothing was written), 2 a wrong command line. The work is
// @twinning/db's (copy.ts); this only speaks to a person.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BackupError } from '@twinning/db/backup';
import { dialectOf } from '@twinning/db/client';
import { copyToPostgres, type CopySummary } from '@twinning/db/copy';
import type { Console } from './database-backup.ts';

const usage =
  'usage: pnpm db:copy --from ./data/twinning.db --to postgres://user:password@host:5432/database';

/** The counts as a table a person reads: the table, SQLite's rows, PostgreSQL's rows. */
export function countsTable(summary: CopySummary): string {
  const rows = [
    ['table', 'SQLite', 'PostgreSQL'],
    ...summary.tables.map((t) => [
      t.table,
      t.source.toLocaleString('en'),
      t.target.toLocaleString('en'),
    ]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}`.trimEnd(),
    )
    .join('\n');
}

/** `--from FILE --to URL`; returns the exit code. */
export async function databaseCopyCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  console: Console = globalThis.console,
): Promise<number> {
  let from: string;
  let to: string;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals[0]}`);
    if (!values.from) throw new Error('name the SQLite file to copy with --from');
    if (!values.to) throw new Error('name the PostgreSQL database to fill with --to');
    if (dialectOf(values.from) !== 'sqlite') throw new Error('--from must be a SQLite file');
    if (dialectOf(values.to) !== 'postgres') {
      throw new Error('--to must be a PostgreSQL URL (postgres://…)');
    }
    // Relative to where the command was typed (pnpm runs scripts from the repository's root).
    from = /^file:/.test(values.from)
      ? values.from
      : resolve(env.INIT_CWD ?? process.cwd(), values.from);
    to = values.to;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }

  try {
    const done = await copyToPostgres(from, to);
    const migrated =
      done.migratedFrom.applied < done.migratedFrom.known
        ? ` (its migrations brought forward from ${done.migratedFrom.tag} on a temporary copy)`
        : '';
    const rows = done.tables.reduce((sum, t) => sum + t.target, 0);
    console.log(
      `Copied ${done.source}${migrated} to ${done.target} in ${(done.milliseconds / 1000).toFixed(1)} s: ${rows.toLocaleString('en')} rows in ${done.tables.length} tables, ${done.searchDocuments.toLocaleString('en')} offers indexed for search. Every table's rows, counted on both sides:`,
    );
    console.log(countsTable(done));
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await databaseCopyCommand(process.argv.slice(2));
}
