// Windows across zones against hand-worked cases: DST weeks, half-hour zones, windows past
// midnight, weekdays wrapping, the southern summer.
import { describe, expect, it } from 'vitest';
import { convertWindow, gapChangesBetween } from './window-zones.ts';

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

describe('a time the clocks skip', () => {
  it('is the moment of the jump, as matching reads it', () => {
    // 02:30 on the night Berlin goes forward (29 March 2026) does not exist: 03:00 CEST.
    const skipped = convertWindow(
      { weekday: 7, start: '02:30', end: '04:00' },
      'Europe/Berlin',
      'Asia/Tokyo',
      '2026-03-29',
    );
    expect([skipped.start, skipped.end]).toEqual(['10:00', '11:00']);
  });
});
