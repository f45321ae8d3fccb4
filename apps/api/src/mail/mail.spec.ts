// Mail delivery end to end, with a real SMTP server in the test process (testing/smtp.ts): what a
// mail holds (both parts, the sender, one-click unsubscribe), retries with back-off when the
// server refuses, giving up, the log of a process without a mail server, and two app processes on
// one database that send each mail exactly once. The `api-pg` project runs this on PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lecturerAt } from '../testing/actors.ts';
import { startTestSmtp, type TestSmtp } from '../testing/smtp.ts';
import { createSecondApp, createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { transaction } from '@twinning/db/transaction';
import { createMailWorker } from './worker.ts';

let smtp: TestSmtp;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  for (const app of opened.splice(0).reverse()) await app.close();
});

async function app(clock = new TestClock()): Promise<TestApp> {
  const t = await createTestApp(
    { smtpUrl: smtp.url, mailFrom: 'Twinning <no-reply@twinning.example>' },
    clock,
  );
  opened.push(t);
  return t;
}

/**
 * A signed-up lecturer; with a mail server, their sign-up's verification mail is received first,
 * so what a test sends next is the next mail to them.
 */
async function recipient(t: TestApp, institution: 'inst-tum' | 'inst-kyoto' = 'inst-tum') {
  const { id } = await lecturerAt(t, institution);
  const to = (await t.repositories.users.mailRecipient(id))!;
  if (t.app.mail.on) {
    await t.app.mail.worker.wake();
    await smtp.next((m) => m.to === to.email && m.subject.startsWith('Confirm your e-mail'));
  }
  return to;
}

const isRequest = (m: { subject: string }) => m.subject.includes('asks to partner');

function request(t: TestApp, to: Awaited<ReturnType<typeof recipient>>, title = 'Coastal cities') {
  return t.app.mail.mailer.enqueue('partnership_request', to, {
    fromName: 'Aiko Tanaka',
    offerTitle: title,
    message: 'Shall we <try> this in spring?',
    url: t.app.mail.mailer.link('/partnerships/p1'),
  });
}

describe('a notification mail', () => {
  it('arrives with a text and an HTML part, the sender, and one-click unsubscribe', async () => {
    const t = await app();
    const to = await recipient(t);
    const id = await request(t, to);
    await t.app.mail.worker.wake();
    const mail = await smtp.next((m) => m.to === to.email);
    expect(mail.from).toBe('no-reply@twinning.example');
    expect(mail.subject).toBe('Aiko Tanaka asks to partner on “Coastal cities”');
    expect(mail.text).toContain(`Hello ${to.name},`);
    expect(mail.text).toContain('Their message: “Shall we <try> this in spring?”');
    expect(mail.links).toContain('http://localhost:3000/partnerships/p1');
    // The HTML part says the same, escaped.
    expect(mail.html).toContain('Shall we &lt;try&gt; this in spring?');
    expect(mail.html).toContain('href="http://localhost:3000/partnerships/p1"');
    expect(mail.messageId).toBe(`<${id}@twinning.example>`);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const oneClick = /^<(http:\/\/localhost:3000\/api\/mail\/unsubscribe\?token=[^>]+)>$/.exec(
      mail.header('List-Unsubscribe') ?? '',
    );
    expect(oneClick, mail.header('List-Unsubscribe') ?? 'no List-Unsubscribe').not.toBeNull();
    // The footer's link is the page that asks first.
    expect(mail.links.some((l) => l.startsWith('http://localhost:3000/unsubscribe?token='))).toBe(
      true,
    );
    expect(await t.repositories.mailOutbox.find(id!)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });

    // What a mail client does with the header (RFC 8058): a form POST, no cookie.
    const url = new URL(oneClick![1]!);
    const res = await t.app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ emailNotifications: 'off' });
    const after = (await t.repositories.users.mailRecipient(to.id))!;
    expect(after.emailNotifications).toBe('off');
    // No more notification mail is stored for them; security mail still is.
    expect(await request(t, after, 'Another offer')).toBeNull();
    const verification = await t.app.mail.mailer.enqueue('verify_email', after, {
      url: t.app.mail.mailer.link('/verify-email?token=abc'),
    });
    await t.app.mail.worker.wake();
    const security = await smtp.next((m) => m.to === to.email);
    expect(security.messageId).toBe(`<${verification}@twinning.example>`);
    expect(security.header('List-Unsubscribe')).toBeNull();
    expect(security.text).toContain('http://localhost:3000/verify-email?token=abc');
  });

  it('refuses an unsubscribe link that is not one of ours', async () => {
    const t = await app();
    const to = await recipient(t);
    for (const token of ['nonsense', `${Buffer.from(to.id).toString('base64url')}.AAAA`]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/mail/unsubscribe?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_token');
    }
    expect((await t.repositories.users.mailRecipient(to.id))!.emailNotifications).not.toBe('off');
  });

  it('is stored with the transaction that causes it, and not when that rolls back', async () => {
    const t = await app();
    const to = await recipient(t);
    const handle = await connectDatabase(t.file);
    try {
      const db = databaseOf(handle);
      await expect(
        transaction(db, async (tx) => {
          await t.app.mail.mailer.enqueue('verify_email', to, { url: 'http://x/' }, { tx });
          throw new Error('sign-up failed');
        }),
      ).rejects.toThrow('sign-up failed');
      const id = await transaction(db, (tx) =>
        t.app.mail.mailer.enqueue('verify_email', to, { url: 'http://x/' }, { tx }),
      );
      // (Besides the sign-up's own verification mail.)
      const stored = await t.repositories.mailOutbox.listForUser(to.id);
      expect(stored.filter((m) => m.text.includes('http://x/')).map((m) => m.id)).toEqual([id]);
    } finally {
      await closeDatabase(handle);
    }
  });
});

