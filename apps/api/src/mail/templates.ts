// Every mail's words, per language, and the one layout that turns them into a plain-text and an
// HTML part. A mail kind is a function from its data to its content (subject, paragraphs, one
// action link); the layout adds the greeting, the link written out for clients that show no
// button, and the footer (why it came and, for what is not a security mail, how to stop it).
//
// Only English exists today. A language is added by adding its `MailStrings` to `mailStrings`
// (TypeScript then asks for every kind) and its code to `MailLocale`; a user whose saved locale
// has no strings gets English.

export type MailLocale = 'en';

/** The data each kind of mail needs (besides its recipient's name). */
export interface MailData {
  verify_email: { url: string };
  password_reset: { url: string };
  partnership_request: {
    fromName: string;
    offerTitle: string;
    message: string | null;
    url: string;
  };
  /** One notification, mailed at once (the recipient's setting is `instant`). */
  notification: MailNotification;
  /** A day's notifications in one mail (the setting is `daily`), named by its local date. */
  digest: { date: string; items: MailNotification[]; url: string };
  /** An open offer unconfirmed for 60 days: confirm or close it, one click each. */
  still_open: {
    offerTitle: string;
    /** The day it leaves the open lists unless confirmed (YYYY-MM-DD, UTC). */
    lapsesOn: string;
    confirmUrl: string;
    closeUrl: string;
  };
}

/** A notification as a mail tells it: its kind, what it names, and where it leads. */
export interface MailNotification {
  kind: string;
  payload: Record<string, unknown>;
  url: string;
}

export type MailKind = keyof MailData;

/** Security mails go out whatever the recipient's e-mail settings, and offer no unsubscribe. */
export const securityMailKinds: ReadonlySet<MailKind> = new Set(['verify_email', 'password_reset']);

export interface MailContent {
  subject: string;
  /** Paragraphs before the action. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** A second, quieter choice beside the action (a plain link). */
  secondary?: { label: string; url: string };
  /** Paragraphs after the action. */
  after?: string[];
}

interface MailStrings {
  /** What a notification says (its subject when mailed alone), per kind; null: not mailed. */
  notification(kind: string, payload: Record<string, unknown>): string | null;
  greeting(name: string): string;
  linkFallback: string;
  signature: string;
  securityFooter: string;
  notificationFooter: string;
  unsubscribeLabel: string;
  kinds: { [K in MailKind]: (data: MailData[K]) => MailContent };
}

/** A payload's text field, trimmed ('' when absent). */
function field(payload: Record<string, unknown>, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value.trim() : '';
}

function enNotification(kind: string, p: Record<string, unknown>): string | null {
  const offer = field(p, 'offerTitle');
  const partnerOffer = field(p, 'partnerOfferTitle');
  const days = typeof p.days === 'number' ? p.days : null;
  switch (kind) {
    case 'partnership_requested':
      return `${field(p, 'fromName') || 'A lecturer'} asks to partner their “${offer}” with your “${partnerOffer}”`;
    case 'partnership_decided': {
      const by = field(p, 'byName') || 'The other side';
      const status = field(p, 'status');
      if (status === 'accepted')
        return `${by} accepted your request to partner “${offer}” with “${partnerOffer}”`;
      if (status === 'declined')
        return `${by} declined your request to partner “${offer}” with “${partnerOffer}”`;
      return `${by} withdrew the request to partner “${offer}” with your “${partnerOffer}”`;
    }
    case 'partnership_reminder':
      return `A request waits for your answer: partner your “${partnerOffer}” with “${offer}” (${days ?? 3} days)`;
    case 'partnership_expired':
      return field(p, 'side') === 'requester'
        ? `Your request to partner “${offer}” with “${partnerOffer}” expired unanswered after ${days ?? 14} days: see the next best partners`
        : `The request to partner your “${partnerOffer}” with “${offer}” expired unanswered after ${days ?? 14} days`;
    case 'round_proposal':
      return `The matching round proposes “${partnerOffer}” as a partner for your “${offer}”`;
    case 'application_received':
      return `${field(p, 'studentName') || 'A student'} applied to “${offer}”`;
    case 'application_decided':
      return field(p, 'status') === 'accepted'
        ? `Your application to “${offer}” was accepted`
        : `Your application to “${offer}” was declined`;
    case 'message_unread': {
      const unread = typeof p.unread === 'number' ? p.unread : 1;
      return `${unread === 1 ? 'A message' : `${unread} messages`} from ${field(p, 'fromName') || 'your partner'} in “${field(p, 'title')}” ${unread === 1 ? 'waits' : 'wait'} for you`;
    }
    case 'application_withdrawn':
      return `${field(p, 'studentName') || 'A student'} withdrew their application to “${offer}”`;
    default:
      return null;
  }
}

