// Reads the platform's settings from the environment once, with the defaults of API.md.
import { defaultDatabaseUrl } from '@twinning/db/client';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  seedDemo: boolean;
  /** Sign-up and log-in attempts per client address per minute; 0 turns the limit off. */
  rateLimitAuth: number;
  /** The platform's public origin; when unset, the request's own scheme and Host. */
  origin: string | null;
  development: boolean;
  cookieSecure: boolean;
  logLevel: string;
  /** WebSocket heartbeat: a socket that does not answer a ping within this is closed. */
  wsHeartbeatMs: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean) {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, not "${env[name]}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const development = env.NODE_ENV === 'development';
  let origin: string | null = null;
  if (env.ORIGIN && env.ORIGIN.trim() !== '') {
    try {
      origin = new URL(env.ORIGIN).origin;
    } catch {
      throw new ConfigError(
        `ORIGIN must be a URL such as https://twinning.example, not "${env.ORIGIN}"`,
      );
    }
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl: env.DATABASE_URL?.trim() || defaultDatabaseUrl,
    seedDemo: boolean(env, 'SEED_DEMO', true),
    rateLimitAuth: integer(env, 'RATE_LIMIT_AUTH', 10, 0, 1_000_000),
    wsHeartbeatMs: integer(env, 'WS_HEARTBEAT_MS', 30_000, 100, 3_600_000),
    origin,
    development,
    cookieSecure: boolean(env, 'COOKIE_SECURE', !development),
    logLevel: env.LOG_LEVEL?.trim() || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  };
}