describe('when the mail server refuses', () => {
  it('retries with a growing back-off and sends the mail once it accepts', async () => {
    const clock = new TestClock();
    const t = await app(clock);
    const to = await recipient(t);
    smtp.refuse(2, 451);
    const id = (await request(t, to))!;
    await t.app.mail.worker.wake();
    expect(await t.repositories.mailOutbox.find(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(clock.current.getTime() + 60_000),
      lastError: expect.stringContaining('451'),
    });
    // Not due yet: nothing is tried.
    await t.app.mail.worker.wake();
    expect((await t.repositories.mailOutbox.find(id))!.attempts).toBe(1);
    clock.current = new Date(clock.current.getTime() + 60_000);
    await t.app.mail.worker.wake();
    expect(await t.repositories.mailOutbox.find(id)).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: new Date(clock.current.getTime() + 120_000),
    });
    clock.current = new Date(clock.current.getTime() + 120_000);
    await t.app.mail.worker.wake();
    const mail = await smtp.next((m) => m.to === to.email);
    expect(mail.messageId).toBe(`<${id}@twinning.example>`);
    expect(await t.repositories.mailOutbox.find(id)).toMatchObject({
      status: 'sent',
      attempts: 3,
    });
    expect(smtp.received.filter((m) => m.to === to.email && isRequest(m))).toHaveLength(1);
  });

  it('gives a mail up after 8 attempts, and at once when the recipient does not exist', async () => {
    const clock = new TestClock();
    const t = await app(clock);
    const to = await recipient(t);
    smtp.refuse(8, 451);
    const id = (await request(t, to))!;
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      await t.app.mail.worker.wake();
      clock.current = new Date(clock.current.getTime() + 6 * 3_600_000);
    }
    expect(await t.repositories.mailOutbox.find(id)).toMatchObject({
      status: 'failed',
      attempts: 8,
    });
    await t.app.mail.worker.wake();
    expect((await t.repositories.mailOutbox.find(id))!.attempts).toBe(8);

    smtp.refuse(1, 550);
    const unknown = (await request(t, to, 'Unknown mailbox'))!;
    await t.app.mail.worker.wake();
    expect(await t.repositories.mailOutbox.find(unknown)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('550'),
    });
    expect(smtp.received.filter((m) => m.to === to.email && isRequest(m))).toHaveLength(0);
  });
});

describe('without a mail server (SMTP_URL unset)', () => {
  it('keeps mail in the outbox and logs each one once: recipient, subject, links', async () => {
    const t = await createTestApp();
    opened.push(t);
    expect(t.app.mail.on).toBe(false);
    const to = await recipient(t);
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const log = (fields: object, message: string) =>
      lines.push({ fields: fields as Record<string, unknown>, message });
    const worker = createMailWorker({
      outbox: t.repositories.mailOutbox,
      transport: null,
      from: 'Twinning <no-reply@localhost>',
      log: { info: log, warn: log, error: log } as never,
      now: () => new Date(),
      owner: 'test',
    });
    worker.start();
    const id = (await request(t, to))!;
    await worker.wake();
    await worker.wake();
    await worker.stop();
    // The sign-up's verification mail was logged too, once; the request mail once.
    expect(lines.filter((line) => line.fields.kind === 'verify_email')).toHaveLength(1);
    expect(lines.filter((line) => line.fields.kind !== 'verify_email')).toEqual([
      {
        message: 'mail not sent: SMTP_URL is unset (it stays in the outbox)',
        fields: expect.objectContaining({
          to: to.email,
          subject: 'Aiko Tanaka asks to partner on “Coastal cities”',
          links: expect.arrayContaining(['http://localhost:3000/partnerships/p1']),
        }),
      },
    ]);
    expect(await t.repositories.mailOutbox.find(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
  });
});

describe('two app processes on one database', () => {
  it('send each mail exactly once', async () => {
    const clock = new TestClock();
    const a = await app(clock);
    const b = await createSecondApp(
      a,
      { smtpUrl: smtp.url, mailFrom: 'Twinning <no-reply@twinning.example>' },
      clock,
    );
    opened.push(b);
    const people = [await recipient(a, 'inst-tum'), await recipient(a, 'inst-kyoto')];
    const before = smtp.received.length;
    const ids: string[] = [];
    const total = 40;
    for (let i = 0; i < total; i += 1) {
      // Half stored through each process; each wakes both workers, which race for the mail.
      const mailer = (i % 2 === 0 ? a.app : b.app).mail.mailer;
      ids.push((await mailer.enqueue('verify_email', people[i % 2]!, { url: `http://x/${i}` }))!);
      if (i % 5 === 4) {
        void a.app.mail.worker.wake();
        void b.app.mail.worker.wake();
      }
    }
    await Promise.all([a.app.mail.worker.wake(), b.app.mail.worker.wake()]);
    await Promise.all([a.app.mail.worker.wake(), b.app.mail.worker.wake()]);
    await smtp.waitForCount(before + total);
    // And the two sign-ups' verification mails.
    expect(await a.repositories.mailOutbox.counts()).toMatchObject({
      pending: 0,
      sent: total + 2,
    });
    const sent = smtp.received.slice(before).map((m) => m.messageId);
    expect(sent).toHaveLength(total);
    expect(new Set(sent)).toEqual(new Set(ids.map((id) => `<${id}@twinning.example>`)));
  });
});
