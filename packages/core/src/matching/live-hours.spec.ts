import { describe, expect, it } from 'vitest';
import { liveOverlap, overlapMinutes, weeklyUtcMinutes, type LiveSide } from './live-hours.ts';

/** A side over one or more whole weeks (Mon–Sun). */
function side(
  timeZone: string,
  windows: LiveSide['windows'],
  startDate = '2027-03-22',
  endDate = '2027-03-28',
): LiveSide {
  return { timeZone, windows, startDate, endDate };
}

/** A slot as a test writes it: each side's `[weekday, start, end]`, then the minutes a week. */
function slot(
  [aWeekday, aStart, aEnd]: [number, string, string],
  [bWeekday, bStart, bEnd]: [number, string, string],
  minutesPerWeek: number,
) {
  return { aWeekday, aStart, aEnd, bWeekday, bStart, bEnd, minutesPerWeek };
}

const berlinTuesday = (start = '2027-03-22', end = '2027-03-28') =>
  side('Europe/Berlin', [{ weekday: 2, start: '09:00', end: '11:00' }], start, end);
const tokyoTuesday = (from: string, to: string, start = '2027-03-22', end = '2027-03-28') =>
  side('Asia/Tokyo', [{ weekday: 2, start: from, end: to }], start, end);

describe('liveOverlap across DST', () => {
  // Berlin moves to summer time on Sunday 2027-03-28; Tokyo never changes.
  it('in the week before the change, Berlin Tue 09:00–11:00 is Tokyo 17:00–19:00', () => {
    const result = liveOverlap(berlinTuesday(), tokyoTuesday('17:00', '19:00'));
    expect(result.hoursPerWeek).toBeCloseTo(2);
    expect(result.weeks).toBe(1);
    expect(result.slots).toEqual([slot([2, '09:00', '11:00'], [2, '17:00', '19:00'], 120)]);
    expect(liveOverlap(berlinTuesday(), tokyoTuesday('16:00', '18:00')).hoursPerWeek).toBeCloseTo(
      1,
    );
  });

  it('in the week after the change, Berlin Tue 09:00–11:00 is Tokyo 16:00–18:00', () => {
    const after = ['2027-03-29', '2027-04-04'] as const;
    const result = liveOverlap(berlinTuesday(...after), tokyoTuesday('16:00', '18:00', ...after));
    expect(result.hoursPerWeek).toBeCloseTo(2);
    expect(result.slots).toEqual([slot([2, '09:00', '11:00'], [2, '16:00', '18:00'], 120)]);
    expect(
      liveOverlap(berlinTuesday(...after), tokyoTuesday('17:00', '19:00', ...after)).hoursPerWeek,
    ).toBeCloseTo(1);
  });

  it('averages over a term that spans the change, with one slot per clock setting', () => {
    const term = ['2027-03-22', '2027-04-04'] as const;
    const result = liveOverlap(berlinTuesday(...term), tokyoTuesday('16:00', '18:00', ...term));
    // Week 1: Berlin 09:00–10:00 = Tokyo 17:00–18:00 (60 min); week 2: 120 min.
    expect(result.weeks).toBe(2);
    expect(result.hoursPerWeek).toBeCloseTo(1.5);
    expect(result.slots).toEqual([
      slot([2, '09:00', '11:00'], [2, '16:00', '18:00'], 60),
      slot([2, '09:00', '10:00'], [2, '17:00', '18:00'], 30),
    ]);
    const total = result.slots.reduce((sum, s) => sum + s.minutesPerWeek, 0);
    expect(total / 60).toBeCloseTo(result.hoursPerWeek);
  });

  it('is symmetric in its hours', () => {
    const term = ['2027-03-01', '2027-06-30'] as const;
    const a = berlinTuesday(...term);
    const b = tokyoTuesday('16:00', '18:00', ...term);
    expect(liveOverlap(a, b).hoursPerWeek).toBeCloseTo(liveOverlap(b, a).hoursPerWeek);
    expect(liveOverlap(b, a).slots[0]).toMatchObject({ aStart: '16:00', bStart: '09:00' });
  });
});

