// `pnpm db:backup FILE [--force]` and `pnpm db:restore FILE [--force]`: a consistent copy of the
// database DATABASE_URL names (taken while the platform runs), and a backup put back into an
// empty location and migrated to this version. Exit 0 done, 1 refused (the reason is printed),
// 2 a wrong command line. The work is @twinning/db's (backup.ts); this only speaks to a person.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { backupDatabase, BackupError, restoreDatabase, type RowCounts } from '@twinning/db/backup';
import { ConfigError, loadConfig } from '../config.ts';

const usage = {
  backup: 'usage: pnpm db:backup FILE [--force]   (--force replaces an existing FILE)',
  restore: 'usage: pnpm db:restore FILE [--force]   (--force replaces a database that holds data)',
};

function rowsText(rows: RowCounts): string {
  return Object.entries(rows)
    .map(([table, n]) => `${n.toLocaleString('en')} ${table}`)
    .join(', ');
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Where the command writes: the terminal, or a test's buffers. */
export interface Console {
  log(line: string): void;
  error(line: string): void;
}

/** `backup FILE [--force]` or `restore FILE [--force]`; returns the exit code. */
export async function databaseBackupCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  console: Console = globalThis.console,
): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'backup' && command !== 'restore') {
    console.error(`${usage.backup}\n${usage.restore}`);
    return 2;
  }
  let file: string;
  let force: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { force: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error('name one file');
    // Relative to where the command was typed (pnpm runs scripts from the repository's root).
    file = resolve(env.INIT_CWD ?? process.cwd(), positionals[0]!);
    force = values.force;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage[command]}`);
    return 2;
  }

  let databaseUrl: string;
  try {
    databaseUrl = loadConfig(env).databaseUrl;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }

  try {
    if (command === 'backup') {
      const done = await backupDatabase(databaseUrl, file, { force });
      console.log(
        `Backed up ${done.database} to ${done.file} (${sizeText(done.bytes)}, migration ${done.migration.tag}): ${rowsText(done.rows)}.`,
      );
    } else {
      const done = await restoreDatabase(databaseUrl, file, { force });
      const migrated =
        done.migratedFrom.applied < done.migration.applied
          ? `migrated from ${done.migratedFrom.tag} to ${done.migration.tag}`
          : `migration ${done.migration.tag}`;
      console.log(
        `Restored ${done.file} into ${done.database}${done.replaced ? ', replacing what was there' : ''} (${migrated}): ${rowsText(done.rows)}.`,
      );
    }
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
  process.exitCode = await databaseBackupCommand(process.argv.slice(2));
}
