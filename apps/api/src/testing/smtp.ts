// A real SMTP server in the test process (smtp-server) whose mails tests read, parsed by
// mailparser: `const smtp = await startTestSmtp(); … await smtp.next((m) => m.to === …)`.
// Plain SMTP on 127.0.0.1 without STARTTLS (smtp-server's built-in certificate has expired); its
// `url` tells nodemailer not to try TLS. `refuse(n)` makes the next n recipients be refused with
// a temporary (451) or permanent (550) error, to test retries.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  envelopeTo: string[];
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** A header as sent (unfolded), by its case-insensitive name; null when absent. */
  header(name: string): string | null;
  /** The http(s) links in the plain-text part. */
  links: string[];
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** SMTP_URL for the server. */
  url: string;
  /** Every mail received so far, in order. */
  readonly received: ReceivedMail[];
  /** The first received mail matching `match` that no earlier `next` returned; waits for one. */
  next(match?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  /** Resolves once `count` mails have arrived in all. */
  waitForCount(count: number): Promise<void>;
  /** Refuses the next `count` recipients with `code` (4xx: try later, 5xx: final). */
  refuse(count: number, code?: number): void;
  /** How many recipients were refused. */
  readonly refusals: number;
  close(): Promise<void>;
}

function addressText(value: ParsedMail['to'] | ParsedMail['from']): string {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).join(', ');
}

/** Listens on `port` on 127.0.0.1 (0, the default: a free one). */
export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters: (() => void)[] = [];
  let toRefuse = 0;
  let refuseCode = 451;
  let refusals = 0;
  const notify = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const arrival = () => new Promise<void>((resolve) => waiters.push(resolve));

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (toRefuse > 0) {
        toRefuse -= 1;
        refusals += 1;
        const error = new Error(
          refuseCode < 500 ? 'Mailbox busy, try again later' : 'No such mailbox',
        ) as Error & { responseCode: number };
        error.responseCode = refuseCode;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const lines = parsed.headerLines;
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              to: addressText(parsed.to),
              from: addressText(parsed.from),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              header(name) {
                const line = lines.find((l) => l.key === name.toLowerCase());
                if (!line) return null;
                return line.line
                  .slice(line.line.indexOf(':') + 1)
                  .replace(/\r?\n[ \t]+/g, ' ')
                  .trim();
              },
              links: [...new Set(parsed.text?.match(/https?:\/\/[^\s<>"]+/g) ?? [])],
              parsed,
            });
            notify();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const listening = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${listening}/?ignoreTLS=true`,
    received,
    get refusals() {
      return refusals;
    },
    async next(match = () => true) {
      for (;;) {
        const found = received.find((m) => !taken.has(m) && match(m));
        if (found) {
          taken.add(found);
          return found;
        }
        await arrival();
      }
    },
    async waitForCount(count) {
      while (received.length < count) await arrival();
    },
    refuse(count, code = 451) {
      toRefuse = count;
      refuseCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
