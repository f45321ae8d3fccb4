import { describe, expect, it } from 'vitest';
import { digestKey, latestDigestSlot } from './digest.ts';

describe('latestDigestSlot', () => {
  it('is 08:00 today on the person’s clock once it has come, yesterday’s before', () => {
    // 08:00 in Tokyo is 23:00 UTC the day before.
    expect(latestDigestSlot(new Date('2026-03-09T23:00:00Z'), 'Asia/Tokyo')).toEqual({
      date: '2026-03-10',
      at: new Date('2026-03-09T23:00:00Z'),
    });
    expect(latestDigestSlot(new Date('2026-03-09T22:59:59Z'), 'Asia/Tokyo')).toEqual({
      date: '2026-03-09',
      at: new Date('2026-03-08T23:00:00Z'),
    });
  });

  it('follows daylight saving time, and uses UTC for someone without a zone', () => {
    // Berlin: 08:00 is 07:00 UTC in winter, 06:00 UTC after the clocks go forward (29 March).
    expect(latestDigestSlot(new Date('2026-03-28T12:00:00Z'), 'Europe/Berlin').at).toEqual(
      new Date('2026-03-28T07:00:00Z'),
    );
    expect(latestDigestSlot(new Date('2026-03-30T12:00:00Z'), 'Europe/Berlin').at).toEqual(
      new Date('2026-03-30T06:00:00Z'),
    );
    expect(latestDigestSlot(new Date('2026-01-01T07:59:00Z'), null)).toEqual({
      date: '2025-12-31',
      at: new Date('2025-12-31T08:00:00Z'),
    });
  });

  it('names one digest a day per person', () => {
    const slot = latestDigestSlot(new Date('2026-03-10T09:00:00Z'), 'Europe/Paris');
    const later = latestDigestSlot(new Date('2026-03-10T21:00:00Z'), 'Europe/Paris');
    expect(digestKey('u1', slot)).toBe('digest:u1:2026-03-10');
    expect(digestKey('u1', later)).toBe(digestKey('u1', slot));
  });
});
