// PostgreSQL's side of backup and restore, with pg_dump and pg_restore (Debian's postgresql-client,
// the same major version as the server or newer). A backup is pg_dump's custom format taken in
// one snapshot that this code exports and counts in too: the running platform keeps writing, and
// the file and the counts printed are the same moment. A restore replays the file through psql in
// one transaction, after dropping what an earlier Twinning left there: a failure leaves the
// target as it was. Passwords go to the tools in their environment, never on a command line.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import pg from 'pg';
import {
  BackupError,
  type BackupOptions,
  type BackupSummary,
  type MigrationLevel,
  type RestoreSummary,
  type RowCounts,
} from './backup.ts';
import { openPostgres, pgMigrationsFolder, redactedUrl } from './client.ts';
import { describeRows, knownMigrations } from './sqlite-backup.ts';

/** Tables whose rows a summary counts (as the SQLite side's summary). */
const summaryTables = [
  'institutions',
  'users',
  'offers',
  'partnerships',
  'applications',
  'conversations',
  'messages',
  'notifications',
];

/** Tables every Twinning database has. */
const coreTables = ['institutions', 'users', 'offers', 'partnerships'];

/** A URL without its password, and the password for the tools' environment (PGPASSWORD). */
function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url.trim());
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    url: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Connects one client, or refuses with the reason the server (or the network) gave. */
export async function connectPostgres(url: string, what = 'DATABASE_URL'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url.trim() });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new BackupError(
      'unreachable',
      `Cannot connect to the PostgreSQL database ${what} names (${redactedUrl(url)}): ${(error as Error).message}.`,
    );
  }
  return client;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The migrations recorded in a database (drizzle's journal timestamps), oldest first. */
async function appliedMigrations(client: pg.ClientBase): Promise<number[]> {
  const { rows } = await client.query<{ present: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!rows[0]?.present) return [];
  const applied = await client.query<{ at: string }>(
    'select created_at::text as at from drizzle.__drizzle_migrations order by created_at',
  );
  return applied.rows.map((r) => Number(r.at));
}

/** How far a list of applied migrations is, or why it is not a Twinning database this code reads. */
export function postgresLevel(
  applied: number[],
  tables: Set<string>,
  what: string,
): MigrationLevel {
  const known = knownMigrations(pgMigrationsFolder);
  if (applied.length === 0 || coreTables.some((t) => !tables.has(t))) {
    throw new BackupError('not_twinning', `${what} is a PostgreSQL database, but not Twinning's.`);
  }
  const last = applied[applied.length - 1]!;
  const newest = known[known.length - 1]!;
  if (last > newest.when) {
    throw new BackupError(
      'too_new',
      `${what} was made by a newer version of Twinning (${applied.length} migrations; this version knows ${known.length}, up to ${newest.tag}). Use that version, or a newer one.`,
    );
  }
  const index = known.findIndex((m) => m.when === last);
  if (index === -1) {
    throw new BackupError(
      'not_twinning',
      `${what} has a migration this version does not know (recorded at ${new Date(last).toISOString()}).`,
    );
  }
  return { tag: known[index]!.tag, applied: index + 1, known: known.length };
}

/** The tables of the database's own schemas (public, drizzle, any other but the system's). */
async function userTables(client: pg.ClientBase): Promise<{ schema: string; name: string }[]> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p')
        and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_%'
      order by 1, 2`,
  );
  return rows;
}

/** The migration level of a live database (throws as postgresLevel does). */
export async function livePostgresLevel(
  client: pg.ClientBase,
  what: string,
): Promise<MigrationLevel> {
  const tables = new Set(
    (await userTables(client)).filter((t) => t.schema === 'public').map((t) => t.name),
  );
  return postgresLevel(await appliedMigrations(client), tables, what);
}

/**
 * Whether a database is newer than this code: a Twinning database of a later version is refused
 * before anything is written to it. An empty database, or an older Twinning one, passes.
 */
export async function refuseNewerPostgres(client: pg.ClientBase, what: string): Promise<void> {
  const applied = await appliedMigrations(client);
  if (applied.length === 0) return;
  const known = knownMigrations(pgMigrationsFolder);
  const newest = known[known.length - 1]!;
  if (applied[applied.length - 1]! > newest.when) {
    throw new BackupError(
      'too_new',
      `${what} was made by a newer version of Twinning (${applied.length} migrations; this version knows ${known.length}, up to ${newest.tag}). Use that version, or a newer one.`,
    );
  }
}

/** Rows in every table but drizzle's bookkeeping, by table (`schema.table` outside public). */
export async function postgresDataIn(client: pg.ClientBase): Promise<RowCounts> {
  const rows: RowCounts = {};
  for (const { schema, name } of await userTables(client)) {
    if (schema === 'drizzle' && name === '__drizzle_migrations') continue;
    const { rows: counted } = await client.query<{ n: string }>(
      `select count(*) as n from ${quoteIdent(schema)}.${quoteIdent(name)}`,
    );
    const n = Number(counted[0]!.n);
    if (n > 0) rows[schema === 'public' ? name : `${schema}.${name}`] = n;
  }
  return rows;
}

async function summaryRows(client: pg.ClientBase): Promise<RowCounts> {
  const rows: RowCounts = {};
  for (const table of summaryTables) {
    const { rows: present } = await client.query<{ ok: boolean }>(
      'select to_regclass($1) is not null as ok',
      [`public.${table}`],
    );
    if (!present[0]?.ok) continue;
    const { rows: counted } = await client.query<{ n: string }>(
      `select count(*) as n from public.${quoteIdent(table)}`,
    );
    rows[table] = Number(counted[0]!.n);
  }
  return rows;
}

interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a PostgreSQL client program to its end, collecting its output. */
function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(toolMissing(command, error)));
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

function toolMissing(command: string, error: Error): Error {
  if ((error as { code?: string }).code === 'ENOENT') {
    return new BackupError(
      'unsupported',
      `${command} is not installed; PostgreSQL backups need PostgreSQL's client programs (Debian: apt-get install -y postgresql-client).`,
    );
  }
  return error;
}

