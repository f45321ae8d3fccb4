// Starts the whole platform on one origin: migrations, seed, API, WebSocket and web pages.
import { randomBytes } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { seedIfEmpty } from '@twinning/db/seed/seed';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, redactedUrl } from './config.ts';
import { redactedRedisUrl, RedisUnavailableError } from './redis/redis-link.ts';
import { roundStaleAfterMs } from './services/matching.ts';
import { claimAlways, redisUpkeepClaim, scheduleUpkeep } from './upkeep.ts';
import { hashPassword } from './services/passwords.ts';
import { registerWeb, webBuildExists } from './web.ts';

/** How often partnership requests are checked for reminders and expiry. */
const followUpEveryMs = 10 * 60 * 1000;

/**
 * Runs `task` every `everyMs` (and on `now()`), never twice at once in this process, telling
 * `failed` what fails. Tasks run this way may run in every process at once: each takes its rows
 * in transactions that re-check them, so nothing is done twice.
 */
function repeat(everyMs: number, task: () => Promise<unknown>, failed: (err: unknown) => void) {
  let running = false;
  const now = () => {
    if (running) return;
    running = true;
    task()
      .catch(failed)
      .finally(() => (running = false));
  };
  const timer = setInterval(now, everyMs);
  timer.unref();
  return { now, stop: () => clearInterval(timer) };
}

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
  // Partnership requests nobody answers: a reminder at 3 days, expiry at 14 (services/
  // follow-ups.ts); at start too, so what fell due while the server was down is done at once.
  const followUps = repeat(
    followUpEveryMs,
    () => app.followUps.run(),
    (err) => app.log.error({ err }, 'Partnership follow-ups failed'),
  );
  app.addHook('onReady', async () => followUps.now());
  // Open offers unconfirmed for 60 days get a "still open?" mail; at 75 they leave the open
  // lists (services/still-open.ts); at start too, like the follow-ups.
  const stillOpen = repeat(
    followUpEveryMs,
    () => app.stillOpen.run(),
    (err) => app.log.error({ err }, 'Still-open mails failed'),
  );
  app.addHook('onReady', async () => stillOpen.now());
  // Notifications by mail (mail/notification-mail.ts): each within a minute, digests at 08:00
  // on each person's clock.
  const mailNotifications = repeat(
    60_000,
    () => app.notificationMail.run(),
    (err) => app.log.error({ err }, 'Mailing notifications failed'),
  );
  app.addHook('onClose', async () => {
    mailNotifications.stop();
    followUps.stop();
    stillOpen.stop();
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
  lines.push(
    config.smtpUrl
      ? `  Mail: sent through ${redactedUrl(config.smtpUrl)} from ${config.mailFrom}`
      : '  Mail is off: mails stay in the outbox and are logged. To send them, set SMTP_URL (e.g. smtp://mail.example:25 or smtps://user:password@mail.example:465) and MAIL_FROM, then restart',
  );
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
