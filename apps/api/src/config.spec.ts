// The settings read from the environment: TRUST_PROXY and API_INTERNAL_SECRET.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('TRUST_PROXY', () => {
  it('is off by default and for false-like values', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    for (const value of ['', 'false', 'off', '0', 'no']) {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(false);
    }
  });

  it('takes true, or the proxies’ addresses, ranges and proxy-addr names', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.2, 10.1.0.0/16,fd00::/8, loopback' }).trustProxy,
    ).toEqual(['10.0.0.2', '10.1.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else by name, a hop count included (Fastify 5 would ignore it)', () => {
    for (const value of ['2', 'yes please', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/8']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('API_INTERNAL_SECRET', () => {
  it('is unset by default (start makes one) and must be long when given', () => {
    expect(loadConfig({}).internalSecret).toBeNull();
    expect(loadConfig({ API_INTERNAL_SECRET: 'x'.repeat(32) }).internalSecret).toBe('x'.repeat(32));
    expect(() => loadConfig({ API_INTERNAL_SECRET: 'short' })).toThrow(/at least 32/);
  });
});

describe('REDIS_URL', () => {
  it('is unset by default: one process, nothing shared beyond the database', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: '  ' }).redisUrl).toBeNull();
  });

  it('takes redis:// and rediss:// URLs, with a password and a database number', () => {
    expect(loadConfig({ REDIS_URL: 'redis://localhost:6379' }).redisUrl).toBe(
      'redis://localhost:6379',
    );
    expect(loadConfig({ REDIS_URL: 'rediss://:secret@redis.example:6380/2' }).redisUrl).toBe(
      'rediss://:secret@redis.example:6380/2',
    );
  });

  it('refuses what is not a Redis URL, saying what is wrong', () => {
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL must start with redis:\/\/ or rediss:\/\//,
    );
    expect(() => loadConfig({ REDIS_URL: 'http://localhost:6379' })).toThrow(
      /REDIS_URL must start with redis:\/\//,
    );
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL must be a URL/);
    expect(() => loadConfig({ REDIS_URL: 'redis://localhost:6379/cache' })).toThrow(
      /REDIS_URL's path must be a database number/,
    );
  });
});

describe('SMTP_URL and MAIL_FROM', () => {
  it('leave mail off by default, with a sender named after the origin', () => {
    expect(loadConfig({}).smtpUrl).toBeNull();
    expect(loadConfig({}).mailFrom).toBe('Twinning <no-reply@localhost>');
    expect(loadConfig({ ORIGIN: 'https://twinning.example' }).mailFrom).toBe(
      'Twinning <no-reply@twinning.example>',
    );
  });

  it('take smtp:// and smtps:// URLs with credentials and options, and a sender', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://mailer:s3cret@mail.example:465',
      MAIL_FROM: 'Twinning Secretariat <twinning@uni.example>',
    });
    expect(config.smtpUrl).toBe('smtps://mailer:s3cret@mail.example:465');
    expect(config.mailFrom).toBe('Twinning Secretariat <twinning@uni.example>');
    expect(loadConfig({ SMTP_URL: 'smtp://localhost:25/?ignoreTLS=true' }).smtpUrl).toBe(
      'smtp://localhost:25/?ignoreTLS=true',
    );
    expect(loadConfig({ MAIL_FROM: 'twinning@uni.example' }).mailFrom).toBe('twinning@uni.example');
  });

  it('refuse a malformed SMTP_URL or MAIL_FROM, saying what is wrong and hiding the password', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(
      /SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL must be a URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://user@mail.example' })).toThrow(
      /names a user \(user\) but no password/,
    );
    expect(() => loadConfig({ SMTP_URL: 'smtp://user:pa ss@mail example' })).toThrow(
      /SMTP_URL must be a URL .* not "smtp:\/\/user:\*\*\*@mail example"/,
    );
    expect(() => loadConfig({ MAIL_FROM: 'Twinning' })).toThrow(/MAIL_FROM must be an address/);
    expect(() => loadConfig({ MAIL_FROM: 'Twinning <nobody>' })).toThrow(/MAIL_FROM/);
  });
});

describe('DEMO_PASSWORD', () => {
  it('is unset by default (each new database gets a random one) and taken as given', () => {
    expect(loadConfig({}).demoPassword).toBeNull();
    expect(loadConfig({ DEMO_PASSWORD: '' }).demoPassword).toBeNull();
    expect(loadConfig({ DEMO_PASSWORD: ' copper lantern ' }).demoPassword).toBe(' copper lantern ');
  });
  it('refuses one too short to log in with, by name', () => {
    expect(() => loadConfig({ DEMO_PASSWORD: 'demo' })).toThrow(
      'DEMO_PASSWORD must be at least 10 characters',
    );
  });
});
