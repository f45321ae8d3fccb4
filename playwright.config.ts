// Browser tests against the started platform (pnpm start), in Debian's Chromium.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
// Set once in the main process; workers inherit it, so all share the one fresh database: a new
// SQLite file, or the throwaway PostgreSQL `pnpm test:e2e:pg` (scripts/e2e-postgres.mjs) gives.
process.env.E2E_DATABASE_URL ??= join(mkdtempSync(join(tmpdir(), 'twinning-e2e-')), 'e2e.db');
const onPostgres = /^postgres(ql)?:\/\//i.test(process.env.E2E_DATABASE_URL);

export default defineConfig({
  testDir: 'e2e',
  // Limits catch a hang, they do not judge speed: a long journey (sign-ups with Argon2, several
  // axe scans) took over 30 s while other work loaded both cores, and no retry hides a failure.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
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
  webServer: {
    command: 'node scripts/start.mjs',
    url: `http://localhost:${port}/api/health`,
    // A platform already running on the port serves its own database: never on PostgreSQL's run.
    reuseExistingServer: !process.env.CI && !onPostgres,
    timeout: 180_000,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      RATE_LIMIT_AUTH: '0',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
  },
});
