// One vitest run over the workspace; each package is a project so `--project core` works too.
// Time limits are generous: tests assert results, never speed, and on a loaded machine the
// CPU-bound ones (matching's property tests, seeding) run many times slower than on an idle one.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The spec files that run on PostgreSQL too, as the `db-pg` and `api-pg` projects: the same files
// as on SQLite, with TEST_DATABASE=postgres (their databases come from database-template.ts, on a
// throwaway server that the project's global setup starts once per run). Every other spec that
// opens a database is about one dialect:
// - schema-drift.spec.ts compares the two schemas (it runs once, on both);
// - copy.spec.ts and cli/database-copy.spec.ts copy SQLite into PostgreSQL (they start their own
//   server; database-copy.spec.ts also serves the copied demo and compares it with SQLite's);
// - backup.spec.ts is SQLite's backup API (a WAL writer, file formats, SQLite's migrations);
//   PostgreSQL's pg_dump/pg_restore side is pg-backup.spec.ts, on a server of its own;
// - repositories/offers-aliases-migration.spec.ts is SQLite's data migration 0014 (PostgreSQL's
//   migrations begin after it);
// - server-postgres.process.spec.ts starts `pnpm start` on a PostgreSQL of its own;
// - testing/database-template.spec.ts checks the SQLite template's file copies.
// The rest touch no database (config, ids, upkeep's Redis claim, the test rules).
const postgresApiSpecs = [
  'apps/api/src/plugins/*.spec.ts',
  'apps/api/src/realtime/*.spec.ts',
  'apps/api/src/mail/*.spec.ts',
  ...[
    'account-security',
    'applications',
    'auth',
    'balance-goals',
    'conversations',
    'email-gate',
    'institution-admin',
    'institution-review',
    'institution-trust',
    'institutions',
    'matches',
    'matching-rounds',
    'moderation',
    'offers',
    'partnerships',
    'password-reset',
    'people',
    'realtime',
    'statistics',
    'still-open',
    'verify-email',
  ].map((name) => `apps/api/src/routes/${name}.spec.ts`),
  'apps/api/src/services/follow-ups.spec.ts',
  'apps/api/src/mail/notification-mail.spec.ts',
  'apps/api/src/cli/database-backup.spec.ts',
  'apps/api/src/fuzz.spec.ts',
  'apps/api/src/platform.spec.ts',
  'apps/api/src/scale-out.spec.ts',
  'apps/api/src/web.spec.ts',
  // Two server processes on one database and one Redis.
  'apps/api/src/scale-out.process.spec.ts',
];
const postgresDbSpecs = [
  'packages/db/src/migrations.spec.ts',
  'packages/db/src/transaction.spec.ts',
  'packages/db/src/repositories/conversations.spec.ts',
  'packages/db/src/repositories/mail-outbox.spec.ts',
  'packages/db/src/repositories/offers.spec.ts',
  'packages/db/src/repositories/offers-search.spec.ts',
  'packages/db/src/repositories/statistics.spec.ts',
  'packages/db/src/seed/demo.spec.ts',
  'packages/db/src/seed/seed.spec.ts',
];

export default defineConfig({
  test: {
    // vitest's default, one worker fewer than the cores, ran every file one after another on a
    // 2-core machine, though many wait on PostgreSQL, server processes or sockets: two at least
    // (the whole unit run, measured: 458 s → 329 s).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'core',
          include: ['packages/core/src/**/*.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      { test: { name: 'contracts', include: ['packages/contracts/src/**/*.spec.ts'] } },
      {
        test: {
          name: 'db',
          include: ['packages/db/src/**/*.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db-pg',
          include: postgresDbSpecs,
          globalSetup: ['packages/db/src/testing/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env: { TEST_DATABASE: 'postgres' },
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          env: { NODE_ENV: 'test' },
        },
      },
      {
        test: {
          name: 'api-pg',
          include: postgresApiSpecs,
          globalSetup: ['packages/db/src/testing/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          env: { NODE_ENV: 'test', TEST_DATABASE: 'postgres' },
        },
      },
      // Pure helpers of the web app; they need no Vite plugins. `$lib` resolves for the modules
      // that import the UI strings (the compiled paraglide messages, in English).
      {
        resolve: {
          alias: { $lib: fileURLToPath(new URL('./apps/web/src/lib', import.meta.url)) },
        },
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
