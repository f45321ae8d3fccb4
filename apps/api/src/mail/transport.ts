// The mail server as the worker sees it: nodemailer's SMTP transport built from SMTP_URL
// (`smtp://host:port`, `smtps://user:pass@host:port`; nodemailer reads options such as
// `?ignoreTLS=true` or `?pool=true` from the query). Timeouts are shorter than nodemailer's
// minutes, so a send that hangs fails well within the outbox lease.
import nodemailer from 'nodemailer';
import type { MailTransport } from './worker.ts';

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: mail.messageId,
      });
    },
    close() {
      transporter.close();
    },
  };
}