const en: MailStrings = {
  notification: enNotification,
  greeting: (name) => `Hello ${name},`,
  linkFallback: 'If the button does not work, copy this link into your browser:',
  signature: 'The Twinning team',
  securityFooter:
    'This is a security mail about your Twinning account; it is sent whatever your e-mail settings. If you did not ask for it, you can ignore it.',
  notificationFooter: 'You get this mail because of your e-mail settings on Twinning.',
  unsubscribeLabel: 'Stop these mails',
  kinds: {
    verify_email: ({ url }) => ({
      subject: 'Confirm your e-mail address for Twinning',
      paragraphs: [
        'Welcome to Twinning. Please confirm that this address is yours: until you do, you can look around and edit your profile, but not post offers, send requests or start conversations.',
      ],
      action: { label: 'Confirm my address', url },
      after: ['The link works once, for 24 hours.'],
    }),
    password_reset: ({ url }) => ({
      subject: 'Reset your Twinning password',
      paragraphs: ['Someone (we hope you) asked to reset the password of your Twinning account.'],
      action: { label: 'Choose a new password', url },
      after: ['The link works once, for 1 hour. Resetting the password logs you out everywhere.'],
    }),
    notification: ({ kind, payload, url }) => {
      const said = enNotification(kind, payload) ?? 'Something happened on Twinning';
      return {
        subject: said,
        paragraphs: [`${said}.`],
        action: { label: 'Open it on Twinning', url },
      };
    },
    digest: ({ date, items, url }) => ({
      subject: `Twinning: ${items.length === 1 ? '1 update' : `${items.length} updates`} for ${date}`,
      paragraphs: [
        `What happened on Twinning since the last digest:`,
        ...items.map(
          (item) => `• ${enNotification(item.kind, item.payload) ?? item.kind}: ${item.url}`,
        ),
      ],
      action: { label: 'Open Twinning', url },
    }),
    still_open: ({ offerTitle, lapsesOn, confirmUrl, closeUrl }) => ({
      subject: `Is your offer “${offerTitle}” still open?`,
      paragraphs: [
        `You posted “${offerTitle}” on Twinning and have not confirmed it for 60 days. Lecturers looking for partners count on open offers being real: is it still open?`,
      ],
      action: { label: 'Yes, it is still open', url: confirmUrl },
      secondary: { label: 'No, close it', url: closeUrl },
      after: [
        `Unless you confirm it, it leaves the catalogue, the search and the partner suggestions on ${lapsesOn}. You can confirm it again on its page at any time, and editing it confirms it too.`,
      ],
    }),
    partnership_request: ({ fromName, offerTitle, message, url }) => ({
      subject: `${fromName} asks to partner on “${offerTitle}”`,
      paragraphs: [
        `${fromName} would like to run a twinning with you on “${offerTitle}”.`,
        ...(message ? [`Their message: “${message}”`] : []),
      ],
      action: { label: 'Answer the request', url },
    }),
  },
};

const mailStrings: Record<MailLocale, MailStrings> = { en };

/** The language of a user's mails: their saved locale when it has strings, else English. */
export function mailLocaleOf(locale: string | null | undefined): MailLocale {
  const base = locale?.toLowerCase().split(/[-_]/)[0];
  return base && base in mailStrings ? (base as MailLocale) : 'en';
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The links the mail holds (logged when mail is off). */
  links: string[];
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One mail in a language: both parts from the same content. */
export function renderMail<K extends MailKind>(
  kind: K,
  locale: MailLocale,
  recipientName: string,
  data: MailData[K],
  unsubscribeUrl: string | null,
): RenderedMail {
  const strings = mailStrings[locale];
  const content = strings.kinds[kind](data);
  const footer = securityMailKinds.has(kind) ? strings.securityFooter : strings.notificationFooter;
  const after = content.after ?? [];
  const links = [content.action?.url, content.secondary?.url, unsubscribeUrl].filter(
    (l): l is string => !!l,
  );

  const text = [
    strings.greeting(recipientName),
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.secondary ? [`${content.secondary.label}:\n${content.secondary.url}`] : []),
    ...after,
    strings.signature,
    '-- ',
    footer + (unsubscribeUrl ? `\n${strings.unsubscribeLabel}: ${unsubscribeUrl}` : ''),
  ].join('\n\n');

  const p = (line: string) => `<p style="margin:0 0 16px">${escapeHtml(line)}</p>`;
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#475569">${escapeHtml(strings.linkFallback)}<br><a href="${escapeHtml(content.action.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(content.action.url)}</a></p>`
    : '';
  const unsubscribe = unsubscribeUrl
    ? ` <a href="${escapeHtml(unsubscribeUrl)}" style="color:#475569">${escapeHtml(strings.unsubscribeLabel)}</a>`
    : '';
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
${p(strings.greeting(recipientName))}
${content.paragraphs.map(p).join('\n')}
${action}
${content.secondary ? `<p style="margin:0 0 16px"><a href="${escapeHtml(content.secondary.url)}" style="color:#1d4ed8">${escapeHtml(content.secondary.label)}</a></p>` : ''}
${after.map(p).join('\n')}
${p(strings.signature)}
<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0 16px">
<p style="margin:0;font-size:13px;color:#475569">${escapeHtml(footer)}${unsubscribe}</p>
</div>
</body></html>
`;
  return { subject: content.subject, text, html, links };
}
