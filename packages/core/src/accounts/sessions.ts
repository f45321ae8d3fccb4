// Session lifetimes, after the Lucia guide: an idle expiry renewed while in use, and a hard limit.
export const sessionIdleMs = 30 * 24 * 60 * 60 * 1000;
export const sessionRenewBelowMs = 15 * 24 * 60 * 60 * 1000;
export const sessionAbsoluteMs = 90 * 24 * 60 * 60 * 1000;

export interface SessionTimes {
  createdAt: Date;
  expiresAt: Date;
}

export type SessionVerdict =
  { kind: 'valid' } | { kind: 'renew'; expiresAt: Date } | { kind: 'expired' };

export function newSessionExpiry(now: Date): Date {
  return new Date(now.getTime() + sessionIdleMs);
}

/** What to do with a session presented at `now`. */
export function judgeSession(session: SessionTimes, now: Date): SessionVerdict {
  const hardEnd = session.createdAt.getTime() + sessionAbsoluteMs;
  const t = now.getTime();
  if (t >= session.expiresAt.getTime() || t >= hardEnd) return { kind: 'expired' };
  if (session.expiresAt.getTime() - t < sessionRenewBelowMs) {
    return { kind: 'renew', expiresAt: new Date(Math.min(t + sessionIdleMs, hardEnd)) };
  }
  return { kind: 'valid' };
}

/** A session's "last seen" is recorded at most this often: reading a session seldom writes. */
export const sessionSeenEveryMs = 5 * 60 * 1000;
