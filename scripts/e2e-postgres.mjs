// The browser suite with PostgreSQL: starts a throwaway PostgreSQL (services/postgres.mjs), gives
// it to playwright.config.ts as E2E_POSTGRES_URL (its `postgres` project's platform runs on it),
// and stops and deletes it afterwards, whatever the outcome.
//   node scripts/e2e-postgres.mjs [--only] [playwright arguments…]
// Without --only both projects run, `sqlite` and `postgres`, in one Playwright run (what
// `pnpm test` does); with --only just `postgres` (`pnpm test:e2e:pg`).
import { spawn } from 'node:child_process';
import { startPostgres } from './services/postgres.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only');
const playwrightArgs = args.filter((arg) => arg !== '--only');

const postgres = await startPostgres();
let child;
const stop = async (code) => {
  await postgres.stop();
  process.exit(code);
};
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(signal, () => {
    // To the whole group, as SIGINT: pnpm does not pass a signal on, and Playwright stops the
    // platforms it started only when interrupted (left running, they would hold the ports of
    // the next run).
    if (child?.pid) process.kill(-child.pid, 'SIGINT');
    if (child) child.once('exit', () => void stop(code));
    else void stop(code);
  });
}
console.log(
  `Browser tests on ${only ? 'PostgreSQL' : 'SQLite and PostgreSQL'} ` +
    `(${postgres.url.replace(/:[^:@/]*@/, ':***@')})`,
);
child = spawn('pnpm', ['run', 'test:e2e', ...playwrightArgs], {
  stdio: 'inherit',
  detached: true,
  env: {
    ...process.env,
    E2E_POSTGRES_URL: postgres.url,
    E2E_DIALECTS: only ? 'postgres' : 'sqlite,postgres',
  },
});
child.on('exit', (code, signal) => void stop(code ?? (signal ? 1 : 0)));
