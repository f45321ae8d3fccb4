// Sends the outbox. Each round claims due mails with a lease (the outbox repository's claim: of
// several processes one gets each mail), sends them one by one and marks each sent, or failed
// with a back-off: 1 min, 2, 4 … up to 6 h between attempts, and after `maxAttempts` it is given
// up (`failed`, its last error kept). A mail server's permanent refusal of the recipient (5xx to
// RCPT TO) is given up at once: retrying cannot change it.
//
// A round runs when `wake()` is called (after an enqueue's commit), on an interval (mail other
// processes stored, retries), and at the next retry's time when that is sooner. `stop()` ends the
// timer and waits for the round under way.
//
// With no transport (SMTP_URL unset) nothing is sent: mails stay pending in the outbox and each
// is logged once by each process (recipient, subject, links) so a developer can follow them.
import type { FastifyBaseLogger } from 'fastify';
import type { MailOutboxRepository, OutboxMail } from '@twinning/db/repositories/mail-outbox';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The Message-ID, from the outbox id: the same mail keeps it on every attempt. */
  messageId: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailWorkerOptions {
  outbox: MailOutboxRepository;
  /** null: mail is off (SMTP_URL unset). */
  transport: MailTransport | null;
  from: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  now: () => Date;
  /** Names this worker's claims (with a random part per round). */
  owner: string;
  intervalMs?: number;
  leaseMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** The wait before the attempt after `attempts` failed ones. */
  backoffMs?: (attempts: number) => number;
}

export interface MailWorker {
  /** Runs a round now (or right after the one under way); resolves when it has ended. */
  wake(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export const defaultBackoffMs = (attempts: number) =>
  Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

/** Whether a send failure is the server's final word on this recipient. */
function isPermanent(error: unknown): boolean {
  const { responseCode, command } = (error ?? {}) as { responseCode?: number; command?: string };
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    command === 'RCPT TO'
  );
}

function linksOf(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
}

export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const {
    outbox,
    transport,
    from,
    log,
    now,
    intervalMs = 15_000,
    leaseMs = 5 * 60_000,
    batchSize = 10,
    maxAttempts = 8,
    backoffMs = defaultBackoffMs,
  } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let roundNumber = 0;
  /** Without a transport: the last mail logged. */
  let logged: { createdAt: Date; id: string } | null = null;
  const fromHost = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'twinning';

  async function sendOne(mail: OutboxMail, owner: string) {
    try {
      await transport!.send({
        from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: `<${mail.id}@${fromHost}>`,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = isPermanent(error) || mail.attempts >= maxAttempts;
      const retryAt = giveUp ? null : new Date(now().getTime() + backoffMs(mail.attempts));
      await outbox.markFailed(mail.id, owner, message, retryAt);
      const fields = { mailId: mail.id, kind: mail.kind, attempts: mail.attempts, err: message };
      if (retryAt) log.warn({ ...fields, retryAt }, 'mail not sent, will retry');
      else log.error(fields, 'mail not sent, given up');
      return;
    }
    if (!(await outbox.markSent(mail.id, owner, now()))) {
      // Its lease ended while it was sent and another worker holds it now: it may go twice.
      log.warn({ mailId: mail.id }, 'mail sent after its lease had ended');
    }
  }

  async function sendDue() {
    for (;;) {
      const owner = `${options.owner}:${++roundNumber}`;
      const batch = await outbox.claim(owner, now(), leaseMs, batchSize);
      for (const mail of batch) await sendOne(mail, owner);
      if (batch.length < batchSize) return;
    }
  }

  async function logPending() {
    for (;;) {
      const batch = await outbox.listPendingAfter(logged, 100);
      for (const mail of batch) {
        log.info(
          { to: mail.toAddress, subject: mail.subject, links: linksOf(mail.text), kind: mail.kind },
          'mail not sent: SMTP_URL is unset (it stays in the outbox)',
        );
      }
      const last = batch.at(-1);
      if (last) logged = { createdAt: last.createdAt, id: last.id };
      if (batch.length < 100) return;
    }
  }

  async function round() {
    try {
      if (transport) await sendDue();
      else await logPending();
    } catch (error) {
      log.error({ err: error }, 'mail round failed');
    }
  }

  async function schedule() {
    if (stopped) return;
    let delay = intervalMs;
    if (transport) {
      const due = await outbox.nextDueAt().catch(() => null);
      if (due) delay = Math.min(intervalMs, Math.max(1_000, due.getTime() - now().getTime()));
    }
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void wake(), delay);
    timer.unref();
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      // The round under way may have claimed before the caller's mail was stored: one more.
      again = true;
      return running;
    }
    running = (async () => {
      for (;;) {
        again = false;
        await round();
        if (again && !stopped) continue;
        await schedule();
        if (!again || stopped) break;
      }
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    wake,
    start() {
      stopped = false;
      void wake();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      transport?.close();
    },
  };
}
