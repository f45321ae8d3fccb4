// Reads the platform's settings from the environment once, with the defaults of API.md.
import { isIP } from 'node:net';
import { passwordProblem } from '@twinning/core/accounts/credentials';
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
  /**
   * Which proxies' X-Forwarded-* headers are believed (Fastify's `trustProxy`): false (the
   * default: none), true (every hop), or the proxies' addresses and ranges. (No hop count:
   * Fastify 5 ignores one, since it cannot tell a proxy from a client that adds hops.)
   */
  trustProxy: boolean | string[];
  /**
   * The secret the pages' server sends with its calls to the API on a client's behalf, so its
   * X-Forwarded-For is believed; start makes one when API_INTERNAL_SECRET is unset.
   */
  internalSecret: string | null;
  /**
   * Redis between processes (`redis://` or `rediss://`): real-time events, rate-limit counters
   * and the hourly upkeep's claim go through it; null (the default): one process, in memory and
   * in the database.
   */
  redisUrl: string | null;
  /**
   * The mail server (`smtp://host:port`, `smtps://user:pass@host:port`, options such as
   * `?ignoreTLS=true` as query parameters); null (the default): mail stays in the outbox and is
   * logged.
   */
  smtpUrl: string | null;
  /** The sender of every mail, `Name <address>` or an address. */
  mailFrom: string;
  /**
   * DEMO_PASSWORD: the demo accounts' password (tests, CI); null (the default): a random one
   * made for each new database, kept in it and printed at every start.
   */
  demoPassword: string | null;
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

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a range (`10.0.0.0/8`, `fd00::/8`) or one of proxy-addr's names. */
function isProxyAddress(value: string): boolean {
  if (proxyNames.has(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function trustProxy(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  const lower = raw.toLowerCase();
  if (['', 'false', '0', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) return true;
  const list = raw.split(',').map((part) => part.trim());
  if (list.every(isProxyAddress)) return list;
  throw new ConfigError(
    `TRUST_PROXY must be false, true or the proxies' addresses (e.g. 10.0.0.2,10.1.0.0/16 or loopback), not "${raw}"`,
  );
}

function internalSecret(env: NodeJS.ProcessEnv): string | null {
  const raw = env.API_INTERNAL_SECRET?.trim() ?? '';
  if (raw === '') return null;
  if (raw.length < 32) {
    throw new ConfigError('API_INTERNAL_SECRET must be at least 32 characters long');
  }
  return raw;
}

function redisUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.REDIS_URL?.trim() ?? '';
  if (raw === '') return null;
  const example = 'e.g. redis://localhost:6379 or rediss://:password@redis.example:6380/0';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`REDIS_URL must be a URL (${example}), not "${raw}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(
      `REDIS_URL must start with redis:// or rediss:// (${example}), not "${url.protocol}//"`,
    );
  }
  if (url.hostname === '') throw new ConfigError(`REDIS_URL names no host (${example})`);
  const database = url.pathname.replace(/^\//, '');
  if (database !== '' && !/^\d{1,5}$/.test(database)) {
    throw new ConfigError(
      `REDIS_URL's path must be a database number such as /0, not "${url.pathname}"`,
    );
  }
  return raw;
}

function smtpUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.SMTP_URL?.trim() ?? '';
  if (raw === '') return null;
  const example = 'e.g. smtp://localhost:25 or smtps://user:password@mail.example:465';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SMTP_URL must be a URL (${example}), not "${redactedUrl(raw)}"`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(
      `SMTP_URL must start with smtp:// or smtps:// (${example}), not "${url.protocol}//"`,
    );
  }
  if (url.hostname === '') throw new ConfigError(`SMTP_URL names no host (${example})`);
  if (url.username !== '' && url.password === '') {
    throw new ConfigError(`SMTP_URL names a user (${url.username}) but no password (${example})`);
  }
  return raw;
}

/** A URL with its password replaced, for messages and logs. */
export function redactedUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

const mailAddress = /^[^\s@<>"]+@[^\s@<>"]+\.?[^\s@<>"]*$/;

function mailFrom(env: NodeJS.ProcessEnv, origin: string | null): string {
  const raw = env.MAIL_FROM?.trim() ?? '';
  if (raw === '') {
    const host = origin ? new URL(origin).hostname : 'localhost';
    return `Twinning <no-reply@${host}>`;
  }
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(raw);
  const address = named ? named[2]!.trim() : raw;
  if (!mailAddress.test(address)) {
    throw new ConfigError(
      `MAIL_FROM must be an address or Name <address> (e.g. Twinning <no-reply@twinning.example>), not "${raw}"`,
    );
  }
  return raw;
}

function demoPassword(env: NodeJS.ProcessEnv): string | null {
  const raw = env.DEMO_PASSWORD;
  if (raw === undefined || raw === '') return null;
  const problem = passwordProblem(raw);
  if (problem) throw new ConfigError(`DEMO_PASSWORD ${problem}`);
  return raw;
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
    trustProxy: trustProxy(env),
    internalSecret: internalSecret(env),
    redisUrl: redisUrl(env),
    smtpUrl: smtpUrl(env),
    mailFrom: mailFrom(env, origin),
    demoPassword: demoPassword(env),
  };
}
