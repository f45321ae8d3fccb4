// A throwaway nginx for tests and a local try, running the project's own deploy/ configuration:
// a temporary prefix folder whose conf/twinning/ holds deploy/nginx-*.conf (linked, so the real
// files run; a file the caller rewrites — the upstream servers, certificate paths — is written
// beside them instead), a free loopback port, its logs and pid file in that folder, in the
// foreground (`daemon off`), gone when stopped. Never the system's nginx service.
//
//   npx tsx scripts/services/nginx.ts 127.0.0.1:3001 127.0.0.1:3002
//     runs deploy/nginx-locations.conf on a free port in front of those processes until Ctrl-C
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from './redis.ts';

export const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));

/** The nginx binary: `NGINX_BIN`, else Debian's /usr/sbin/nginx, else PATH. */
export function nginxBinary(): string {
  const given = process.env.NGINX_BIN;
  if (given) {
    if (existsSync(given)) return given;
    throw new Error(
      `NGINX_BIN names ${given}, which does not exist (Debian: apt-get install -y nginx)`,
    );
  }
  if (existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  throw new Error(
    'nginx is not installed: no nginx in /usr/sbin or PATH (Debian: apt-get install -y nginx; or set NGINX_BIN)',
  );
}

/** deploy/<file> → its text as this run should see it; files not named are linked unchanged. */
export type Rewrites = Record<string, (text: string) => string>;

/**
 * Replaces the `server …;` lines of deploy/nginx-upstreams.conf's upstream with one per given
 * address (`host:port`), keeping everything else (balancing, keep-alive, failure settings).
 */
export function withUpstreams(addresses: string[]): (text: string) => string {
  return (text) => {
    const lines = text.split('\n');
    const servers = lines.filter((line) => /^\s*server\s+\S+/.test(line));
    if (servers.length === 0) throw new Error('deploy/nginx-upstreams.conf has no server line');
    const [first] = servers;
    const indent = /^\s*/.exec(first!)![0];
    const options = /^\s*server\s+\S+?(\s[^;]*)?;/.exec(first!)?.[1] ?? '';
    const replaced = addresses.map((address) => `${indent}server ${address}${options};`);
    const at = lines.indexOf(first!);
    return [
      ...lines.slice(0, at).filter((line) => !servers.includes(line)),
      ...replaced,
      ...lines.slice(at + 1).filter((line) => !servers.includes(line)),
    ].join('\n');
  };
}

/** A prefix folder: conf/twinning/ with the deploy files, temp paths, logs. */
function prefix(rewrites: Rewrites): string {
  const dir = mkdtempSync(join(tmpdir(), 'twinning-nginx-'));
  // As root, nginx's workers run as an unprivileged user: they must reach their temp folders.
  chmodSync(dir, 0o755);
  const twinning = join(dir, 'conf', 'twinning');
  mkdirSync(twinning, { recursive: true });
  mkdirSync(join(dir, 'temp'));
  const files = readdirSync(deployDir).filter((name) => name.endsWith('.conf'));
  for (const name of Object.keys(rewrites)) {
    if (!files.includes(name)) throw new Error(`deploy/${name} does not exist`);
  }
  for (const name of files) {
    const rewrite = rewrites[name];
    if (rewrite)
      writeFileSync(join(twinning, name), rewrite(readFileSync(join(deployDir, name), 'utf8')));
    else symlinkSync(join(deployDir, name), join(twinning, name));
  }
  return dir;
}

/** The main file around the project's http-level configuration: pid, logs and temp paths here. */
function mainConfig(dir: string, http: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${join(dir, 'temp', kind)};`)
    .join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} notice;
events { worker_connections 512; }
http {
    access_log ${join(dir, 'access.log')};
${temp}
${http}
}
`;
}

function nginxArgs(dir: string): string[] {
  return ['-p', dir, '-c', join(dir, 'conf', 'nginx.conf'), '-e', join(dir, 'error.log')];
}

/**
 * `nginx -t` over `http` (directives of the http block, e.g. `include twinning/nginx.conf;`)
 * with the deploy files as `rewrites` make them. Resolves with nginx's verdict and its output.
 */
export function checkNginxConfig(
  http: string,
  rewrites: Rewrites = {},
): { ok: boolean; output: string } {
  const binary = nginxBinary();
  const dir = prefix(rewrites);
  try {
    writeFileSync(join(dir, 'conf', 'nginx.conf'), mainConfig(dir, http));
    const result = spawnSync(binary, ['-t', ...nginxArgs(dir)], { encoding: 'utf8' });
    return {
      ok: result.status === 0,
      output: `${result.stdout}${result.stderr}`.trim() || String(result.error ?? ''),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface NginxService {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** What nginx logged so far (errors, upstream failures). */
  errorLog(): string;
  /** Stops nginx (fast shutdown, open WebSockets are cut) and removes its folder. */
  close(): Promise<void>;
}

export interface NginxOptions {
  /** The processes, `host:port`, in place of deploy/nginx-upstreams.conf's server lines. */
  upstreams: string[];
  /** Extra directives of the server block, before deploy/nginx-locations.conf (tests). */
  serverDirectives?: string[];
}

/**
 * Starts nginx with deploy/nginx-map.conf, deploy/nginx-upstreams.conf (its servers replaced)
 * and a plain-HTTP server block on a free loopback port that includes
 * deploy/nginx-locations.conf — the locations that deploy/nginx.conf and the compose file run.
 */
export async function startNginx(options: NginxOptions): Promise<NginxService> {
  const binary = nginxBinary();
  const dir = prefix({ 'nginx-upstreams.conf': withUpstreams(options.upstreams) });
  const port = await freePort();
  const server = [`listen 127.0.0.1:${port};`, ...(options.serverDirectives ?? [])]
    .map((line) => `        ${line}`)
    .join('\n');
  writeFileSync(
    join(dir, 'conf', 'nginx.conf'),
    mainConfig(
      dir,
      `    include twinning/nginx-map.conf;
    include twinning/nginx-upstreams.conf;
    server {
${server}
        include twinning/nginx-locations.conf;
    }`,
    ),
  );
  const errorLog = () => {
    const file = join(dir, 'error.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  const pidFile = join(dir, 'nginx.pid');

  const child: ChildProcess = spawn(binary, [...nginxArgs(dir), '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // nginx writes its pid file once it listens: wait for that file to appear, or for an exit.
  try {
    await new Promise<void>((resolve, reject) => {
      const watcher = watch(dir, () => {
        if (existsSync(pidFile)) done();
      });
      const done = (error?: Error) => {
        watcher.close();
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      const onExit = (code: number | null) =>
        done(
          new Error(
            `nginx on port ${port} exited (code ${code}) before it was ready:\n${`${output}${errorLog()}`.trim()}`,
          ),
        );
      child.once('exit', onExit);
      child.once('error', (error) => done(error));
      if (existsSync(pidFile)) done();
    });
  } catch (error) {
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    errorLog,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const upstreams = process.argv.slice(2);
  if (upstreams.length === 0) {
    console.error('Usage: npx tsx scripts/services/nginx.ts HOST:PORT [HOST:PORT …]');
    process.exit(2);
  }
  const nginx = await startNginx({ upstreams });
  console.log(
    `nginx is running at ${nginx.url} in front of ${upstreams.join(', ')}; Ctrl-C stops it.`,
  );
  const shutdown = () => void nginx.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