describe('liveOverlap in half-hour zones', () => {
  it('meets Kolkata (+05:30) and Berlin in winter on the half hour', () => {
    const kolkata = side('Asia/Kolkata', [{ weekday: 1, start: '14:00', end: '16:00' }]);
    const berlin = side('Europe/Berlin', [{ weekday: 1, start: '09:00', end: '11:00' }]);
    const result = liveOverlap(kolkata, berlin);
    expect(result.hoursPerWeek).toBeCloseTo(1.5);
    expect(result.slots).toEqual([slot([1, '14:00', '15:30'], [1, '09:30', '11:00'], 90)]);
  });

  it('meets Yangon (+06:30) and Berlin in summer', () => {
    const term = ['2027-05-03', '2027-05-09'] as const;
    const yangon = side('Asia/Yangon', [{ weekday: 3, start: '13:00', end: '15:00' }], ...term);
    const berlin = side('Europe/Berlin', [{ weekday: 3, start: '08:00', end: '10:00' }], ...term);
    // Yangon 13:00–15:00 = 06:30–08:30 UTC; Berlin 08:00–10:00 CEST = 06:00–08:00 UTC.
    const result = liveOverlap(yangon, berlin);
    expect(result.hoursPerWeek).toBeCloseTo(1.5);
    expect(result.slots[0]).toMatchObject({ aStart: '13:00', aEnd: '14:30', bStart: '08:30' });
  });
});

describe('liveOverlap across midnight', () => {
  const tokyoNight = side('Asia/Tokyo', [{ weekday: 3, start: '23:00', end: '01:00' }]);

  it('counts the part of Tokyo Wed 23:00–01:00 after midnight, as Thursday in Tokyo', () => {
    // Tokyo Wed 23:00–Thu 01:00 = Wed 14:00–16:00 UTC = London (GMT) Wed 14:00–16:00.
    const london = side('Europe/London', [{ weekday: 3, start: '15:00', end: '17:00' }]);
    const result = liveOverlap(tokyoNight, london);
    expect(result.hoursPerWeek).toBeCloseTo(1);
    expect(result.slots).toEqual([slot([4, '00:00', '01:00'], [3, '15:00', '16:00'], 60)]);
  });

  it('counts the whole Tokyo night window against a London afternoon', () => {
    const london = side('Europe/London', [{ weekday: 3, start: '13:00', end: '17:00' }]);
    const result = liveOverlap(tokyoNight, london);
    expect(result.hoursPerWeek).toBeCloseTo(2);
    expect(result.slots[0]).toMatchObject({ aWeekday: 3, aStart: '23:00', aEnd: '01:00' });
  });

  it('handles a London window across midnight from Sunday into Monday', () => {
    const london = side(
      'Europe/London',
      [{ weekday: 7, start: '23:00', end: '01:00' }],
      '2027-01-04',
      '2027-01-31',
    );
    const tokyo = side(
      'Asia/Tokyo',
      [{ weekday: 1, start: '08:30', end: '09:30' }],
      '2027-01-04',
      '2027-01-31',
    );
    const result = liveOverlap(london, tokyo);
    // London Sun 23:00–Mon 01:00 meets Tokyo Mon 08:30–09:30 (Sun 23:30–Mon 00:30 UTC). Only
    // occurrences starting on a shared date count: London's 3 January and Tokyo's 1 February fall
    // outside, so 3 of the 4 weeks meet.
    expect(result.weeks).toBe(4);
    expect(result.hoursPerWeek).toBeCloseTo(0.75);
    expect(result.slots[0]).toMatchObject({
      aWeekday: 7,
      aStart: '23:30',
      aEnd: '00:30',
      bWeekday: 1,
    });
  });
});

describe('liveOverlap without overlap', () => {
  it('gives 0 when windows never meet', () => {
    const berlin = berlinTuesday();
    const tokyo = tokyoTuesday('09:00', '11:00');
    expect(liveOverlap(berlin, tokyo)).toEqual({ hoursPerWeek: 0, weeks: 1, slots: [] });
  });

  it('gives 0 when one side has no windows', () => {
    expect(liveOverlap(berlinTuesday(), side('Asia/Tokyo', [])).hoursPerWeek).toBe(0);
  });

  it('gives 0 when the terms do not meet', () => {
    const later = tokyoTuesday('16:00', '18:00', '2027-05-01', '2027-05-31');
    expect(liveOverlap(berlinTuesday(), later)).toEqual({ hoursPerWeek: 0, weeks: 0, slots: [] });
  });

  it('touching windows share no time', () => {
    const tokyo = tokyoTuesday('19:00', '21:00');
    expect(liveOverlap(berlinTuesday(), tokyo).hoursPerWeek).toBe(0);
  });
});

