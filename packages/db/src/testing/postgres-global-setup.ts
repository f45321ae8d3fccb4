// Vitest global setup of the `-pg` projects: one throwaway PostgreSQL server for the run
// (scripts/services/postgres.mjs), its URL provided to the test files as `postgresUrl`; each
// test file makes its own databases on it (database-template.ts).
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../../../scripts/services/postgres.mjs';
import type {} from './database-template.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
