// Session tokens after the Lucia guide: 20 random bytes for the cookie, their SHA-256 as the id.
import { randomBytes } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export const sessionCookieName = 'twinning_session';

export function newSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sessionIdOf(token: string): string {
  // Hex through Buffer: the same text as encodeHexLowerCase, but one flat string, where
  // appending two characters per byte leaves a chain of 32 pieces in memory. A socket keeps its
  // session id for its lifetime: ~2 KB a socket less (measured by the idle-socket benchmark).
  return Buffer.from(sha256(new TextEncoder().encode(token))).toString('hex');
}

/**
 * The id a session is shown by in the sessions list: a short hash of the stored id, so neither
 * the token nor the stored id ever leaves the server, and knowing it opens nothing.
 */
export function publicSessionId(sessionId: string): string {
  return Buffer.from(sha256(new TextEncoder().encode(`session-listing:${sessionId}`)))
    .subarray(0, 12)
    .toString('base64url');
}
