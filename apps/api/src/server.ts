// Starts the whole platform on one origin: migrations, seed, API, WebSocket and web pages.
import { randomBytes } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { seedIfEmpty } from '@twinning/db/seed/seed';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { redactedRedisUrl, RedisUnavailableError } from './redis/redis-link.ts';
import { roundStaleAfterMs } from './services/matching.ts';
import { claimAlways, redisUpkeepClaim, scheduleUpkeep } from './upkeep.ts';
import { hashPassword } from './services/passwords.ts';
import { registerWeb, webBuildExists } from './web.ts';

function internalUrl(host: string, port: number): string {
  const wildcard = ['0.0.0.0', '::', '127.0.0.1', 'localhost', ''].includes(host);
  const h = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

async function main() {
  const loaded = loadConfig();
  // The pages' server proves its calls on a client's behalf with this (plugins/client-address.ts);
  // SvelteKit, imported later in this process, reads it from the environment.
  const internalSecret = loaded.internalSecret ?? randomBytes(32).toString('base64url');
  process.env.API_INTERNAL_SECRET = internalSecret;
  const config = { ...loaded, internalSecret };
  // SQLite (a file path, the default) or PostgreSQL (postgres://…), migrated before it serves.
  const database = await connectDatabase(config.databaseUrl);
  const db = databaseOf(database);
  const repositories = createRepositories(db);
  const seeded = await seedIfEmpty(db, {
    demo: config.seedDemo,
    hashPassword,
    now: new Date(),
    demoPassword: config.demoPassword,
  });
  if (seeded.institutions > 0 || seeded.demoSeeded) await database.analyze();
  // A round whose process stopped (this one before a restart, or another) is marked failed;
  // one another live process is running keeps its heartbeat fresh and is left alone.
  await repositories.matchingRounds.failStale(
    'The server stopped while the round ran.',
    new Date(Date.now() - roundStaleAfterMs),
    new Date(),
  );

  const app = await buildApp({ config, repositories });
  // Hourly upkeep: expired sessions are refused when presented and ended rate-limit windows
  // count as zero, this keeps their tables small; and
  // SQLite's optimize refreshes the planner's statistics as the catalogue grows (without them a
  // filtered page at 100k offers takes 100× longer); PostgreSQL's autovacuum analyzes changed
  // tables by itself. With Redis, one process a hour runs it.
  const stopUpkeep = scheduleUpkeep({
    claim: app.redis ? redisUpkeepClaim(app.redis.commands) : claimAlways,
    log: app.log,
    async run() {
      await repositories.sessions.deleteExpired(new Date()).catch(() => undefined);
      await repositories.rateLimits.deleteExpired(new Date()).catch(() => undefined);
      if (database.dialect === 'sqlite') database.optimize();
    },
  });
  app.addHook('onClose', async () => {
    stopUpkeep();
    // SQLite's file, or the PostgreSQL pool (its connections end, the server sees them go).
    await closeDatabase(database);
  });
  // In `pnpm dev`, Vite serves the pages and proxies /api here.
  const serveWeb = process.env.SERVE_WEB !== 'false';
  const web = serveWeb && webBuildExists() ? registerWeb(app, { origin: config.origin }) : null;

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info(`${signal} received, shutting down`);
    await app.close();
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.env.API_INTERNAL_URL ??= internalUrl(config.host, port);
  if (web) await web.load();
  else if (serveWeb)
    app.log.warn('apps/web/build is missing: serving the API only (run pnpm build)');

  const url = config.origin ?? `http://localhost:${port}`;
  const lines = [
    '',
    `  Twinning is running at ${url}`,
    `  API docs: ${url}/api/docs   database: ${database.location}`,
    seeded.institutions > 0
      ? `  New database: loaded ${seeded.institutions} institutions${seeded.demoSeeded ? ' and the demo data' : ''}`
      : '  Existing database: its data is kept, nothing was seeded',
  ];
  if (config.redisUrl) {
    lines.push(
      `  Redis: ${redactedRedisUrl(config.redisUrl)} (real time, rate limits and upkeep shared with the other processes)`,
    );
  }
  if (seeded.demoAccounts.length > 0) {
    const origin = config.demoPassword ? 'DEMO_PASSWORD' : 'random, kept in this database';
    lines.push('', `  Demo accounts (one password for each: ${origin}):`);
    for (const a of seeded.demoAccounts) {
      lines.push(`    ${a.role.padEnd(18)} ${a.email.padEnd(30)} ${a.password}`);
    }
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  const failure = error as { code?: string; address?: string; port?: number } | null;
  if (failure?.code === 'EADDRINUSE' || failure?.code === 'EACCES') {
    const why = failure.code === 'EADDRINUSE' ? 'is in use' : 'needs permissions this user lacks';
    console.error(
      `Twinning cannot start: ${failure.address}:${failure.port} ${why}. Set PORT to a free port.`,
    );
  } else if (
    error instanceof ConfigError ||
    error instanceof RedisUnavailableError ||
    (error instanceof Error && /DATABASE_URL/.test(error.message))
  ) {
    console.error(`Twinning cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