describe('weeklyUtcMinutes and overlapMinutes (fast path)', () => {
  const tuesday = 1440;

  it('places windows in UTC minutes of the week, honouring the reference week’s DST', () => {
    const berlin = berlinTuesday();
    expect(weeklyUtcMinutes(berlin, '2027-03-24')).toEqual([[tuesday + 8 * 60, tuesday + 10 * 60]]);
    expect(weeklyUtcMinutes(berlin, '2027-03-31')).toEqual([[tuesday + 7 * 60, tuesday + 9 * 60]]);
    expect(weeklyUtcMinutes(tokyoTuesday('16:00', '18:00'), '2027-03-31')).toEqual([
      [tuesday + 7 * 60, tuesday + 9 * 60],
    ]);
  });

  it('agrees with liveOverlap on either side of the DST change', () => {
    const berlin = weeklyUtcMinutes(berlinTuesday(), '2027-03-24');
    const tokyo = weeklyUtcMinutes(tokyoTuesday('16:00', '18:00'), '2027-03-24');
    expect(overlapMinutes(berlin, tokyo)).toBe(60);
    expect(
      overlapMinutes(
        weeklyUtcMinutes(berlinTuesday(), '2027-03-30'),
        weeklyUtcMinutes(tokyoTuesday('16:00', '18:00'), '2027-03-30'),
      ),
    ).toBe(120);
  });

  it('moves a Tokyo Monday morning into the previous UTC Sunday', () => {
    const tokyo = side('Asia/Tokyo', [{ weekday: 1, start: '07:00', end: '10:00' }]);
    expect(weeklyUtcMinutes(tokyo, '2027-03-22')).toEqual([
      [0, 60],
      [6 * 1440 + 22 * 60, 7 * 1440],
    ]);
  });

  it('splits a span across the end of the UTC week and still finds the overlap', () => {
    const london = side('Europe/London', [{ weekday: 7, start: '23:00', end: '01:00' }]);
    const londonSpans = weeklyUtcMinutes(london, '2027-01-06');
    expect(londonSpans).toEqual([
      [0, 60],
      [7 * 1440 - 60, 7 * 1440],
    ]);
    const tokyo = side('Asia/Tokyo', [{ weekday: 1, start: '08:30', end: '09:30' }]);
    expect(overlapMinutes(londonSpans, weeklyUtcMinutes(tokyo, '2027-01-06'))).toBe(60);
  });

  it('handles Kolkata’s half hour and several windows per side', () => {
    const kolkata = side('Asia/Kolkata', [
      { weekday: 1, start: '14:00', end: '16:00' },
      { weekday: 4, start: '13:00', end: '15:00' },
    ]);
    const berlin = side('Europe/Berlin', [
      { weekday: 4, start: '09:00', end: '12:00' },
      { weekday: 1, start: '09:00', end: '11:00' },
    ]);
    // Monday 90 min; Thursday Kolkata 07:30–09:30 UTC vs Berlin 08:00–11:00 UTC: 90 min.
    expect(
      overlapMinutes(
        weeklyUtcMinutes(kolkata, '2027-01-13'),
        weeklyUtcMinutes(berlin, '2027-01-13'),
      ),
    ).toBe(180);
    const terms = { startDate: '2027-01-11', endDate: '2027-01-17' };
    expect(liveOverlap({ ...kolkata, ...terms }, { ...berlin, ...terms }).hoursPerWeek).toBeCloseTo(
      3,
    );
  });

  it('gives 0 for no spans or disjoint spans', () => {
    expect(overlapMinutes([], [[0, 100]])).toBe(0);
    expect(overlapMinutes([[0, 100]], [])).toBe(0);
    expect(
      overlapMinutes(
        [
          [0, 100],
          [200, 300],
        ],
        [
          [100, 200],
          [300, 400],
        ],
      ),
    ).toBe(0);
    expect(
      overlapMinutes(
        [
          [0, 100],
          [200, 300],
        ],
        [[50, 250]],
      ),
    ).toBe(100);
  });
});

