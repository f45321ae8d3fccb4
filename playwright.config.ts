// Browser tests against the started platform (pnpm start), in Debian's Chromium.
// One project per database dialect, each against its own platform process on a fresh database:
// `sqlite` (port E2E_PORT, 3100) always; `postgres` (the next port) when E2E_POSTGRES_URL names a
// database — scripts/e2e-postgres.mjs starts a throwaway PostgreSQL and sets it. E2E_DIALECTS
// (`sqlite`, `postgres`, or both, comma-separated) picks which platforms start and which run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
// Set once in the main process; workers inherit it, so all of a dialect's tests share its one
// fresh database.
process.env.E2E_DATABASE_URL ??= join(mkdtempSync(join(tmpdir(), 'twinning-e2e-')), 'e2e.db');
// The demo accounts' password on the platforms the tests start (e2e/helpers.ts logs in with it);
// without DEMO_PASSWORD each new database would get a random one.
const demoPassword = (process.env.DEMO_PASSWORD ||= 'e2e demo lantern harbour');
const postgresUrl = process.env.E2E_POSTGRES_URL;
const dialects = (process.env.E2E_DIALECTS ?? (postgresUrl ? 'sqlite,postgres' : 'sqlite'))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of dialects) {
  if (name !== 'sqlite' && name !== 'postgres') {
    throw new Error(`E2E_DIALECTS: unknown dialect "${name}" (use sqlite, postgres or both)`);
  }
}
if (dialects.includes('postgres') && !postgresUrl) {
  throw new Error(
    'E2E_DIALECTS names postgres but E2E_POSTGRES_URL is unset: run pnpm test:e2e:pg',
  );
}

const platforms = [
  { name: 'sqlite', port, databaseUrl: process.env.E2E_DATABASE_URL },
  { name: 'postgres', port: port + 1, databaseUrl: postgresUrl ?? '' },
].filter((platform) => dialects.includes(platform.name));

// Mail goes to a sink the tests read (scripts/services/mail-sink.ts): SMTP on port+3, the mails
// over HTTP on port+2 (E2E_MAIL_SINK, for e2e/helpers.ts's nextMail).
const mailSinkHttpPort = port + 2;
const mailSinkSmtpPort = port + 3;
process.env.E2E_MAIL_SINK = `http://127.0.0.1:${mailSinkHttpPort}`;

const platformServers: NonNullable<PlaywrightTestConfig['webServer']> = platforms.map(
  (platform) => ({
    command: 'node scripts/start.mjs',
    url: `http://localhost:${platform.port}/api/health`,
    // A platform already running on the port serves its own database: reused only for a local
    // SQLite run, never in CI or on PostgreSQL.
    reuseExistingServer: !process.env.CI && platform.name === 'sqlite',
    timeout: 180_000,
    stdout: 'pipe' as const,
    env: {
      PORT: String(platform.port),
      HOST: '127.0.0.1',
      DATABASE_URL: platform.databaseUrl,
      RATE_LIMIT_AUTH: '0',
      SEED_DEMO: 'true',
      DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${mailSinkSmtpPort}/?ignoreTLS=true`,
    },
  }),
);
// The sink first: the platforms send to it from their start.
const webServer: PlaywrightTestConfig['webServer'] = [
  {
    command: 'node --import tsx scripts/services/mail-sink.ts',
    url: `${process.env.E2E_MAIL_SINK}/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'pipe' as const,
    env: {
      MAIL_SINK_HTTP_PORT: String(mailSinkHttpPort),
      MAIL_SINK_SMTP_PORT: String(mailSinkSmtpPort),
    },
  },
  ...platformServers,
];

const markupOnlySpecs = [
  'accessibility.spec.ts',
  'mobile.spec.ts',
  'pages.spec.ts',
  'report-print.spec.ts',
  'statistics-without-javascript.spec.ts',
];

export default defineConfig({
  testDir: 'e2e',
  // Limits catch a hang, they do not judge speed: a long journey (sign-ups with Argon2, several
  // axe scans) took over 30 s while other work loaded both cores, and no retry hides a failure.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? (platforms.length > 1 ? 3 : 2)),
  forbidOnly: true,
  retries: 0,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-gpu',
      ],
    },
    trace: 'off',
    // The pages scroll smoothly unless the reader asks for less motion. A smooth scroll moves
    // the element a click is aimed at, and on a loaded machine Playwright then waits, and
    // waits, for it to hold still (microsoft/playwright#42625): tests read as that reader.
    reducedMotion: 'reduce',
  },
  projects: platforms.map((platform) => ({
    name: platform.name,
    use: { baseURL: `http://localhost:${platform.port}` },
    // Specs about markup and layout run once, on SQLite: axe (the other journeys skip their
    // scans there too, see e2e/helpers.ts's expectAccessible), small screens, meta tags, print
    // and pages without JavaScript do not depend on the database — and each run on PostgreSQL
    // would add a minute to CI without testing anything new.
    testIgnore: platform.name === 'postgres' ? markupOnlySpecs : [],
  })),
  webServer,
});
