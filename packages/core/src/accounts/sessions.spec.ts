import { describe, expect, it } from 'vitest';
import {
  judgeSession,
  newSessionExpiry,
  sessionAbsoluteMs,
  sessionIdleMs,
  sessionRenewBelowMs,
} from './sessions.ts';

const day = 24 * 60 * 60 * 1000;
const start = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('session lifetime', () => {
  it('lasts 30 idle days from creation', () => {
    expect(newSessionExpiry(start).getTime() - start.getTime()).toBe(sessionIdleMs);
    expect(sessionIdleMs).toBe(30 * day);
  });

  it('is valid with more than 15 days left', () => {
    const session = { createdAt: start, expiresAt: newSessionExpiry(start) };
    expect(judgeSession(session, at(14 * day))).toEqual({ kind: 'valid' });
  });

  it('is renewed for 30 days when under 15 are left', () => {
    const session = { createdAt: start, expiresAt: newSessionExpiry(start) };
    const now = at(16 * day);
    expect(sessionRenewBelowMs).toBe(15 * day);
    expect(judgeSession(session, now)).toEqual({
      kind: 'renew',
      expiresAt: new Date(now.getTime() + 30 * day),
    });
  });

  it('expires when idle too long', () => {
    const session = { createdAt: start, expiresAt: newSessionExpiry(start) };
    expect(judgeSession(session, at(30 * day))).toEqual({ kind: 'expired' });
  });

  it('never outlives the absolute lifetime, however often it is renewed', () => {
    const hardEnd = start.getTime() + sessionAbsoluteMs;
    const session = { createdAt: start, expiresAt: new Date(hardEnd - day) };
    const verdict = judgeSession(session, new Date(hardEnd - 5 * day));
    expect(verdict).toEqual({ kind: 'renew', expiresAt: new Date(hardEnd) });
    const late = { createdAt: start, expiresAt: new Date(hardEnd + 10 * day) };
    expect(judgeSession(late, new Date(hardEnd))).toEqual({ kind: 'expired' });
  });
});