describe('liveOverlap on the nights the clocks change', () => {
  const utcNight = (weekday: number, start: string, end: string, from: string, to: string) =>
    side('UTC', [{ weekday, start, end }], from, to);

  it('shortens a Berlin window over the spring gap to the time that really passes', () => {
    const week = ['2027-03-22', '2027-03-28'] as const;
    // Sun 01:00 CET = 00:00 UTC; 04:00 CEST = 02:00 UTC: two real hours, not three.
    const berlin = side('Europe/Berlin', [{ weekday: 7, start: '01:00', end: '04:00' }], ...week);
    const result = liveOverlap(berlin, utcNight(7, '00:00', '06:00', ...week));
    expect(result.hoursPerWeek).toBeCloseTo(2);
    expect(result.slots[0]).toMatchObject({
      aStart: '01:00',
      aEnd: '04:00',
      bStart: '00:00',
      bEnd: '02:00',
    });
  });

  it('counts a Saturday-night Berlin window running into the gap', () => {
    const week = ['2027-03-22', '2027-03-28'] as const;
    // Sat 23:00 CET = 22:00 UTC; Sun 03:00 CEST = 01:00 UTC.
    const berlin = side('Europe/Berlin', [{ weekday: 6, start: '23:00', end: '03:00' }], ...week);
    expect(liveOverlap(berlin, utcNight(6, '20:00', '06:00', ...week)).hoursPerWeek).toBeCloseTo(3);
  });

  it('lengthens a Berlin window over the autumn overlap to the time that really passes', () => {
    const week = ['2027-10-25', '2027-10-31'] as const;
    // Sun 01:00 CEST = Sat 23:00 UTC; 04:00 CET = 03:00 UTC: four real hours.
    const berlin = side('Europe/Berlin', [{ weekday: 7, start: '01:00', end: '04:00' }], ...week);
    const result = liveOverlap(berlin, utcNight(6, '22:00', '06:00', ...week));
    expect(result.hoursPerWeek).toBeCloseTo(4);
    expect(result.slots[0]).toMatchObject({
      aWeekday: 7,
      aStart: '01:00',
      bWeekday: 6,
      bStart: '23:00',
      bEnd: '03:00',
    });
  });

  it('honours both of a year’s changes in one long term', () => {
    const term = ['2027-01-04', '2027-12-26'] as const; // 51 whole weeks, Mon to Sun
    const berlin = side('Europe/Berlin', [{ weekday: 2, start: '09:00', end: '11:00' }], ...term);
    const tokyo = side('Asia/Tokyo', [{ weekday: 2, start: '16:00', end: '18:00' }], ...term);
    // Summer time covers Tuesdays 30 March … 26 October: 31 weeks of 2 h; 20 winter weeks of 1 h.
    const result = liveOverlap(berlin, tokyo);
    expect(result.weeks).toBe(51);
    expect(result.hoursPerWeek).toBeCloseTo((31 * 2 + 20 * 1) / 51);
    expect(result.slots.map((s) => [s.bStart, s.minutesPerWeek * 51])).toEqual([
      ['16:00', 31 * 120],
      ['17:00', 20 * 60],
    ]);
  });
});

describe('fast path against liveOverlap', () => {
  it('agrees for a week without clock changes, over many zone pairs and windows', () => {
    const week = ['2027-05-10', '2027-05-16'] as const;
    const zones = [
      'Europe/Berlin',
      'Europe/London',
      'Asia/Tokyo',
      'Asia/Kolkata',
      'Asia/Yangon',
      'America/New_York',
    ];
    const windows: LiveSide['windows'] = [
      { weekday: 1, start: '07:30', end: '10:00' },
      { weekday: 3, start: '22:00', end: '02:00' },
      { weekday: 5, start: '13:00', end: '18:45' },
      { weekday: 7, start: '20:00', end: '01:30' },
    ];
    let checked = 0;
    for (const za of zones) {
      for (const zb of zones) {
        const a = side(za, windows, ...week);
        const b = side(zb, [...windows].reverse(), ...week);
        const fast = overlapMinutes(
          weeklyUtcMinutes(a, '2027-05-12'),
          weeklyUtcMinutes(b, '2027-05-12'),
        );
        // liveOverlap cuts windows at the term's edges; a term one week longer adds exactly one
        // uncut week, which is what the fast path sees.
        const total = (end: string) =>
          liveOverlap(
            { ...a, startDate: '2027-05-03', endDate: end },
            { ...b, startDate: '2027-05-03', endDate: end },
          ).hoursPerWeek *
          60 *
          (end === '2027-05-30' ? 4 : 5);
        expect(fast, `${za} × ${zb}`).toBeCloseTo(total('2027-06-06') - total('2027-05-30'));
        checked += fast > 0 ? 1 : 0;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
