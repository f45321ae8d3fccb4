// Which images an avatar may be made from, told by their first bytes (the "magic numbers"),
// never by a file name or a Content-Type header, which the sender chooses freely.
export type AvatarSourceType = 'image/jpeg' | 'image/png' | 'image/webp';

export const avatarLimits = {
  /** The upload, before resizing: a phone photo fits, a raw camera file does not. */
  maxBytes: 5 * 1024 * 1024,
  /** Stored and served as a square of this many pixels (twice the largest size shown). */
  size: 256,
} as const;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/** The image type the bytes are, or undefined when they are none of JPEG, PNG or WebP. */
export function avatarSourceType(bytes: Uint8Array): AvatarSourceType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return undefined;
}
