// Opaque ids: 15 random bytes as lower-case base32 (24 characters), unguessable and URL-safe.
import { randomFillSync } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

const idBytes = 15;
// Random bytes for 256 ids at a time (one system call, not one per id: messages take an id
// each, thousands a second). The same source and quality as randomBytes, as Node's randomUUID
// does; session tokens do not come from here.
const pool = Buffer.alloc(idBytes * 256);
let offset = pool.length;

export function newId(): string {
  if (offset + idBytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + idBytes);
  offset += idBytes;
  return encodeBase32LowerCaseNoPadding(bytes);
}