function temporaryBeside(file: string, purpose: string): string {
  return join(dirname(file), `.${basename(file)}.${purpose}-${randomBytes(4).toString('hex')}`);
}

export async function backupPostgres(
  databaseUrl: string,
  file: string,
  { force = false }: BackupOptions,
): Promise<BackupSummary> {
  const target = resolve(file);
  if (existsSync(target) && !force) {
    throw new BackupError(
      'file_exists',
      `${target} exists already; name a new file, or pass --force to replace it.`,
    );
  }
  const database = redactedUrl(databaseUrl);
  const client = await connectPostgres(databaseUrl);
  const partial = temporaryBeside(target, 'partial');
  try {
    // One snapshot for the dump and the counts: pg_dump joins this transaction's snapshot.
    await client.query('begin isolation level repeatable read read only');
    const migration = await livePostgresLevel(client, `The database at ${database}`);
    const rows = await summaryRows(client);
    const { rows: exported } = await client.query<{ id: string }>(
      'select pg_export_snapshot() as id',
    );
    mkdirSync(dirname(target), { recursive: true });
    const tool = toolConnection(databaseUrl);
    const dumped = await runTool(
      'pg_dump',
      [
        '--format=custom',
        `--snapshot=${exported[0]!.id}`,
        '--no-owner',
        '--no-privileges',
        `--file=${partial}`,
        `--dbname=${tool.url}`,
      ],
      tool.env,
    );
    if (dumped.code !== 0) {
      throw new BackupError('failed', `pg_dump failed: ${dumped.stderr.trim()}`);
    }
    await client.query('commit');
    renameSync(partial, target);
    return { database, file: target, bytes: statSync(target).size, migration, rows };
  } finally {
    rmSync(partial, { force: true });
    await client.end();
  }
}

/** The tables and recorded migrations in a pg_dump file, or why it is not a Twinning backup. */
async function backupFileLevel(file: string, what: string): Promise<MigrationLevel> {
  const listed = await runTool('pg_restore', ['--list', file], process.env);
  if (listed.code !== 0) {
    throw new BackupError(
      'not_a_database',
      `${what} is not a PostgreSQL backup (pg_dump's custom format).`,
    );
  }
  const tables = new Set<string>();
  for (const line of listed.stdout.split('\n')) {
    const match = /\bTABLE public (\S+) /.exec(line);
    if (match) tables.add(match[1]!);
  }
  // The migrations table's rows, as the COPY text pg_restore writes: id, hash, created_at.
  const data = await runTool(
    'pg_restore',
    ['--data-only', '--schema=drizzle', '--table=__drizzle_migrations', '--file=-', file],
    process.env,
  );
  if (data.code !== 0) {
    throw new BackupError('not_a_database', `${what} cannot be read: ${data.stderr.trim()}`);
  }
  const applied: number[] = [];
  let inCopy = false;
  for (const line of data.stdout.split('\n')) {
    if (line.startsWith('COPY drizzle.__drizzle_migrations ')) inCopy = true;
    else if (line === '\\.') inCopy = false;
    else if (inCopy) applied.push(Number(line.split('\t')[2]));
  }
  applied.sort((a, b) => a - b);
  return postgresLevel(applied, tables, what);
}

