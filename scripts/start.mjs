// `pnpm start`: build the web app if needed, then run the platform in this one Node process.
import { register } from 'tsx/esm/api';
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
process.env.NODE_ENV ??= 'production';
register();
await import('../apps/api/src/server.ts');
