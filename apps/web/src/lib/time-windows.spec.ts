import { describe, expect, it } from 'vitest';
import {
  addDays,
  convertWindow,
  formatOffset,
  gapChangesBetween,
  instantOf,
  isCompleteWindow,
  nextWeekday,
  referenceDate,
  referenceZones,
  wallClockAt,
  weekdayOfDate,
  windowLengthMinutes,
  zoneCity,
  zoneOffsetMinutes,
  zoneRegion,
} from './time-windows';

const at = (iso: string) => Date.parse(iso);

describe('zoneOffsetMinutes', () => {
  it('follows Berlin across the spring change of 2026 (29 March)', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-20T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-30T12:00:00Z'))).toBe(120);
    // The change itself: 01:00 UTC.
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T00:59:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('reads half-hour and quarter-hour zones', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', at('2026-06-01T00:00:00Z'))).toBe(330);
    expect(zoneOffsetMinutes('Asia/Yangon', at('2026-06-01T00:00:00Z'))).toBe(390);
    expect(zoneOffsetMinutes('Asia/Kathmandu', at('2026-06-01T00:00:00Z'))).toBe(345);
  });

  it('reads zones behind UTC and the southern summer', () => {
    expect(zoneOffsetMinutes('America/New_York', at('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('Australia/Sydney', at('2026-01-15T12:00:00Z'))).toBe(660);
    expect(zoneOffsetMinutes('Australia/Sydney', at('2026-07-15T12:00:00Z'))).toBe(600);
    expect(zoneOffsetMinutes('UTC', at('2026-07-15T12:00:00Z'))).toBe(0);
  });

  it('ignores milliseconds of the instant', () => {
    expect(zoneOffsetMinutes('Asia/Tokyo', at('2026-07-15T12:00:00.999Z'))).toBe(540);
  });
});

describe('wallClockAt', () => {
  it('gives midnight as hour 0', () => {
    expect(wallClockAt('Asia/Tokyo', at('2026-05-04T15:00:00Z'))).toEqual({
      year: 2026,
      month: 5,
      day: 5,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });
});

describe('instantOf', () => {
  it('finds the instant of a local time on either side of a change', () => {
    expect(instantOf('Europe/Berlin', '2026-03-28', '22:00')).toBe(at('2026-03-28T21:00:00Z'));
    expect(instantOf('Europe/Berlin', '2026-03-29', '08:00')).toBe(at('2026-03-29T06:00:00Z'));
    expect(instantOf('Asia/Kolkata', '2026-03-29', '08:00')).toBe(at('2026-03-29T02:30:00Z'));
  });

  it('reads a skipped time (spring forward) one hour later, like clocks do', () => {
    const instant = instantOf('Europe/Berlin', '2026-03-29', '02:30');
    expect(instant).toBe(at('2026-03-29T01:30:00Z'));
    expect(wallClockAt('Europe/Berlin', instant).hour).toBe(3);
  });

  it('takes the first of a time that happens twice (fall back)', () => {
    expect(instantOf('Europe/Berlin', '2026-10-25', '02:30')).toBe(at('2026-10-25T00:30:00Z'));
  });

  it('moves to the next day with a day offset', () => {
    expect(instantOf('Asia/Tokyo', '2026-12-31', '01:00', 1)).toBe(at('2026-12-31T16:00:00Z'));
  });
});

describe('calendar helpers', () => {
  it('knows ISO weekdays', () => {
    expect(weekdayOfDate('2026-03-30')).toBe(1); // Monday
    expect(weekdayOfDate('2026-03-29')).toBe(7); // Sunday
    expect(weekdayOfDate('2024-02-29')).toBe(4);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('finds the next given weekday on or after a date', () => {
    expect(nextWeekday('2026-03-30', 1)).toBe('2026-03-30');
    expect(nextWeekday('2026-03-30', 2)).toBe('2026-03-31');
    expect(nextWeekday('2026-03-30', 7)).toBe('2026-04-05');
    expect(nextWeekday('2026-03-20', 2)).toBe('2026-03-24');
  });

  it('measures windows, across midnight too', () => {
    expect(windowLengthMinutes({ weekday: 1, start: '09:00', end: '11:30' })).toBe(150);
    expect(windowLengthMinutes({ weekday: 1, start: '23:00', end: '01:00' })).toBe(120);
  });

  it('tells complete windows from half-filled ones', () => {
    expect(isCompleteWindow({ weekday: 2, start: '09:00', end: '11:00' })).toBe(true);
    expect(isCompleteWindow({ weekday: 0, start: '09:00', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: 8, start: '09:00', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: 2, start: '', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: 2, start: '24:00', end: '11:00' })).toBe(false);
    expect(isCompleteWindow({ weekday: Number.NaN, start: '09:00', end: '11:00' })).toBe(false);
  });
});

describe('convertWindow', () => {
  const tuesday = { weekday: 2, start: '09:00', end: '11:00' };

  it('puts Tuesday 09:00–11:00 Berlin at 17:00–19:00 Tokyo before the spring change', () => {
    expect(convertWindow(tuesday, 'Europe/Berlin', 'Asia/Tokyo', '2026-03-20')).toEqual({
      timeZone: 'Asia/Tokyo',
      weekday: 2,
      start: '17:00',
      endWeekday: 2,
      end: '19:00',
      endDayOffset: 0,
      dayShift: 0,
    });
  });

  it('and at 16:00–18:00 Tokyo after it', () => {
    const tokyo = convertWindow(tuesday, 'Europe/Berlin', 'Asia/Tokyo', '2026-03-30');
    expect([tokyo.weekday, tokyo.start, tokyo.end]).toEqual([2, '16:00', '18:00']);
  });

  it('handles the week of the change itself: a Sunday window on the day clocks go forward', () => {
    const sunday = { weekday: 7, start: '09:00', end: '10:00' };
    const tokyo = convertWindow(sunday, 'Europe/Berlin', 'Asia/Tokyo', '2026-03-23');
    expect([tokyo.weekday, tokyo.start, tokyo.end]).toEqual([7, '16:00', '17:00']);
  });

  it('handles half-hour zones', () => {
    const kolkata = convertWindow(tuesday, 'Europe/Berlin', 'Asia/Kolkata', '2026-03-30');
    expect([kolkata.weekday, kolkata.start, kolkata.end]).toEqual([2, '12:30', '14:30']);
    const back = convertWindow(
      { weekday: 3, start: '14:30', end: '16:00' },
      'Asia/Kolkata',
      'Europe/London',
      '2026-01-05',
    );
    expect([back.weekday, back.start, back.end]).toEqual([3, '09:00', '10:30']);
  });

  it('moves the weekday forward when the window crosses midnight on the other side', () => {
    const yangon = convertWindow(
      { weekday: 1, start: '20:00', end: '22:00' },
      'Europe/Berlin',
      'Asia/Yangon',
      '2026-01-05',
    );
    expect(yangon).toMatchObject({
      weekday: 2,
      start: '01:30',
      endWeekday: 2,
      end: '03:30',
      endDayOffset: 0,
      dayShift: 1,
    });
  });

  it('moves the weekday back, and wraps Monday to Sunday', () => {
    const london = convertWindow(
      { weekday: 1, start: '08:00', end: '10:00' },
      'Asia/Tokyo',
      'Europe/London',
      '2026-01-05',
    );
    expect(london).toEqual({
      timeZone: 'Europe/London',
      weekday: 7,
      start: '23:00',
      endWeekday: 1,
      end: '01:00',
      endDayOffset: 1,
      dayShift: -1,
    });
  });

  it('wraps Sunday to Monday going east', () => {
    const tokyo = convertWindow(
      { weekday: 7, start: '22:00', end: '23:30' },
      'Europe/Berlin',
      'Asia/Tokyo',
      '2026-01-05',
    );
    expect(tokyo).toMatchObject({ weekday: 1, start: '06:00', end: '07:30', dayShift: 1 });
  });

  it('reads an end before the start as the next day', () => {
    const night = { weekday: 5, start: '23:00', end: '01:00' };
    const same = convertWindow(night, 'Europe/Berlin', 'Europe/Berlin', '2026-01-05');
    expect(same).toMatchObject({ weekday: 5, start: '23:00', endWeekday: 6, end: '01:00' });
    expect(same.endDayOffset).toBe(1);
    const tokyo = convertWindow(night, 'Europe/Berlin', 'Asia/Tokyo', '2026-01-05');
    expect(tokyo).toMatchObject({
      weekday: 6,
      start: '07:00',
      endWeekday: 6,
      end: '09:00',
      endDayOffset: 0,
      dayShift: 1,
    });
    const overnightTokyo = convertWindow(
      { weekday: 1, start: '23:00', end: '01:00' },
      'Asia/Tokyo',
      'Europe/Berlin',
      '2026-01-05',
    );
    expect(overnightTokyo).toMatchObject({
      weekday: 1,
      start: '15:00',
      end: '17:00',
      endDayOffset: 0,
      dayShift: 0,
    });
  });

  it('keeps a window in the same zone as it is', () => {
    expect(convertWindow(tuesday, 'Asia/Bangkok', 'Asia/Bangkok', '2026-07-01')).toMatchObject({
      weekday: 2,
      start: '09:00',
      end: '11:00',
      dayShift: 0,
    });
  });

  it('follows the southern summer and a US zone', () => {
    const sydney = convertWindow(tuesday, 'Europe/Berlin', 'Australia/Sydney', '2026-01-05');
    expect([sydney.start, sydney.end]).toEqual(['19:00', '21:00']);
    const sydneyJuly = convertWindow(tuesday, 'Europe/Berlin', 'Australia/Sydney', '2026-07-06');
    expect([sydneyJuly.start, sydneyJuly.end]).toEqual(['17:00', '19:00']);
    // New York changes on 8 March 2026, Berlin on 29 March: a five-hour gap in between.
    const ny = convertWindow(tuesday, 'Europe/Berlin', 'America/New_York', '2026-03-16');
    expect([ny.start, ny.end]).toEqual(['04:00', '06:00']);
  });
});

describe('gapChangesBetween', () => {
  it('sees a change of clocks during a term', () => {
    expect(gapChangesBetween('Europe/Berlin', 'Asia/Tokyo', '2026-03-01', '2026-04-30')).toBe(true);
    expect(gapChangesBetween('Europe/Berlin', 'Asia/Tokyo', '2026-04-01', '2026-06-30')).toBe(
      false,
    );
  });

  it('sees no change between zones that change together or never', () => {
    expect(gapChangesBetween('Europe/Berlin', 'Europe/London', '2026-01-01', '2026-12-31')).toBe(
      false,
    );
    expect(gapChangesBetween('Asia/Tokyo', 'Asia/Kolkata', '2026-01-01', '2026-12-31')).toBe(false);
  });

  it('catches a change close to the end of the term', () => {
    expect(gapChangesBetween('Europe/Berlin', 'Asia/Tokyo', '2026-03-01', '2026-03-30')).toBe(true);
    expect(gapChangesBetween('Europe/Berlin', 'Asia/Tokyo', '2026-03-30', '2026-03-01')).toBe(
      false,
    );
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
