import { describe, expect, it } from 'vitest';
import {
  NONE,
  formatCount,
  formatDay,
  formatDays,
  formatIndex,
  formatMonth,
  formatShare,
} from './format';

describe('statistics formatting', () => {
  it('groups counts', () => {
    expect(formatCount(12345, 'en')).toBe('12,345');
  });

  it('shows shares as percentages and a dash for none', () => {
    expect(formatShare(0.4567, 'en')).toBe('46%');
    expect(formatShare(0.4567, 'en', 1)).toBe('45.7%');
    expect(formatShare(null, 'en')).toBe(NONE);
  });

  it('rounds days to one decimal and indices to three', () => {
    expect(formatDays(12.25, 'en')).toBe('12.3');
    expect(formatDays(7, 'en')).toBe('7');
    expect(formatDays(null, 'en')).toBe(NONE);
    expect(formatIndex(0.1, 'en')).toBe('0.100');
    expect(formatIndex(null, 'en')).toBe(NONE);
  });

  it('names months and days in UTC', () => {
    expect(formatMonth('2026-03', 'en')).toBe('Mar 2026');
    expect(formatMonth('soon', 'en')).toBe('soon');
    expect(formatDay('2026-03-05', 'en-GB')).toBe('5 Mar 2026');
    expect(formatDay('2026-03-05T23:30:00Z', 'en-GB')).toBe('5 Mar 2026');
  });
});
