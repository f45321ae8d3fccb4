// What a notification says and where it leads, per kind (the API's notifications service lists
// the kinds and their payloads). A notification names the thing (the offer, both offers of a
// partnership, the round, the institution) and the person (who asked, who decided) as they were
// when it was written; older notifications stored fewer names, so each kind falls back to the
// sentence that fits what its payload has. Scores read as everywhere else ("66% match", through
// $lib/score-text). Unknown kinds get a neutral sentence and no link.
import type { Notification } from '$lib/api/notifications';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { matchText } from '$lib/score-text';

function text(payload: Record<string, unknown>, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value.trim() : '';
}

function numberOf(payload: Record<string, unknown>, key: string): number | null {
  const value = payload[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The partnership's two offers, when the payload names both. */
function offersOf(p: Record<string, unknown>): { offer: string; partnerOffer: string } | null {
  const offer = text(p, 'offerTitle');
  const partnerOffer = text(p, 'partnerOfferTitle');
  return offer && partnerOffer ? { offer, partnerOffer } : null;
}

function partnershipText(kind: string, p: Record<string, unknown>): string {
  const offers = offersOf(p);
  const status = text(p, 'status');
  switch (kind) {
    case 'partnership_requested': {
      const name = text(p, 'fromName');
      if (offers && name) return m.notifications_partnership_requested_named({ name, ...offers });
      return name
        ? m.notifications_partnership_requested({ name })
        : m.notifications_partnership_requested_anonymous();
    }
    case 'partnership_decided': {
      const name = text(p, 'byName');
      if (offers && name) {
        if (status === 'accepted')
          return m.notifications_partnership_accepted_named({ name, ...offers });
        if (status === 'declined')
          return m.notifications_partnership_declined_named({ name, ...offers });
        if (status === 'withdrawn')
          return m.notifications_partnership_withdrawn_named({ name, ...offers });
      }
      if (status === 'accepted') return m.notifications_partnership_accepted();
      if (status === 'declined') return m.notifications_partnership_declined();
      if (status === 'withdrawn') return m.notifications_partnership_withdrawn();
      return m.notifications_partnership_decided();
    }
    case 'partnership_completed': {
      const name = text(p, 'byName');
      return offers && name
        ? m.notifications_partnership_completed_named({ name, ...offers })
        : m.notifications_partnership_completed();
    }
    case 'partnership_reminder': {
      const days = numberOf(p, 'days') ?? 3;
      return offers
        ? m.notifications_partnership_reminder({ ...offers, days })
        : m.notifications_partnership_reminder_untitled({ days });
    }
    case 'partnership_expired': {
      const days = numberOf(p, 'days') ?? 14;
      if (!offers) return m.notifications_partnership_expired_untitled();
      return text(p, 'side') === 'requester'
        ? m.notifications_partnership_expired_requester({ ...offers, days })
        : m.notifications_partnership_expired_recipient({ ...offers, days });
    }
    case 'partnership_closed': {
      const hidden = text(p, 'hiddenOfferTitle');
      return offers && hidden
        ? m.notifications_partnership_closed({ ...offers, hidden })
        : m.notifications_partnership_closed_untitled();
    }
    default:
      return m.notifications_other();
  }
}

function applicationText(kind: string, p: Record<string, unknown>): string {
  const offer = text(p, 'offerTitle');
  if (kind === 'application_received') {
    const student = text(p, 'studentName') || m.notifications_a_student();
    return offer
      ? m.notifications_application_received({ student, offer })
      : m.notifications_application_received_untitled({ student });
  }
  if (kind === 'application_withdrawn') {
    const student = text(p, 'studentName') || m.notifications_a_student();
    if (!offer) return m.notifications_application_withdrawn_untitled({ student });
    return text(p, 'previousStatus') === 'accepted'
      ? m.notifications_application_withdrawn_accepted({ student, offer })
      : m.notifications_application_withdrawn({ student, offer });
  }
  const status = text(p, 'status');
  const name = text(p, 'byName');
  if (offer && name) {
    if (status === 'accepted') return m.notifications_application_accepted_named({ name, offer });
    if (status === 'declined') return m.notifications_application_declined_named({ name, offer });
  }
  if (status === 'accepted') {
    return offer
      ? m.notifications_application_accepted({ offer })
      : m.notifications_application_accepted_untitled();
  }
  if (status === 'declined') {
    return offer
      ? m.notifications_application_declined({ offer })
      : m.notifications_application_declined_untitled();
  }
  return offer
    ? m.notifications_application_decided({ offer })
    : m.notifications_application_decided_untitled();
}

export function notificationText(n: Notification): string {
  const p = n.payload;
  switch (n.kind) {
    case 'partnership_requested':
    case 'partnership_decided':
    case 'partnership_completed':
    case 'partnership_reminder':
    case 'partnership_expired':
    case 'partnership_closed':
      return partnershipText(n.kind, p);
    case 'application_received':
    case 'application_decided':
    case 'application_withdrawn':
      return applicationText(n.kind, p);
    case 'message_unread':
      return m.notifications_message_unread({
        count: numberOf(p, 'unread') ?? 1,
        name: text(p, 'fromName') || m.notifications_someone(),
        title: text(p, 'title'),
      });
    case 'affiliation_verified': {
      const institution = text(p, 'institutionName');
      return institution
        ? m.notifications_affiliation_verified({ institution })
        : m.notifications_affiliation_verified_unnamed();
    }
    case 'affiliation_removed': {
      const institution = text(p, 'institutionName');
      const by = text(p, 'byName');
      return institution && by
        ? m.notifications_affiliation_removed({ institution, by })
        : m.notifications_affiliation_removed_unnamed();
    }
    case 'domain_decided': {
      const institution = text(p, 'institutionName');
      const domain = text(p, 'domain');
      if (!institution || !domain) return m.notifications_domain_decided_unnamed();
      return text(p, 'status') === 'approved'
        ? m.notifications_domain_approved({ institution, domain })
        : m.notifications_domain_refused({ institution, domain });
    }
    case 'institution_verified': {
      const institution = text(p, 'institutionName');
      return institution
        ? m.notifications_institution_verified({ institution })
        : m.notifications_institution_verified_unnamed();
    }
    case 'institution_refused': {
      const institution = text(p, 'institutionName');
      const reason = text(p, 'reason');
      return institution && reason
        ? m.notifications_institution_refused({ institution, reason })
        : m.notifications_institution_refused_unnamed();
    }
    case 'institution_info_requested': {
      const institution = text(p, 'institutionName');
      const question = text(p, 'question');
      return institution && question
        ? m.notifications_institution_info_requested({ institution, question })
        : m.notifications_institution_info_requested_unnamed();
    }
    case 'round_proposal': {
      const match = matchText(typeof p.score === 'number' ? p.score : 0, getLocale());
      const offers = offersOf(p);
      return offers
        ? m.notifications_round_proposal_named({ match, ...offers })
        : m.notifications_round_proposal({ match });
    }
    case 'offer_hidden': {
      const offer = text(p, 'offerTitle');
      const reason = text(p, 'reason');
      if (offer && reason) return m.notifications_offer_hidden({ offer, reason });
      return offer
        ? m.notifications_offer_hidden_no_reason({ offer })
        : m.notifications_offer_hidden_untitled();
    }
    case 'offer_shown': {
      const offer = text(p, 'offerTitle');
      return offer
        ? m.notifications_offer_shown({ offer })
        : m.notifications_offer_shown_untitled();
    }
    default:
      return m.notifications_other();
  }
}

/** The page a notification leads to (a path of this site), or null. */
export function notificationHref(n: Notification): string | null {
  const offerId = text(n.payload, 'offerId');
  const partnershipId = text(n.payload, 'partnershipId');
  switch (n.kind) {
    case 'partnership_requested':
    case 'partnership_decided':
    case 'partnership_completed':
    case 'partnership_expired':
      // The requester goes on with the next best partners for the offer; the other side to
      // the partnership's card.
      if (text(n.payload, 'side') === 'requester' && offerId) {
        return `/offers/${encodeURIComponent(offerId)}/partners`;
      }
      return partnershipId
        ? `/my/partnerships#partnership-${encodeURIComponent(partnershipId)}`
        : '/my/partnerships';
    case 'partnership_reminder':
    case 'partnership_closed':
      // The partnership's own card on the page.
      return partnershipId
        ? `/my/partnerships#partnership-${encodeURIComponent(partnershipId)}`
        : '/my/partnerships';
    case 'application_received':
    case 'application_withdrawn':
      return offerId ? `/offers/${encodeURIComponent(offerId)}/applications` : null;
    case 'application_decided':
      return '/my/applications';
    case 'message_unread': {
      const conversationId = text(n.payload, 'conversationId');
      return conversationId ? `/messages/${encodeURIComponent(conversationId)}` : '/messages';
    }
    case 'affiliation_verified':
    case 'affiliation_removed':
    case 'domain_decided':
    case 'institution_verified':
    case 'institution_refused':
    case 'institution_info_requested':
      return '/my/institution';
    case 'round_proposal':
      return offerId ? `/offers/${encodeURIComponent(offerId)}/partners` : null;
    case 'offer_hidden':
      // The offer's own page is gone with it; its partnerships are where work continues.
      return '/my/partnerships';
    case 'offer_shown':
      return offerId ? `/offers/${encodeURIComponent(offerId)}` : '/my/offers';
    default:
      return null;
  }
}
