import { describe, expect, it } from 'vitest';
import { avatarSourceType } from './avatar.ts';

describe('avatarSourceType', () => {
  it('tells JPEG, PNG and WebP by their first bytes', () => {
    expect(avatarSourceType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(
      avatarSourceType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toBe('image/png');
    expect(
      avatarSourceType(new Uint8Array(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))),
    ).toBe('image/webp');
  });

  it('refuses everything else, whatever it claims to be', () => {
    expect(
      avatarSourceType(new Uint8Array(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))),
    ).toBe(undefined);
    expect(avatarSourceType(new Uint8Array(Buffer.from('GIF89a')))).toBe(undefined);
    expect(
      avatarSourceType(new Uint8Array(Buffer.from('RIFF\x10\x00\x00\x00WAVE', 'latin1'))),
    ).toBe(undefined);
    expect(avatarSourceType(new Uint8Array([0xff, 0xd8]))).toBe(undefined);
    expect(avatarSourceType(new Uint8Array())).toBe(undefined);
  });
});
