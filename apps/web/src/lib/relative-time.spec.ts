import { describe, expect, it } from 'vitest';
import { formatTimeAgo, relativeAmount } from './relative-time';

const now = Date.parse('2026-05-20T12:00:00Z');
const ago = (ms: number) => now - ms;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('relativeAmount', () => {
  it('says nothing within the last hour, or for a time ahead of now', () => {
    expect(relativeAmount(ago(59 * 60_000), now)).toBeNull();
    expect(relativeAmount(now + HOUR, now)).toBeNull();
    expect(relativeAmount(Number.NaN, now)).toBeNull();
  });

  it('picks the largest fitting unit', () => {
    expect(relativeAmount(ago(HOUR), now)).toEqual({ value: 1, unit: 'hour' });
    expect(relativeAmount(ago(23 * HOUR), now)).toEqual({ value: 23, unit: 'hour' });
    expect(relativeAmount(ago(3 * DAY + HOUR), now)).toEqual({ value: 3, unit: 'day' });
    expect(relativeAmount(ago(20 * DAY), now)).toEqual({ value: 2, unit: 'week' });
    expect(relativeAmount(ago(90 * DAY), now)).toEqual({ value: 3, unit: 'month' });
    expect(relativeAmount(ago(800 * DAY), now)).toEqual({ value: 2, unit: 'year' });
  });
});

describe('formatTimeAgo', () => {
  it('words it in the locale', () => {
    expect(formatTimeAgo(ago(3 * DAY), now, 'en')).toBe('3 days ago');
    expect(formatTimeAgo(ago(DAY), now, 'en')).toBe('yesterday');
    expect(formatTimeAgo(ago(2 * HOUR), now, 'en')).toBe('2 hours ago');
    expect(formatTimeAgo(ago(3 * DAY), now, 'de')).toBe('vor 3 Tagen');
    expect(formatTimeAgo(ago(10), now, 'en')).toBeNull();
  });
});
