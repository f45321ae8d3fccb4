// Builds the web app when apps/web/build is missing or older than any of its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'apps/web/build/handler.js');
const sources = [
  'apps/web/src',
  'apps/web/messages',
  'apps/web/static',
  'apps/web/project.inlang/settings.json',
  'apps/web/svelte.config.js',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/core/src',
  'packages/contracts/src',
];
const skip = new Set(['node_modules', 'paraglide', '.svelte-kit']);

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!skip.has(entry)) latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

export function webBuildIsStale() {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((s) => newest(join(root, s)) > builtAt);
}

export function buildIfStale() {
  if (!webBuildIsStale()) return false;
  console.log('Building the web app (apps/web) …');
  execFileSync('pnpm', ['--filter', '@twinning/web', 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
