import { describe, expect, it } from 'vitest';
import { settle } from './settle';

describe('settle', () => {
  it('wraps a value and an error alike, never rejecting', async () => {
    expect(await settle(Promise.resolve(3), () => 'no')).toEqual({ ok: true, data: 3 });
    expect(await settle(Promise.reject(new Error('down')), (e) => String(e))).toEqual({
      ok: false,
      message: 'Error: down',
    });
  });
});
