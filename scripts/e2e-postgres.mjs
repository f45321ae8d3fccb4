// `pnpm test:e2e:pg`: the browser suite once on PostgreSQL. A throwaway PostgreSQL
// (services/postgres.mjs) is started, the platform under test gets its DATABASE_URL (through
// playwright.config.ts's E2E_DATABASE_URL), and it is stopped and deleted afterwards.
// Arguments go to Playwright: `pnpm test:e2e:pg e2e/offers.spec.ts`.
import { spawn } from 'node:child_process';
import { startPostgres } from './services/postgres.mjs';

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
    child?.kill(signal);
    void stop(code);
  });
}
console.log(`Browser tests on PostgreSQL ${postgres.url.replace(/:[^:@/]*@/, ':***@')}`);
child = spawn('pnpm', ['run', 'test:e2e', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, E2E_DATABASE_URL: postgres.url },
});
child.on('exit', (code, signal) => void stop(code ?? (signal ? 1 : 0)));
