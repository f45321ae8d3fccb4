import { describe, expect, it } from 'vitest';
import {
  formatOffset,
  isCompleteWindow,
  referenceDate,
  referenceZones,
  zoneCity,
  zoneRegion,
} from './time-windows';

describe('windows in a form', () => {
  it('tells complete windows from half-filled ones', () => {
    expect(isCompleteWindow({ weekday: 2, start: '09:00', end: '11:00' })).toBe(true);
    expect(isCompleteWindow({ weekday: 0, start: '09:00', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: 8, start: '09:00', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: 2, start: '', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: 2, start: '24:00', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: Number.NaN, start: '09:00', end: '11:00' })).toBe(false);
  });
});

describe('zones shown for the other region', () => {
  it('knows the side of a zone', () => {
    expect(zoneRegion('Europe/Berlin')).toBe('europe');
    expect(zoneRegion('Atlantic/Canary')).toBe('europe');
    expect(zoneRegion('Asia/Kolkata')).toBe('asia');
    expect(zoneRegion('Australia/Perth')).toBe('asia');
    expect(zoneRegion('Pacific/Auckland')).toBe('asia');
    expect(zoneRegion('UTC')).toBeNull();
    expect(zoneRegion('America/New_York')).toBeNull();
  });

  it('shows Asian zones for a European offer and European ones for an Asian offer', () => {
    expect(referenceZones('Europe/Berlin')).toEqual([
      'Asia/Tokyo',
      'Asia/Shanghai',
      'Asia/Kolkata',
      'Asia/Bangkok',
    ]);
    expect(referenceZones('Asia/Tokyo')).toEqual(['Europe/Berlin', 'Europe/London']);
    expect(referenceZones('Europe/Moscow', 'europe')).toHaveLength(4);
  });

  it('uses the region sought, else both, for a zone on neither side', () => {
    expect(referenceZones('UTC', 'europe')).toEqual(['Europe/Berlin', 'Europe/London']);
    expect(referenceZones('UTC', 'any')).toHaveLength(6);
    expect(referenceZones('UTC')).toHaveLength(6);
  });
});

describe('labels and reference dates', () => {
  it('names the city of a zone', () => {
    expect(zoneCity('Europe/Berlin')).toBe('Berlin');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });

  it('writes offsets', () => {
    expect(formatOffset(540)).toBe('+09:00');
    expect(formatOffset(330)).toBe('+05:30');
    expect(formatOffset(-210)).toBe('-03:30');
    expect(formatOffset(0)).toBe('+00:00');
  });

  it('picks the week to show: today within the term, else its start', () => {
    expect(referenceDate('2026-05-10', '2026-04-01', '2026-06-30')).toBe('2026-05-10');
    expect(referenceDate('2026-01-10', '2026-04-01', '2026-06-30')).toBe('2026-04-01');
    expect(referenceDate('2026-08-10', '2026-04-01', '2026-06-30')).toBe('2026-04-01');
    expect(referenceDate('2026-08-10', '', '')).toBe('2026-08-10');
    expect(referenceDate('2026-08-10', 'not a date', '2026-06-30')).toBe('2026-06-30');
  });
});
