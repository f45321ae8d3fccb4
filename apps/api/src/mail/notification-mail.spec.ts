// Notifications by mail, read from a real SMTP server in this process, with the clock moved:
// `instant` mails each at once, `daily` holds a day's in one digest at 08:00 on the person's
// clock (once), `off` mails nothing, and a request nobody answers sends its reminder by mail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lecturerAt, postOffer } from '../testing/actors.ts';
import { api } from '../testing/api-request.ts';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../testing/smtp.ts';
import { createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';

let smtp: TestSmtp;
let t: TestApp;
let clock: TestClock;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  await t?.close();
});

async function start() {
  clock = new TestClock(new Date('2026-09-01T09:00:00Z'));
  t = await createTestApp({ smtpUrl: smtp.url, mailFrom: 'no-reply@twinning.example' }, clock);
}

const tokyo = { timeZone: 'Asia/Tokyo', windows: [{ weekday: 2, start: '16:00', end: '18:00' }] };

/** Berlin asks Kyoto to partner (Kyoto is told); returns both and the request. */
async function request(kyoto?: Awaited<ReturnType<typeof lecturerAt>>) {
  const berlin = await lecturerAt(t, 'inst-tum');
  const asked = kyoto ?? (await lecturerAt(t, 'inst-kyoto'));
  const a = await postOffer(t, berlin.cookie, { title: `Offer of ${berlin.id}` });
  const b = await postOffer(t, asked.cookie, { ...tokyo, title: `Offer of ${asked.id}` });
  const res = await api(t, 'POST', '/api/partnerships', {
    cookie: berlin.cookie,
    payload: { offerId: a.id, partnerOfferId: b.id },
  });
  expect(res.statusCode).toBe(201);
  return { berlin, kyoto: asked, partnershipId: res.json().id as string };
}

/** A mail to `to` that is not the sign-up's address check (every new account gets one). */
const toAbout = (to: string) => (m: ReceivedMail) =>
  m.to === to && !m.links.some((link) => link.includes('/verify-email?'));

const emailOf = async (id: string) => (await t.repositories.users.mailRecipient(id))!.email;

async function sendDue() {
  const result = await t.app.notificationMail.run();
  await t.app.mail.worker.wake();
  return result;
}

