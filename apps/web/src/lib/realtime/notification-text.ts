// What a notification says and where it leads, per kind (API.md: partnership_requested,
// partnership_decided, partnership_completed, application_received, application_decided,
// application_withdrawn, round_proposal). Unknown kinds get a neutral sentence and no link.
import type { Notification } from '$lib/api/notifications';
import { m } from '$lib/paraglide/messages';

function text(payload: Record<string, unknown>, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

export function notificationText(n: Notification): string {
  const p = n.payload;
  switch (n.kind) {
    case 'partnership_requested':
      return m.notifications_partnership_requested({ name: text(p, 'fromName') });
    case 'partnership_decided': {
      const status = text(p, 'status');
      if (status === 'accepted') return m.notifications_partnership_accepted();
      if (status === 'declined') return m.notifications_partnership_declined();
      if (status === 'withdrawn') return m.notifications_partnership_withdrawn();
      return m.notifications_partnership_decided();
    }
    case 'partnership_completed':
      return m.notifications_partnership_completed();
    case 'application_received': {
      const student = text(p, 'studentName');
      const offer = text(p, 'offerTitle');
      return offer
        ? m.notifications_application_received({ student, offer })
        : m.notifications_application_received_untitled({ student });
    }
    case 'application_decided': {
      const status = text(p, 'status');
      const offer = text(p, 'offerTitle');
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
    case 'application_withdrawn':
      return m.notifications_application_withdrawn({
        student: text(p, 'studentName'),
        offer: text(p, 'offerTitle'),
      });
    case 'affiliation_verified':
      return m.notifications_affiliation_verified({ institution: text(p, 'institutionName') });
    case 'round_proposal': {
      const score = typeof p.score === 'number' ? p.score : 0;
      return m.notifications_round_proposal({ score: Math.round(score * 100) });
    }
    default:
      return m.notifications_other();
  }
}

/** The page a notification leads to (a path of this site), or null. */
export function notificationHref(n: Notification): string | null {
  const offerId = text(n.payload, 'offerId');
  switch (n.kind) {
    case 'partnership_requested':
    case 'partnership_decided':
    case 'partnership_completed':
      return '/my/partnerships';
    case 'application_received':
    case 'application_withdrawn':
      return offerId ? `/offers/${encodeURIComponent(offerId)}/applications` : null;
    case 'application_decided':
      return '/my/applications';
    case 'affiliation_verified':
      return '/my/institution';
    case 'round_proposal':
      return offerId ? `/offers/${encodeURIComponent(offerId)}/partners` : null;
    default:
      return null;
  }
}
