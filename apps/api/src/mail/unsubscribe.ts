// One-click unsubscribe tokens: the user's id signed with HMAC-SHA256 under a secret the platform
// makes once and keeps in platform_settings (so every process, and every restart, signs alike).
// A token does not expire: an old mail's link still works (RFC 8058 expects it to).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '@twinning/db/client';
import {
  createPlatformSettingRepository,
  settingKeys,
  type PlatformSettingRepository,
} from '@twinning/db/repositories/platform-settings';

export const unsubscribeSecretKey = settingKeys.unsubscribeSecret;

export interface UnsubscribeTokens {
  /**
   * A token for the user. Pass `tx` when signing inside an open transaction (on SQLite a query on
   * the database would wait for that transaction to end).
   */
  sign(userId: string, tx?: Db): Promise<string>;
  /** The user id a token was signed for; null when it is not one of ours. */
  verify(token: string): Promise<string | null>;
  /**
   * A token for another one-click link of a mail (e.g. `still_open` and an offer's id): the same
   * secret, a MAC over `purpose:subject`, so a token of one purpose is worthless for another.
   */
  signFor(purpose: string, subject: string, tx?: Db): Promise<string>;
  /** The subject a `purpose` token was signed for; null when it is not one of ours. */
  verifyFor(purpose: string, token: string): Promise<string | null>;
}

export function createUnsubscribeTokens(settings: PlatformSettingRepository): UnsubscribeTokens {
  let secret: Promise<Buffer> | null = null;
  const load = (repository: PlatformSettingRepository) =>
    repository
      .setIfAbsent(unsubscribeSecretKey, randomBytes(32).toString('base64url'))
      .then((value) => Buffer.from(value, 'base64url'));
  // Kept once read outside a transaction (one inside may still roll back what it made).
  const key = (tx?: Db) =>
    secret ??
    (tx
      ? load(createPlatformSettingRepository(tx))
      : (secret = load(settings).catch((error: unknown) => {
          secret = null;
          throw error;
        })));
  const macFor = (k: Buffer, purpose: string, subject: string) =>
    createHmac('sha256', k).update(`${purpose}:${subject}`).digest();
  const signFor = async (purpose: string, subject: string, tx?: Db) => {
    const k = await key(tx);
    return `${Buffer.from(subject).toString('base64url')}.${macFor(k, purpose, subject).toString('base64url')}`;
  };
  const verifyFor = async (purpose: string, token: string) => {
    const [id, signature, ...rest] = token.split('.');
    if (!id || !signature || rest.length > 0) return null;
    const subject = Buffer.from(id, 'base64url').toString();
    const given = Buffer.from(signature, 'base64url');
    const expected = macFor(await key(), purpose, subject);
    return given.length === expected.length && timingSafeEqual(given, expected) ? subject : null;
  };

  return {
    sign: (userId, tx) => signFor('unsubscribe', userId, tx),
    verify: (token) => verifyFor('unsubscribe', token),
    signFor,
    verifyFor,
  };
}
