import { describe, expect, it } from 'vitest';
import type { Notification } from '../api/notifications.ts';
import { notificationHref, notificationText } from './notification-text.ts';

function note(kind: string, payload: Record<string, unknown>): Notification {
  return { id: 'n1', kind, payload, createdAt: '2026-09-01T08:00:00.000Z', readAt: null };
}

const partnership = {
  partnershipId: 'p1',
  offerId: 'o1',
  offerTitle: 'Climate-ready cities',
  partnerOfferId: 'o2',
  partnerOfferTitle: 'Cities and climate',
};

describe('notificationText names the thing and the person', () => {
  it('for every step of a partnership', () => {
    expect(
      notificationText(
        note('partnership_requested', { ...partnership, fromId: 'u1', fromName: 'Anna Berg' }),
      ),
    ).toBe(
      'Anna Berg asks to partner their “Climate-ready cities” with your “Cities and climate”.',
    );
    const decided = (status: string) =>
      notificationText(
        note('partnership_decided', { ...partnership, status, byId: 'u2', byName: 'Kenji Sato' }),
      );
    expect(decided('accepted')).toBe(
      'Kenji Sato accepted your request to partner “Climate-ready cities” with “Cities and climate”.',
    );
    expect(decided('declined')).toBe(
      'Kenji Sato declined your request to partner “Climate-ready cities” with “Cities and climate”.',
    );
    expect(decided('withdrawn')).toBe(
      'Kenji Sato withdrew the request to partner “Climate-ready cities” with your “Cities and climate”.',
    );
    expect(
      notificationText(
        note('partnership_completed', { ...partnership, byId: 'u1', byName: 'Anna Berg' }),
      ),
    ).toBe(
      'Anna Berg recorded the partnership of “Climate-ready cities” and “Cities and climate” as completed.',
    );
    expect(
      notificationText(
        note('partnership_closed', {
          ...partnership,
          reason: 'offer_hidden',
          hiddenOfferId: 'o1',
          hiddenOfferTitle: 'Climate-ready cities',
        }),
      ),
    ).toBe(
      'The request to partner “Climate-ready cities” with “Cities and climate” was closed: the secretariat took down “Climate-ready cities”.',
    );
  });

  it('for requests nobody answers: the reminder and the expiry, to each side', () => {
    expect(
      notificationText(note('partnership_reminder', { ...partnership, fromId: 'u1', days: 3 })),
    ).toBe(
      'Your answer is awaited: the request to partner “Cities and climate” with “Climate-ready cities” has waited 3 days.',
    );
    expect(notificationText(note('partnership_reminder', { days: 3 }))).toBe(
      'A partnership request has waited 3 days for your answer.',
    );
    const expired = (side: string) =>
      notificationText(note('partnership_expired', { ...partnership, side, days: 14 }));
    expect(expired('requester')).toBe(
      'Your request to partner “Climate-ready cities” with “Cities and climate” expired after 14 days without an answer. See the next best partners.',
    );
    expect(expired('recipient')).toBe(
      'The request to partner “Cities and climate” with “Climate-ready cities” expired after 14 days without an answer.',
    );
    expect(notificationText(note('partnership_expired', {}))).toBe(
      'A partnership request expired without an answer.',
    );
    // The requester goes on to the next best partners for their offer; the other side to the card.
    expect(
      notificationHref(note('partnership_expired', { ...partnership, side: 'requester' })),
    ).toBe('/offers/o1/partners');
    expect(
      notificationHref(note('partnership_expired', { ...partnership, side: 'recipient' })),
    ).toBe('/my/partnerships#partnership-p1');
    expect(notificationHref(note('partnership_reminder', partnership))).toBe(
      '/my/partnerships#partnership-p1',
    );
  });

  it('for messages left unread, leading to the conversation', () => {
    const unread = (count: number) =>
      note('message_unread', {
        conversationId: 'c1',
        title: 'Cities',
        fromName: 'Kenji',
        unread: count,
      });
    expect(notificationText(unread(1))).toBe('A message from Kenji in “Cities” waits for you.');
    expect(notificationText(unread(3))).toBe('3 messages from Kenji in “Cities” wait for you.');
    expect(notificationHref(unread(1))).toBe('/messages/c1');
  });

  it('for applications, rounds and moderation', () => {
    expect(
      notificationText(
        note('application_decided', {
          applicationId: 'a1',
          offerId: 'o1',
          offerTitle: 'Climate-ready cities',
          status: 'declined',
          byId: 'u1',
          byName: 'Anna Berg',
        }),
      ),
    ).toBe('Anna Berg declined your application to “Climate-ready cities”.');
    expect(
      notificationText(
        note('application_received', {
          applicationId: 'a1',
          offerId: 'o1',
          offerTitle: 'Climate-ready cities',
          studentId: 's1',
          studentName: 'Linh Tran',
        }),
      ),
    ).toBe('Linh Tran applied to “Climate-ready cities”.');
    const withdrawn = {
      applicationId: 'a1',
      offerId: 'o1',
      offerTitle: 'Climate-ready cities',
      studentId: 's1',
      studentName: 'Linh Tran',
    };
    expect(
      notificationText(note('application_withdrawn', { ...withdrawn, previousStatus: 'pending' })),
    ).toBe('Linh Tran withdrew their application to “Climate-ready cities”.');
    expect(
      notificationText(note('application_withdrawn', { ...withdrawn, previousStatus: 'accepted' })),
    ).toBe('Linh Tran withdrew from “Climate-ready cities” after being accepted.');
    expect(
      notificationText(
        note('round_proposal', {
          roundId: 'r1',
          offerId: 'o1',
          offerTitle: 'Climate-ready cities',
          partnerOfferId: 'o2',
          partnerOfferTitle: 'Cities and climate',
          score: 0.664,
        }),
      ),
    ).toBe(
      'A matching round proposes “Cities and climate” as a partner for your “Climate-ready cities” (66% match).',
    );
    expect(
      notificationText(
        note('offer_hidden', {
          offerId: 'o1',
          offerTitle: 'Climate-ready cities',
          reason: 'Advertises a paid course',
          closedRequests: 2,
        }),
      ),
    ).toBe(
      'The secretariat took down your offer “Climate-ready cities”. Reason: Advertises a paid course',
    );
    expect(
      notificationText(note('offer_shown', { offerId: 'o1', offerTitle: 'Climate-ready cities' })),
    ).toBe('Your offer “Climate-ready cities” is listed again.');
  });

  it('for the review of an institution', () => {
    const institution = { institutionId: 'i1', institutionName: 'Royal University' };
    expect(notificationText(note('institution_verified', institution))).toBe(
      'The ASEM secretariat verified Royal University: its lecturers can post offers.',
    );
    expect(
      notificationText(
        note('institution_refused', { ...institution, reason: 'No such university exists.' }),
      ),
    ).toBe('The ASEM secretariat refused to verify Royal University: “No such university exists.”');
    expect(
      notificationText(
        note('institution_info_requested', {
          ...institution,
          question: 'Which ministry accredits you?',
        }),
      ),
    ).toBe(
      'The ASEM secretariat asks about Royal University: “Which ministry accredits you?” Answer it on My institution.',
    );
    for (const kind of [
      'institution_verified',
      'institution_refused',
      'institution_info_requested',
    ])
      expect(notificationHref(note(kind, institution))).toBe('/my/institution');
  });

  it('for affiliations removed and web domains decided', () => {
    const institution = { institutionId: 'i1', institutionName: 'Universität Hamburg' };
    expect(
      notificationText(note('affiliation_removed', { ...institution, byName: 'Jana Berg' })),
    ).toBe(
      'Your affiliation with Universität Hamburg was removed by Jana Berg. You can no longer post offers in its name.',
    );
    expect(notificationText(note('affiliation_removed', {}))).toBe(
      'Your affiliation with your institution was removed.',
    );
    expect(
      notificationText(
        note('domain_decided', { ...institution, domain: 'uni-hh.de', status: 'approved' }),
      ),
    ).toBe(
      'The ASEM secretariat approved uni-hh.de for Universität Hamburg: addresses on it now count.',
    );
    expect(
      notificationText(
        note('domain_decided', { ...institution, domain: 'uni-hh.de', status: 'refused' }),
      ),
    ).toBe(
      'The ASEM secretariat refused uni-hh.de for Universität Hamburg: addresses on it do not count.',
    );
    for (const kind of ['affiliation_removed', 'domain_decided'])
      expect(notificationHref(note(kind, institution))).toBe('/my/institution');
  });

  it.each([
    [
      'partnership_requested',
      { partnershipId: 'p1', offerId: 'o1', fromName: 'Anna' },
      'Anna asked for a partnership with your offer.',
    ],
    [
      'partnership_decided',
      { partnershipId: 'p1', status: 'accepted' },
      'Your partnership request was accepted.',
    ],
    [
      'application_decided',
      { applicationId: 'a1', offerId: 'o1', status: 'declined' },
      'Your application was declined.',
    ],
    [
      'application_received',
      { applicationId: 'a1', offerId: 'o1' },
      'A student applied to one of your offers.',
    ],
    [
      'application_withdrawn',
      { applicationId: 'a1', offerId: 'o1' },
      'A student withdrew an application to one of your offers.',
    ],
    [
      'round_proposal',
      { offerId: 'o1', score: 0.5 },
      'A matching round proposes a partner for your offer (50% match).',
    ],
    ['something_new', {}, 'Something new happened.'],
  ])('still reads sensibly for an older %s that stored fewer names', (kind, payload, text) => {
    expect(notificationText(note(kind, payload))).toBe(text);
  });
});

describe('notificationHref', () => {
  it('leads to the thing itself', () => {
    expect(
      notificationHref(note('partnership_decided', { ...partnership, status: 'accepted' })),
    ).toBe('/my/partnerships#partnership-p1');
    expect(notificationHref(note('partnership_closed', partnership))).toBe(
      '/my/partnerships#partnership-p1',
    );
    expect(notificationHref(note('application_received', { offerId: 'o 1' }))).toBe(
      '/offers/o%201/applications',
    );
    expect(notificationHref(note('application_withdrawn', { offerId: 'o1' }))).toBe(
      '/offers/o1/applications',
    );
    expect(notificationHref(note('round_proposal', { offerId: 'o1' }))).toBe('/offers/o1/partners');
    expect(notificationHref(note('offer_shown', { offerId: 'o1' }))).toBe('/offers/o1');
    expect(notificationHref(note('partnership_requested', {}))).toBe('/my/partnerships');
    expect(notificationHref(note('something_new', {}))).toBeNull();
  });
});
