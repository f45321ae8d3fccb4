import { describe, expect, it } from 'vitest';
import { describeInstant, formatInstant, unknownViewerZone, type ViewerZone } from './viewer-time';

const tokyo: ViewerZone = { zone: 'Asia/Tokyo', source: 'profile' };
const berlin: ViewerZone = { zone: 'Europe/Berlin', source: 'browser' };
// 23:30 UTC on 2 March: already 3 March in Tokyo, still 2 March in Berlin (00:30 on the 3rd).
const sent = '2026-03-02T23:30:00.000Z';

describe('formatInstant', () => {
  it('shows the time in the viewer zone, not the server one', () => {
    expect(formatInstant(sent, tokyo, 'en-GB', 'dateTime')).toBe('3 Mar 2026, 08:30');
    expect(formatInstant(sent, berlin, 'en-GB', 'dateTime')).toBe('3 Mar 2026, 00:30');
    expect(formatInstant(sent, tokyo, 'en', 'dateTime')).toBe('Mar 3, 2026, 8:30 AM');
  });

  it('names the zone when it is only a guess (UTC)', () => {
    expect(formatInstant(sent, unknownViewerZone, 'en-GB', 'dateTime')).toBe(
      '2 Mar 2026, 23:30 UTC',
    );
    const now = Date.parse('2026-03-02T23:59:00Z');
    expect(formatInstant(sent, unknownViewerZone, 'en-GB', 'timeOrDateTime', now)).toBe(
      '23:30 UTC',
    );
  });

  it('gives only the time for today, judged in the viewer zone', () => {
    // 09:00 in Tokyo on 3 March: the message of 08:30 is today there.
    const now = Date.parse('2026-03-03T00:00:00Z');
    expect(formatInstant(sent, tokyo, 'en-GB', 'timeOrDateTime', now)).toBe('08:30');
    expect(formatInstant(sent, tokyo, 'en-GB', 'timeOrDate', now)).toBe('08:30');
    // At 22:00 UTC on 3 March it is the 4th in Tokyo (another day) but still the 3rd in Berlin.
    const later = Date.parse('2026-03-03T22:00:00Z');
    expect(formatInstant(sent, tokyo, 'en-GB', 'timeOrDateTime', later)).toBe('3 Mar 2026, 08:30');
    expect(formatInstant(sent, tokyo, 'en-GB', 'timeOrDate', later)).toBe('3 Mar 2026');
    expect(formatInstant(sent, berlin, 'en-GB', 'timeOrDate', later)).toBe('00:30');
  });

  it('gives the day of the instant in the viewer zone', () => {
    expect(formatInstant(sent, tokyo, 'en-GB', 'date')).toBe('3 March 2026');
    expect(formatInstant(sent, unknownViewerZone, 'en-GB', 'date')).toBe('2 March 2026');
  });

  it('says nothing for a value that is not a time', () => {
    expect(formatInstant('not a time', tokyo, 'en-GB', 'dateTime')).toBe('');
    expect(describeInstant('', tokyo, 'en-GB')).toBe('');
  });
});

describe('describeInstant', () => {
  it('spells the moment out with its zone, for a tooltip', () => {
    expect(describeInstant(sent, tokyo, 'en-GB')).toBe('Tuesday, 3 March 2026 at 08:30 GMT+9');
  });
});
