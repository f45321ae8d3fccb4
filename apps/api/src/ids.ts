// Opaque ids: 15 random bytes as lower-case base32 (24 characters), unguessable and URL-safe.
import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export function newId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(15));
}
