import { describe, expect, it } from 'vitest';
import { followUpBounds, requestFollowUp } from './follow-up.ts';

const at = (iso: string) => new Date(iso);
const requestedAt = at('2026-03-01T10:00:00.000Z');

describe('requestFollowUp', () => {
  it('leaves a request alone for 3 days, then reminds once', () => {
    expect(requestFollowUp({ requestedAt, remindedAt: null }, at('2026-03-04T09:59:59.999Z'))).toBe(
      'none',
    );
    expect(requestFollowUp({ requestedAt, remindedAt: null }, at('2026-03-04T10:00:00.000Z'))).toBe(
      'remind',
    );
    const remindedAt = at('2026-03-04T10:05:00.000Z');
    expect(requestFollowUp({ requestedAt, remindedAt }, at('2026-03-10T00:00:00.000Z'))).toBe(
      'none',
    );
  });

  it('expires a request at 14 days, reminded or not', () => {
    const due = at('2026-03-15T10:00:00.000Z');
    expect(requestFollowUp({ requestedAt, remindedAt: null }, due)).toBe('expire');
    expect(requestFollowUp({ requestedAt, remindedAt: at('2026-03-04T10:00:00.000Z') }, due)).toBe(
      'expire',
    );
    expect(requestFollowUp({ requestedAt, remindedAt: null }, at('2026-03-15T09:59:59.999Z'))).toBe(
      'remind',
    );
  });

  it('gives the repository the same bounds', () => {
    const now = at('2026-03-15T10:00:00.000Z');
    const { remindBefore, expireBefore } = followUpBounds(now);
    expect(remindBefore.toISOString()).toBe('2026-03-12T10:00:00.000Z');
    expect(expireBefore.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    // A request made exactly at a bound is due (age ≥ the days), as requestFollowUp says.
    expect(requestFollowUp({ requestedAt: expireBefore, remindedAt: null }, now)).toBe('expire');
  });
});