describe('notifications by mail', () => {
  it('mails each notification at once to someone who chose instant (the default), once', async () => {
    await start();
    const { kyoto, partnershipId } = await request();
    expect(await sendDue()).toEqual({ instant: 1, digests: 0 });
    const to = await emailOf(kyoto.id);
    const mail = await smtp.next(toAbout(to));
    expect(mail.subject).toMatch(
      /^lecturer \d+ asks to partner their “Offer of .+” with your “Offer of .+”$/,
    );
    expect(mail.links).toContain(
      `http://localhost:3000/my/partnerships#partnership-${partnershipId}`,
    );
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
  });

  it('holds a day’s notifications in one digest at 08:00 on the person’s clock, once', async () => {
    await start();
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    await t.repositories.users.setEmailNotifications(kyoto.id, 'daily');
    // No time zone saved: the digest comes at 08:00 UTC (other zones: core/mail/digest.spec.ts).
    // Two requests on the morning of 1 September, after that day's 08:00.
    await request(kyoto);
    clock.advanceDays(0.1);
    await request(kyoto);
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
    clock.current = new Date('2026-09-02T07:59:00Z');
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
    clock.current = new Date('2026-09-02T08:00:00Z');
    expect(await sendDue()).toEqual({ instant: 0, digests: 1 });
    const to = await emailOf(kyoto.id);
    const digest = await smtp.next(toAbout(to));
    expect(digest.subject).toBe('Twinning: 2 updates for 2026-09-02');
    expect(digest.text.match(/asks to partner their/g)).toHaveLength(2);
    // Once: later that day nothing more goes out, and the next request waits for tomorrow's.
    clock.current = new Date('2026-09-02T13:00:00Z');
    await request(kyoto);
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
    clock.current = new Date('2026-09-03T08:00:00Z');
    expect(await sendDue()).toEqual({ instant: 0, digests: 1 });
    const next = await smtp.next(toAbout(to));
    expect(next.subject).toBe('Twinning: 1 update for 2026-09-03');
  });

  it('mails nothing to someone who turned mail off', async () => {
    await start();
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    await t.repositories.users.setEmailNotifications(kyoto.id, 'off');
    const { berlin, partnershipId } = await request(kyoto);
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
    // Berlin (instant) still hears of the decision.
    await api(t, 'POST', `/api/partnerships/${partnershipId}/decline`, {
      cookie: kyoto.cookie,
      payload: {},
    });
    expect(await sendDue()).toEqual({ instant: 1, digests: 0 });
    const toBerlin = await emailOf(berlin.id);
    const mail = await smtp.next(toAbout(toBerlin));
    expect(mail.subject).toContain('declined your request');
  });

  it('sends the reminder of a request nobody answers by mail, once', async () => {
    await start();
    const { kyoto } = await request();
    await sendDue();
    const to = await emailOf(kyoto.id);
    await smtp.next(toAbout(to));
    clock.advanceDays(3);
    expect(await t.app.followUps.run()).toEqual({ expired: 0, reminded: 1 });
    expect(await sendDue()).toEqual({ instant: 1, digests: 0 });
    const reminder = await smtp.next(toAbout(to));
    expect(reminder.subject).toMatch(/^A request waits for your answer: .* \(3 days\)$/);
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
  });

  it('mails a message left unread for 15 minutes, once per conversation until it is read', async () => {
    await start();
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const a = await postOffer(t, berlin.cookie);
    const b = await postOffer(t, kyoto.cookie, tokyo);
    const requested = await api(t, 'POST', '/api/partnerships', {
      cookie: berlin.cookie,
      payload: { offerId: a.id, partnerOfferId: b.id, message: 'Shall we run this together?' },
    });
    const conversationId = requested.json().conversationId as string;
    const to = await emailOf(kyoto.id);
    expect(await sendDue()).toEqual({ instant: 1, digests: 0 });
    await smtp.next((m) => toAbout(to)(m) && m.subject.includes('asks to partner'));

    const say = (seq: number) =>
      t.repositories.conversations.append({
        id: `m${seq}`,
        conversationId,
        authorId: berlin.id,
        body: `Message ${seq}`,
        clientMessageId: `c${seq}`,
        at: clock.now(),
      });
    // The request's message (seq 1) is unread: not yet at 14 minutes, mailed at 15.
    clock.current = new Date(clock.current.getTime() + 14 * 60_000);
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
    clock.current = new Date(clock.current.getTime() + 60_000);
    expect(await sendDue()).toEqual({ instant: 1, digests: 0 });
    const unread = await smtp.next(toAbout(to));
    expect(unread.subject).toMatch(/^A message from lecturer \d+ in “.+” waits for you$/);
    expect(unread.links).toContain(`http://localhost:3000/messages/${conversationId}`);
    // More messages while it stays unread: no second mail.
    await say(2);
    clock.current = new Date(clock.current.getTime() + 60 * 60_000);
    expect(await sendDue()).toEqual({ instant: 0, digests: 0 });
    // Read, then a new message: after 15 minutes, a new mail.
    await t.repositories.conversations.markRead(conversationId, kyoto.id, 2);
    await say(3);
    clock.current = new Date(clock.current.getTime() + 15 * 60_000);
    expect(await sendDue()).toEqual({ instant: 1, digests: 0 });
    await smtp.next((m) => toAbout(to)(m) && m.subject.startsWith('A message from'));
    // The author is never told of their own messages.
    const toBerlin = await emailOf(berlin.id);
    expect(smtp.received.filter(toAbout(toBerlin))).toEqual([]);
  });
});
