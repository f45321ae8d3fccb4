// `pnpm dev`: the API under `tsx watch` and the web app under Vite, both reloading on change.
// Vite serves http://localhost:${PORT:-3000} and proxies /api (and the WebSocket) to the API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

const port = process.env.PORT ?? '3000';
const apiPort = process.env.API_PORT ?? '3001';
const apiUrl = `http://127.0.0.1:${apiPort}`;
// The API runs inside apps/api, so a relative database path is resolved from the root here.
const databaseUrl = resolve(process.env.DATABASE_URL ?? './data/twinning.db');
// Vite's server-side rendering calls the API on a client's behalf with this secret (as the
// pages do in one process under `pnpm start`), so the API believes the client address it names.
const internalSecret = process.env.API_INTERNAL_SECRET ?? randomBytes(32).toString('base64url');
const env = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_URL: databaseUrl,
  API_INTERNAL_SECRET: internalSecret,
};

const children = [
  spawn('pnpm', ['--filter', '@twinning/api', 'exec', 'tsx', 'watch', 'src/server.ts'], {
    stdio: 'inherit',
    env: {
      ...env,
      PORT: apiPort,
      HOST: '127.0.0.1',
      ORIGIN: `http://localhost:${port}`,
      SERVE_WEB: 'false',
      API_INTERNAL_URL: apiUrl,
      // Browsers reach the API through Vite's proxy on loopback, which names them (xfwd).
      TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
    },
  }),
  spawn(
    'pnpm',
    ['--filter', '@twinning/web', 'exec', 'vite', 'dev', '--port', port, '--strictPort'],
    {
      stdio: 'inherit',
      env: { ...env, API_INTERNAL_URL: apiUrl, ORIGIN: `http://localhost:${port}` },
    },
  ),
];

function stop(signal) {
  for (const child of children) child.kill(signal);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
}
