import { describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import {
  SESSION_COOKIE,
  findSessionCookie,
  isRemoval,
  parseSetCookie,
  relaySessionCookie,
} from './session-cookie';

function recordingCookies() {
  const calls: { op: 'set' | 'delete'; name: string; value?: string; options: object }[] = [];
  const cookies = {
    set: (name: string, value: string, options: object) =>
      calls.push({ op: 'set', name, value, options }),
    delete: (name: string, options: object) => calls.push({ op: 'delete', name, options }),
  } as unknown as Cookies;
  return { cookies, calls };
}

describe('parseSetCookie', () => {
  it('reads the value and every attribute the API sends', () => {
    const cookie = parseSetCookie(
      'twinning_session=abc123; Path=/; Expires=Wed, 01 Jan 2031 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax',
    );
    expect(cookie).toEqual({
      name: 'twinning_session',
      value: 'abc123',
      path: '/',
      expires: new Date(Date.UTC(2031, 0, 1)),
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
    });
  });

  it('reads Max-Age and Domain, and is case-insensitive about attribute names', () => {
    const cookie = parseSetCookie('s=v; max-age=3600; domain=.example.org; samesite=Strict');
    expect(cookie).toMatchObject({ maxAge: 3600, domain: 'example.org', sameSite: 'strict' });
    expect(cookie?.httpOnly).toBe(false);
    expect(cookie?.secure).toBe(false);
  });

  it('keeps "=" inside the value and strips surrounding quotes', () => {
    expect(parseSetCookie('s=a=b==; Path=/')?.value).toBe('a=b==');
    expect(parseSetCookie('s="quoted"')?.value).toBe('quoted');
  });

  it('defaults the path to / and ignores a path that is not absolute', () => {
    expect(parseSetCookie('s=v')?.path).toBe('/');
    expect(parseSetCookie('s=v; Path=relative')?.path).toBe('/');
  });

  it('rejects a line without a name', () => {
    expect(parseSetCookie('=v; Path=/')).toBeNull();
    expect(parseSetCookie('garbage')).toBeNull();
  });
});

describe('isRemoval', () => {
  const now = Date.UTC(2030, 0, 1);
  it('treats an empty value, Max-Age ≤ 0 and a past Expires as removal', () => {
    expect(isRemoval(parseSetCookie('s=; Path=/')!, now)).toBe(true);
    expect(isRemoval(parseSetCookie('s=v; Max-Age=0')!, now)).toBe(true);
    expect(isRemoval(parseSetCookie('s=v; Expires=Thu, 01 Jan 1970 00:00:00 GMT')!, now)).toBe(
      true,
    );
  });

  it('lets Max-Age win over Expires, as browsers do', () => {
    const line = 's=v; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
    expect(isRemoval(parseSetCookie(line)!, now)).toBe(false);
  });

  it('keeps a live cookie', () => {
    expect(isRemoval(parseSetCookie('s=v; Expires=Wed, 01 Jan 2031 00:00:00 GMT')!, now)).toBe(
      false,
    );
  });
});

describe('findSessionCookie', () => {
  it('picks the session cookie among others, the last one winning', () => {
    const found = findSessionCookie([
      'other=1; Path=/',
      `${SESSION_COOKIE}=first; Path=/`,
      `${SESSION_COOKIE}=second; Path=/`,
    ]);
    expect(found?.value).toBe('second');
  });

  it('returns null when the reply set no session cookie', () => {
    expect(findSessionCookie(['other=1'])).toBeNull();
    expect(findSessionCookie([])).toBeNull();
  });
});

describe('relaySessionCookie', () => {
  const now = Date.UTC(2030, 0, 1);

  it('re-issues the cookie with the same attributes, without Domain, byte for byte', () => {
    const { cookies, calls } = recordingCookies();
    const relayed = relaySessionCookie(
      cookies,
      [
        `${SESSION_COOKIE}=tok%2Fen; Path=/; Domain=api.internal; Expires=Wed, 01 Jan 2031 00:00:00 GMT; HttpOnly; SameSite=Lax`,
      ],
      now,
    );
    expect(relayed).toBe(true);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({ op: 'set', name: SESSION_COOKIE, value: 'tok%2Fen' });
    expect(call?.options).toMatchObject({
      path: '/',
      httpOnly: true,
      secure: false,
      sameSite: 'lax',
      expires: new Date(Date.UTC(2031, 0, 1)),
    });
    expect(call?.options).not.toHaveProperty('domain');
    const encode = (call?.options as { encode: (v: string) => string }).encode;
    expect(encode('a/b%2F')).toBe('a/b%2F');
  });

  it('passes Secure on', () => {
    const { cookies, calls } = recordingCookies();
    relaySessionCookie(cookies, [`${SESSION_COOKIE}=t; Path=/; Max-Age=60; Secure`], now);
    expect(calls[0]?.options).toMatchObject({ secure: true, maxAge: 60 });
  });

  it('deletes the cookie when the API clears it', () => {
    const { cookies, calls } = recordingCookies();
    relaySessionCookie(cookies, [`${SESSION_COOKIE}=; Path=/; Max-Age=0`], now);
    expect(calls).toEqual([{ op: 'delete', name: SESSION_COOKIE, options: { path: '/' } }]);
  });

  it('does nothing when there is no session cookie', () => {
    const { cookies, calls } = recordingCookies();
    expect(relaySessionCookie(cookies, ['other=1'], now)).toBe(false);
    expect(calls).toEqual([]);
  });
});
