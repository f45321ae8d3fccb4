// One vitest run over the workspace; each package is a project so `--project core` works too.
// Time limits are generous: tests assert results, never speed, and on a loaded machine the
// CPU-bound ones (matching's property tests, seeding) run many times slower than on an idle one.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The spec files that run on PostgreSQL too, as the `db-pg` project: the same files as on SQLite,
// with TEST_DATABASE=postgres (their databases come from database-template.ts, on a throwaway
// server that the project's global setup starts once per run).
// Not yet on PostgreSQL: the backup command's spec.
const postgresApiSpecs = [
  'apps/api/src/plugins/*.spec.ts',
  'apps/api/src/realtime/*.spec.ts',
  ...[
    'applications',
    'auth',
    'balance-goals',
    'conversations',
    'institution-admin',
    'institution-review',
    'institutions',
    'matches',
    'matching-rounds',
    'moderation',
    'offers',
    'partnerships',
    'realtime',
    'statistics',
  ].map((name) => `apps/api/src/routes/${name}.spec.ts`),
];
const postgresDbSpecs = [
  'packages/db/src/migrations.spec.ts',
  'packages/db/src/transaction.spec.ts',
  'packages/db/src/repositories/conversations.spec.ts',
  'packages/db/src/repositories/offers-search.spec.ts',
  'packages/db/src/repositories/statistics.spec.ts',
];

export default defineConfig({
  test: {
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
