// The seam services send mail through: `mailer.enqueue(kind, recipient, data, { tx })` renders
// the mail in the recipient's language and stores it in the outbox — with `tx`, inside the
// transaction of what causes it, so it exists exactly when that does. The worker sends it; call
// `mailer.wake()` once the transaction has committed so this process sends it at once (another
// process's worker finds it on its next round anyway).
//
// Mail that is not a security mail carries List-Unsubscribe (an HTTPS one-click URL, RFC 8058)
// and is not stored at all for a user whose emailNotifications is 'off'.
import type { Db } from '@twinning/db/client';
import type { MailOutboxRepository } from '@twinning/db/repositories/mail-outbox';
import type { MailRecipient } from '@twinning/db/repositories/users';
import {
  mailLocaleOf,
  renderMail,
  securityMailKinds,
  type MailData,
  type MailKind,
} from './templates.ts';
import type { UnsubscribeTokens } from './unsubscribe.ts';

export interface Mailer {
  /**
   * Stores one mail to `recipient`; resolves to its id, or null when it was not stored (the
   * recipient turned notification mail off, or a mail with `dedupeKey` exists).
   */
  enqueue<K extends MailKind>(
    kind: K,
    recipient: Pick<MailRecipient, 'id' | 'email' | 'name' | 'locale' | 'emailNotifications'>,
    data: MailData[K],
    options?: { tx?: Db; dedupeKey?: string; notBefore?: Date },
  ): Promise<string | null>;
  /** A link into the platform: `path` on its public origin. */
  link(path: string): string;
  /** Asks this process's worker to send what is due now (after the enqueue's commit). */
  wake(): void;
}

export function createMailer(deps: {
  outbox: MailOutboxRepository;
  tokens: UnsubscribeTokens;
  /** The platform's public origin, for links (ORIGIN, else http://localhost:PORT). */
  origin: string;
  now: () => Date;
  newId: () => string;
  wake: () => void;
}): Mailer {
  const link = (path: string) => new URL(path, deps.origin).toString();
  return {
    link,
    wake: deps.wake,
    async enqueue(kind, recipient, data, options = {}) {
      const security = securityMailKinds.has(kind);
      if (!security && recipient.emailNotifications === 'off') return null;
      const headers: Record<string, string> = {};
      let unsubscribePage: string | null = null;
      if (!security) {
        const token = encodeURIComponent(await deps.tokens.sign(recipient.id, options.tx));
        // The header's URL is the one-click POST (RFC 8058); the footer's a page that asks first
        // (a GET must not unsubscribe: mail scanners follow links).
        headers['List-Unsubscribe'] = `<${link(`/api/mail/unsubscribe?token=${token}`)}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
        unsubscribePage = link(`/unsubscribe?token=${token}`);
      }
      const rendered = renderMail(
        kind,
        mailLocaleOf(recipient.locale),
        recipient.name,
        data,
        unsubscribePage,
      );
      const id = deps.newId();
      const stored = await deps.outbox.enqueue(
        {
          id,
          kind,
          userId: recipient.id,
          toAddress: recipient.email,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          headers,
          dedupeKey: options.dedupeKey ?? null,
          createdAt: deps.now(),
          notBefore: options.notBefore,
        },
        options.tx,
      );
      return stored ? id : null;
    },
  };
}
