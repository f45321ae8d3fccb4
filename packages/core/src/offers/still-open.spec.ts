import { describe, expect, it } from 'vitest';
import { confirmedSince, hasLapsed, lapsesAt, stillOpenBounds } from './still-open.ts';

const day = 24 * 60 * 60 * 1000;
const posted = new Date('2027-01-01T10:00:00Z');
const at = (days: number) => new Date(posted.getTime() + days * day);

describe('offers nobody confirms', () => {
  it('count from the confirmation, else from the posting', () => {
    expect(confirmedSince({ confirmedAt: null, createdAt: posted })).toEqual(posted);
    expect(confirmedSince({ confirmedAt: at(10), createdAt: posted })).toEqual(at(10));
  });

  it('lapse at exactly 75 days without a confirmation, and a confirmation starts anew', () => {
    const offer = { confirmedAt: null, createdAt: posted };
    expect(hasLapsed(offer, new Date(at(75).getTime() - 1))).toBe(false);
    expect(hasLapsed(offer, at(75))).toBe(true);
    expect(hasLapsed({ ...offer, confirmedAt: at(70) }, at(100))).toBe(false);
    expect(lapsesAt(posted)).toEqual(at(75));
  });

  it('give the repository bounds that agree with hasLapsed', () => {
    const now = at(80);
    const { askBefore, lapseBefore } = stillOpenBounds(now);
    expect(askBefore).toEqual(at(20));
    expect(lapseBefore).toEqual(at(5));
    for (const since of [at(4), at(5), at(6)]) {
      expect(hasLapsed({ confirmedAt: since, createdAt: posted }, now)).toBe(
        since.getTime() <= lapseBefore.getTime(),
      );
    }
  });
});
