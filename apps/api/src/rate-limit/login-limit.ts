// Failed log-ins per account, beside the limit per client address: guessing one account's
// password from many addresses (a botnet, or forged addresses) stops after `maxFailures` in a
// window. The window is fixed — it starts at the first failure and is not prolonged by attempts
// refused meanwhile — so the most an attacker can do to the account's owner is keep new log-ins
// waiting for the rest of a window, never lock the account for good; sessions already open are
// untouched, and a correct password works again the moment the window ends. Every address counts
// alike, whether or not an account has it, so the limit tells nobody which addresses exist.
import { createHash } from 'node:crypto';
import { normalizeEmail } from '@twinning/core/accounts/credentials';
import type { RateLimitStore } from './rate-limit-store.ts';

export const loginFailuresPerAccount = 10;
export const loginFailureWindowMs = 15 * 60_000;

export type LoginAttempt =
  | { allowed: false; retryAfterSeconds: number }
  | {
      allowed: true;
      /** The password was right (even for a suspended account): the failures are forgotten. */
      succeeded(): Promise<void>;
    };

export function createLoginLimit(
  store: RateLimitStore,
  { maxFailures = loginFailuresPerAccount, windowMs = loginFailureWindowMs } = {},
) {
  // Hashed: the store keeps no email addresses.
  const keyOf = (email: string) =>
    `login-failures:${createHash('sha256').update(normalizeEmail(email)).digest('hex')}`;

  return {
    /**
     * Counts the attempt before the password is checked — as a failure until it succeeds — so
     * parallel guesses cannot slip past the limit between a check and a count.
     */
    async begin(email: string): Promise<LoginAttempt> {
      const key = keyOf(email);
      const window = await store.hit(key, windowMs);
      if (window.count > maxFailures) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(window.resetInMs / 1000)),
        };
      }
      return { allowed: true, succeeded: () => store.clear(key) };
    },
  };
}

export type LoginLimit = ReturnType<typeof createLoginLimit>;
