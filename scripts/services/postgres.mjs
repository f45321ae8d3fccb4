// A throwaway PostgreSQL cluster for tests, CI and trying the PostgreSQL dialect: initdb in a
// temporary folder, started on a free port (127.0.0.1 and a unix socket in that folder), stopped
// and deleted afterwards. Never a system service. As root, the cluster runs as the `postgres`
// user (PostgreSQL refuses root); otherwise as the current user.
//
//   node scripts/services/postgres.mjs                 prints DATABASE_URL, runs until Ctrl-C
//   node scripts/services/postgres.mjs -- CMD ARGS…    runs CMD with DATABASE_URL set, then stops
//
// From code: `const pg = await startPostgres(); … pg.url …; await pg.stop();`
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of initdb/pg_ctl: `PG_BIN`, else the newest /usr/lib/postgresql/N/bin, else PATH. */
export function postgresBinDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return join(found.stdout.trim(), '..');
  throw new Error(
    'PostgreSQL is not installed: no initdb in /usr/lib/postgresql/*/bin or PATH (Debian: apt-get install -y postgresql; or set PG_BIN)',
  );
}

/** A port nobody listens on right now (the kernel's pick). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the cluster's owner; throws with its output when it fails. */
function runAsOwner(bin, args) {
  const [command, commandArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(
      `${bin.split('/').pop()} failed (exit ${result.status}): ${output || result.error?.message}`,
    );
  }
  return result.stdout;
}

/**
 * Starts a fresh cluster. `durable: false` (the default, for tests) turns off fsync and
 * synchronous commit: a test cluster lives minutes and is deleted, so it need not survive a
 * power cut.
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'twinning-postgres-'));
  const dataDir = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  let owner;
  if (asRoot) {
    const lookup = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (lookup.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        "running as root needs a `postgres` user to run PostgreSQL as (Debian's postgresql package makes it)",
      );
    }
    owner = {
      uid: Number(lookup.stdout.trim()),
      gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
    };
    chownSync(dir, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);

  let stopped = false;
  const cleanUp = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      try {
        runAsOwner(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      } catch {
        // Already gone; the folder goes below either way.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that crashes or is interrupted must not leave a cluster running.
  const onExit = () => cleanUp();
  process.once('exit', onExit);

  try {
    runAsOwner(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--pwfile',
      passwordFile,
      '--auth-local',
      'trust',
      '--auth-host',
      'scram-sha-256',
      '-E',
      'UTF8',
      '--locale',
      'C.UTF-8',
      ...(durable ? [] : ['--no-sync']),
    ]);
    rmSync(passwordFile);
    const settings = [
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'max_connections = 200',
      ...(durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
    ];
    writeFileSync(join(dataDir, 'postgresql.auto.conf'), `${settings.join('\n')}\n`, { flag: 'a' });

    // The port is free when asked and taken a moment later by the server; if someone else took
    // it in between, the server says so and another port is asked for.
    let port = 0;
    let lastError;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      port = await freePort();
      try {
        runAsOwner(join(bin, 'pg_ctl'), [
          'start',
          '-D',
          dataDir,
          '-w',
          '-t',
          '60',
          '-l',
          join(dir, 'server.log'),
          '-o',
          `-p ${port}`,
        ]);
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
        const log = existsSync(join(dir, 'server.log'))
          ? readFileSync(join(dir, 'server.log'), 'utf8')
          : '';
        if (!/could not (bind|create listen)|Address already in use/i.test(log)) break;
      }
    }
    if (lastError) throw lastError;

    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    return {
      /** The maintenance database's URL; create databases of your own on the same server. */
      url,
      port,
      password,
      /** The folder holding the unix socket (and the data, and the log). */
      socketDir: dir,
      /** The URL of another database on the same server. */
      urlOf(database) {
        return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
      },
      async stop() {
        process.removeListener('exit', onExit);
        if (stopped) return;
        if (existsSync(join(dataDir, 'postmaster.pid'))) {
          // Fast shutdown: ends the sessions still open and writes nothing the next start needs.
          try {
            runAsOwner(join(bin, 'pg_ctl'), [
              'stop',
              '-D',
              dataDir,
              '-m',
              'fast',
              '-w',
              '-t',
              '60',
            ]);
          } catch {
            // Falls through to the immediate stop in cleanUp.
          }
        }
        cleanUp();
      },
    };
  } catch (error) {
    process.removeListener('exit', onExit);
    const log = existsSync(join(dir, 'server.log'))
      ? readFileSync(join(dir, 'server.log'), 'utf8').trim()
      : '';
    cleanUp();
    if (log && error instanceof Error) error.message += `\nserver log:\n${log}`;
    throw error;
  }
}

// As a command: start, print or hand the URL to a command, stop on the way out.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const separator = process.argv.indexOf('--');
  const command = separator === -1 ? [] : process.argv.slice(separator + 1);
  const postgres = await startPostgres();
  const stopAndExit = async (code) => {
    await postgres.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAndExit(130));
  process.on('SIGTERM', () => void stopAndExit(143));
  if (command.length === 0) {
    console.log(
      `PostgreSQL (${userInfo().username === 'root' ? 'as postgres' : 'as ' + userInfo().username}) is up; Ctrl-C stops and deletes it.`,
    );
    console.log(`DATABASE_URL=${postgres.url}`);
    // Nothing else keeps Node running, and its exit stops the server: wait for Ctrl-C.
    setInterval(() => {}, 1 << 30);
  } else {
    const child = spawn(command[0], command.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: postgres.url },
    });
    child.on('exit', (code, signal) => void stopAndExit(code ?? (signal ? 1 : 0)));
  }
}
