import { describe, expect, it } from 'vitest';
import type { Partnership } from '@twinning/contracts/partnerships';
import { partnerStates } from './partner-state';

function partnership(changes: Partial<Partnership>): Partnership {
  return {
    id: 'p1',
    offerId: 'mine',
    partnerOfferId: 'theirs',
    requestedBy: 'me',
    requesterName: 'Jonas Becker',
    status: 'pending',
    message: '',
    score: 0.8,
    conversationId: 'c1',
    createdAt: '2027-01-10T09:00:00.000Z',
    decidedAt: null,
    studentsA: null,
    studentsB: null,
    ...changes,
  };
}

const day = (iso: string) => iso.slice(0, 10);

describe('where an offer stands with each partner', () => {
  it('tells a request this offer received from one it sent', () => {
    const states = partnerStates(
      'mine',
      [
        partnership({ id: 'sent', partnerOfferId: 'asked-by-me' }),
        partnership({
          id: 'received',
          offerId: 'asked-me',
          partnerOfferId: 'mine',
          requestedBy: 'yuki',
          requesterName: 'Yuki Tanaka',
          message: 'Shall we?',
        }),
      ],
      day,
    );
    expect(states.get('asked-by-me')).toEqual({
      kind: 'outgoing',
      partnershipId: 'sent',
      date: '2027-01-10',
    });
    expect(states.get('asked-me')).toEqual({
      kind: 'incoming',
      partnershipId: 'received',
      requesterName: 'Yuki Tanaka',
      message: 'Shall we?',
      date: '2027-01-10',
    });
  });

  it('marks agreed partnerships either way round, and leaves ended requests out', () => {
    const states = partnerStates(
      'mine',
      [
        partnership({
          id: 'agreed',
          offerId: 'other',
          partnerOfferId: 'mine',
          status: 'accepted',
          decidedAt: '2027-01-12T10:00:00.000Z',
        }),
        partnership({ id: 'declined', partnerOfferId: 'declined-one', status: 'declined' }),
        partnership({ id: 'withdrawn', partnerOfferId: 'withdrawn-one', status: 'withdrawn' }),
      ],
      day,
    );
    expect(states.get('other')).toMatchObject({ kind: 'agreed', date: '2027-01-12' });
    expect(states.has('declined-one')).toBe(false);
    expect(states.has('withdrawn-one')).toBe(false);
  });
});