/** Statements that drop what a Twinning database holds (public's objects, drizzle's schema). */
async function dropStatements(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>(
    `select format('drop table if exists public.%I cascade;', tablename) as statement
       from pg_tables where schemaname = 'public'
     union all
     select format('drop view if exists public.%I cascade;', viewname) from pg_views where schemaname = 'public'
     union all
     select format('drop sequence if exists public.%I cascade;', sequencename)
       from pg_sequences where schemaname = 'public'
     union all
     select format('drop function if exists public.%I(%s) cascade;', p.proname, pg_get_function_identity_arguments(p.oid))
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prokind = 'f'`,
  );
  return [...rows.map((r) => r.statement), 'drop schema if exists drizzle cascade;'];
}

/** pg_restore's SQL piped into psql, after `prelude`, all in one transaction. */
function replay(file: string, databaseUrl: string, prelude: string): Promise<void> {
  const tool = toolConnection(databaseUrl);
  return new Promise((resolveReplay, reject) => {
    const restore = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], {
      env: tool.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const psql = spawn(
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--single-transaction',
        '-v',
        'ON_ERROR_STOP=1',
        `--dbname=${tool.url}`,
      ],
      { env: tool.env, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let errors = '';
    restore.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    psql.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    restore.on('error', (error) => reject(toolMissing('pg_restore', error)));
    psql.on('error', (error) => reject(toolMissing('psql', error)));
    // A psql that stops early (an error) closes its input; pg_restore then ends too.
    psql.stdin.on('error', () => undefined);
    psql.stdin.write(`set client_min_messages = warning;\n${prelude}\n`);
    restore.stdout.pipe(psql.stdin);
    let restoreCode: number | null | undefined;
    restore.on('close', (code) => (restoreCode = code));
    psql.on('close', (code) => {
      if (code === 0 && restoreCode !== undefined && restoreCode !== 0) {
        reject(new BackupError('failed', `pg_restore failed: ${errors.trim()}`));
      } else if (code !== 0) {
        reject(
          new BackupError(
            'failed',
            `Restoring failed, the database is as it was: ${errors.trim()}`,
          ),
        );
      } else {
        resolveReplay();
      }
    });
  });
}

export async function restorePostgres(
  databaseUrl: string,
  file: string,
  { force = false }: BackupOptions,
): Promise<RestoreSummary> {
  const backupFile = resolve(file);
  if (!existsSync(backupFile)) {
    throw new BackupError('file_missing', `There is no backup at ${backupFile}.`);
  }
  // The backup first: nothing is touched unless it is one this version can restore.
  const migratedFrom = await backupFileLevel(backupFile, `The file ${backupFile}`);

  const database = redactedUrl(databaseUrl);
  const client = await connectPostgres(databaseUrl);
  let replaced = false;
  let prelude: string;
  try {
    const { rows: others } = await client.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    if (Number(others[0]!.n) > 0) {
      throw new BackupError(
        'target_in_use',
        `The database at ${database} is in use (${others[0]!.n} other connections; is the platform running?). Stop it, then restore.`,
      );
    }
    const data = await postgresDataIn(client);
    if (Object.keys(data).length > 0) {
      if (!force) {
        throw new BackupError(
          'target_not_empty',
          `The database at ${database} holds data (${describeRows(data)}); restoring would replace it. Pass --force to replace it, or point DATABASE_URL at an empty database.`,
        );
      }
      replaced = true;
    }
    prelude = (await dropStatements(client)).join('\n');
  } finally {
    await client.end();
  }

  await replay(backupFile, databaseUrl, prelude);
  // Migrated forward as the platform opens it, with fresh planner statistics.
  const handle = await openPostgres(databaseUrl);
  try {
    await handle.analyze();
    const checked = await handle.pool.connect();
    try {
      const migration = await livePostgresLevel(checked, 'The restored database');
      const rows = await summaryRows(checked);
      return { database, file: backupFile, replaced, migratedFrom, migration, rows };
    } finally {
      checked.release();
    }
  } finally {
    await handle.close();
  }
}
