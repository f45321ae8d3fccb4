import { describe, expect, it } from 'vitest';
import { localToUtc, steadyOffsetMinutes, utcToLocal, zoneOffsetMinutes } from './zones.ts';

const at = (iso: string) => new Date(iso);

describe('zoneOffsetMinutes', () => {
  it('reads whole-hour, half-hour and negative zones', () => {
    expect(zoneOffsetMinutes('UTC', at('2027-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMinutes('Asia/Tokyo', at('2027-01-15T12:00:00Z'))).toBe(540);
    expect(zoneOffsetMinutes('Asia/Tokyo', at('2027-07-15T12:00:00Z'))).toBe(540);
    expect(zoneOffsetMinutes('Asia/Kolkata', at('2027-01-15T12:00:00Z'))).toBe(330);
    expect(zoneOffsetMinutes('Asia/Yangon', at('2027-07-15T12:00:00Z'))).toBe(390);
    expect(zoneOffsetMinutes('Asia/Kathmandu', at('2027-07-15T12:00:00Z'))).toBe(345);
    expect(zoneOffsetMinutes('America/New_York', at('2027-01-15T12:00:00Z'))).toBe(-300);
  });

  it('follows DST: Berlin +60 in winter, +120 in summer, switching at 01:00 UTC', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', at('2027-01-15T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2027-07-15T12:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2027-03-28T00:59:59Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2027-03-28T01:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2027-10-31T00:59:59Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2027-10-31T01:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/London', at('2027-07-15T12:00:00Z'))).toBe(60);
  });

  it('ignores milliseconds and works across midnight and the year’s end', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', at('2027-12-31T23:59:59.999Z'))).toBe(330);
    expect(zoneOffsetMinutes('America/New_York', at('2028-01-01T00:00:00.500Z'))).toBe(-300);
  });
});

describe('localToUtc', () => {
  it.each([
    // A zone’s wall-clock time is its instant (whole and half hours, across midnight).
    ['2027-03-23', '09:00', 'Europe/Berlin', '2027-03-23T08:00:00.000Z'],
    ['2027-03-30', '09:00', 'Europe/Berlin', '2027-03-30T07:00:00.000Z'],
    ['2027-03-23', '00:30', 'Asia/Tokyo', '2027-03-22T15:30:00.000Z'],
    ['2027-03-23', '14:00', 'Asia/Kolkata', '2027-03-23T08:30:00.000Z'],
    ['2027-03-23', '23:45', 'America/New_York', '2027-03-24T03:45:00.000Z'],
    // A time skipped by the spring change is the moment of the change.
    ['2027-03-28', '02:00', 'Europe/Berlin', '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', '02:30', 'Europe/Berlin', '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', '03:00', 'Europe/Berlin', '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', '01:59', 'Europe/Berlin', '2027-03-28T00:59:00.000Z'],
    ['2027-03-14', '02:30', 'America/New_York', '2027-03-14T07:00:00.000Z'],
    // A time shown twice in autumn is its first, earlier instant.
    ['2027-10-31', '02:30', 'Europe/Berlin', '2027-10-31T00:30:00.000Z'],
    ['2027-10-31', '03:00', 'Europe/Berlin', '2027-10-31T02:00:00.000Z'],
    ['2027-11-07', '01:30', 'America/New_York', '2027-11-07T05:30:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, instant) => {
    expect(localToUtc(date, time, zone).toISOString()).toBe(instant);
  });

  it('round-trips with utcToLocal', () => {
    for (const zone of ['Europe/Berlin', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Yangon', 'UTC']) {
      for (const [date, time] of [
        ['2027-01-04', '00:00'],
        ['2027-06-30', '23:59'],
        ['2027-10-31', '12:15'],
      ] as const) {
        const local = utcToLocal(localToUtc(date, time, zone), zone);
        expect(local.date).toBe(date);
        expect(local.time).toBe(time);
      }
    }
  });
});

describe('utcToLocal', () => {
  it('gives the zone’s date, ISO weekday and time', () => {
    expect(utcToLocal(at('2027-03-23T08:00:00Z'), 'Asia/Tokyo')).toEqual({
      date: '2027-03-23',
      weekday: 2,
      time: '17:00',
    });
    expect(utcToLocal(at('2027-03-21T20:00:00Z'), 'Asia/Tokyo')).toEqual({
      date: '2027-03-22',
      weekday: 1,
      time: '05:00',
    });
    expect(utcToLocal(at('2027-03-22T02:00:00Z'), 'America/New_York')).toEqual({
      date: '2027-03-21',
      weekday: 7,
      time: '22:00',
    });
  });
});

describe('steadyOffsetMinutes', () => {
  it('gives the offset of days far from a change, and nothing near one', () => {
    expect(steadyOffsetMinutes('Europe/Berlin', '2027-03-23', '2027-03-24')).toBe(60);
    expect(steadyOffsetMinutes('Europe/Berlin', '2027-03-30', '2027-03-31')).toBe(120);
    expect(steadyOffsetMinutes('Europe/Berlin', '2027-03-27', '2027-03-28')).toBeUndefined();
    expect(steadyOffsetMinutes('Europe/Berlin', '2027-03-29', '2027-03-30')).toBeUndefined();
    expect(steadyOffsetMinutes('Asia/Tokyo', '2027-03-27', '2027-03-28')).toBe(540);
    expect(steadyOffsetMinutes('Asia/Kolkata', '2027-10-30', '2027-10-31')).toBe(330);
  });
});
