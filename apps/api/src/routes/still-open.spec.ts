// Offers nobody looks after (issue 13, item 7): an open offer unconfirmed for 60 days gets one
// "still open?" mail (at a real SMTP server) with one-click confirm and close links; unconfirmed
// at 75 days it leaves the catalogue, the search, the partner suggestions and matching rounds,
// its page tells its owner, and confirming brings it back. The clock is moved, never waited for.
// The `api-pg` project runs this on PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postOffer, secretariat, signUp } from '../testing/actors.ts';
import { api } from '../testing/api-request.ts';
import { startTestSmtp, type TestSmtp } from '../testing/smtp.ts';
import {
  createSecondApp,
  createTestApp,
  sessionCookieOf,
  TestClock,
  type TestApp,
} from '../testing/test-app.ts';
import { testDialect } from '@twinning/db/testing/database-template';

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

const day = 86_400_000;
// Far enough ahead that the offers have not ended when the clock has moved 90 days.
const term = { startDate: '2027-01-11', endDate: '2027-05-28' };
const kyotoTuesday = {
  timeZone: 'Asia/Tokyo',
  windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
};

async function start() {
  clock = new TestClock();
  t = await createTestApp({ smtpUrl: smtp.url }, clock);
}

let counter = 0;
const password = 'a long password';

/** A verified lecturer; `logIn()` gives a fresh session (sessions end after 30 idle days). */
async function lecturer(institution: 'inst-tum' | 'inst-kyoto') {
  const email = `still-open${++counter}@${institution === 'inst-tum' ? 'tum.de' : 'kyoto-u.ac.jp'}`;
  const who = await signUp(t, 'lecturer', { institutionId: institution, email });
  return {
    ...who,
    async logIn(): Promise<string> {
      const res = await api(t, 'POST', '/api/auth/login', { payload: { email, password } });
      expect(res.statusCode, res.body).toBe(200);
      return sessionCookieOf(res.headers);
    },
  };
}

/** A Berlin and a Kyoto offer that suit each other, posted now. */
async function twoOffers() {
  const berlin = await lecturer('inst-tum');
  const kyoto = await lecturer('inst-kyoto');
  const berlinOffer = await postOffer(t, berlin.cookie, {
    ...term,
    title: 'Software engineering across time zones',
  });
  const kyotoOffer = await postOffer(t, kyoto.cookie, {
    ...term,
    ...kyotoTuesday,
    title: 'Software engineering in Kyoto',
  });
  return { berlin, kyoto, berlinOffer, kyotoOffer };
}

const at = (days: number, start: Date) => new Date(start.getTime() + days * day);

/** The next "still open?" mail, with its two links as paths. */
async function stillOpenMail(title: string) {
  await t.app.mail.worker.wake();
  const mail = await smtp.next((m) => m.subject === `Is your offer “${title}” still open?`);
  const path = (action: string) => {
    const link = mail.links.find((l) => l.includes('/still-open?') && l.endsWith(action));
    expect(link, mail.text).toBeDefined();
    return new URL(link!);
  };
  return { mail, confirm: path('action=confirm'), close: path('action=close') };
}

/** The one-click answer as the /offers/:id/still-open page posts it. */
function answer(link: URL, action: 'confirm' | 'close') {
  const token = link.searchParams.get('token')!;
  const offerPath = link.pathname; // /offers/:id/still-open
  return api(t, 'POST', `/api${offerPath}?token=${encodeURIComponent(token)}`, {
    payload: { action },
  });
}

async function listedIds(query = '') {
  const res = await api(t, 'GET', `/api/offers?limit=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((o) => o.id);
}

async function matchIds(offerId: string, cookie: string) {
  const res = await api(t, 'GET', `/api/offers/${offerId}/matches`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { offer: { id: string } }[]).map((m) => m.offer.id);
}

describe('the “still open?” mail', () => {
  it('goes to the owner once at 60 days, and its confirm link starts the 60 days anew', async () => {
    await start();
    const posted = clock.now();
    const { kyotoOffer } = await twoOffers();
    clock.current = new Date(at(60, posted).getTime() - 1);
    expect(await t.app.stillOpen.run()).toEqual({ asked: 0, lapsed: 0 });

    clock.current = at(60, posted);
    expect(await t.app.stillOpen.run()).toEqual({ asked: 2, lapsed: 0 });
    expect(await t.app.stillOpen.run()).toEqual({ asked: 0, lapsed: 0 });
    const { mail, confirm } = await stillOpenMail('Software engineering in Kyoto');
    expect(mail.text).toContain('Yes, it is still open');
    expect(mail.text).toContain('No, close it');
    // It leaves the lists on day 75 unless confirmed: the mail says when.
    expect(mail.text).toContain(at(75, posted).toISOString().slice(0, 10));
    // Not a security mail: it can be unsubscribed from.
    expect(mail.header('List-Unsubscribe')).toMatch(/\/api\/mail\/unsubscribe\?token=/);

    clock.advanceDays(2);
    const confirmed = await answer(confirm, 'confirm');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      id: kyotoOffer.id,
      status: 'open',
      confirmedAt: clock.now().toISOString(),
    });
    // 60 days from the confirmation, not from the posting: asked again then, not before.
    const confirmedAt = clock.now();
    // (The Berlin offer, asked on day 60 and never confirmed, lapsed meanwhile.)
    clock.current = new Date(at(60, confirmedAt).getTime() - 1);
    expect(await t.app.stillOpen.run()).toEqual({ asked: 0, lapsed: 1 });
    clock.current = at(60, confirmedAt);
    expect(await t.app.stillOpen.run()).toEqual({ asked: 1, lapsed: 0 });
    await stillOpenMail('Software engineering in Kyoto');
  });

  it('closes the offer with its close link, and refuses a link of another offer or a forged one', async () => {
    await start();
    const posted = clock.now();
    const { berlinOffer, kyotoOffer } = await twoOffers();
    clock.current = at(60, posted);
    await t.app.stillOpen.run();
    const kyotoMail = await stillOpenMail('Software engineering in Kyoto');

    // The Kyoto link on the Berlin offer, and a token changed by one character.
    const token = kyotoMail.close.searchParams.get('token')!;
    const foreign = await api(
      t,
      'POST',
      `/api/offers/${berlinOffer.id}/still-open?token=${encodeURIComponent(token)}`,
      { payload: { action: 'close' } },
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('invalid_token');
    const forged = await api(
      t,
      'POST',
      `/api/offers/${kyotoOffer.id}/still-open?token=${encodeURIComponent(`${token.slice(0, -2)}AA`)}`,
      { payload: { action: 'close' } },
    );
    expect(forged.statusCode).toBe(400);

    const closed = await answer(kyotoMail.close, 'close');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    // A closed offer is not confirmed back open by the other link.
    const late = await answer(kyotoMail.confirm, 'confirm');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/Post a new offer/);
    expect(await listedIds()).not.toContain(kyotoOffer.id);
  });

  it('is not sent for an offer confirmed by editing it, nor for a closed one', async () => {
    await start();
    const posted = clock.now();
    const { berlin, kyoto, berlinOffer, kyotoOffer } = await twoOffers();
    clock.advanceDays(30);
    const edited = await api(t, 'PATCH', `/api/offers/${berlinOffer.id}`, {
      cookie: await berlin.logIn(),
      payload: { classSize: 28 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().confirmedAt).toBe(clock.now().toISOString());
    const closed = await api(t, 'POST', `/api/offers/${kyotoOffer.id}/close`, {
      cookie: await kyoto.logIn(),
    });
    expect(closed.statusCode, closed.body).toBe(200);
    clock.current = at(60, posted);
    expect(await t.app.stillOpen.run()).toEqual({ asked: 0, lapsed: 0 });
  });

  it('is sent once when two processes run the job on one database', async () => {
    await start();
    const posted = clock.now();
    const { berlin, kyoto } = await twoOffers();
    const second = await createSecondApp(t, { smtpUrl: smtp.url }, clock);
    try {
      clock.current = at(60, posted);
      // At the same time on PostgreSQL. SQLite's processes take turns at its one write lock (a
      // second process waits in busy_timeout); two connections in this one test process cannot
      // wait for each other that way, so here they run one after the other.
      const processes = [t.app, second.app, t.app, second.app];
      const runs =
        testDialect() === 'postgres'
          ? await Promise.all(processes.map((app) => app.stillOpen.run()))
          : [];
      if (testDialect() !== 'postgres') {
        for (const app of processes) runs.push(await app.stillOpen.run());
      }
      expect(runs.reduce((sum, run) => sum + run.asked, 0)).toBe(2);
      for (const owner of [berlin, kyoto]) {
        const mails = (await t.repositories.mailOutbox.listForUser(owner.id)).filter(
          (m) => m.kind === 'still_open',
        );
        expect(mails).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });
});

describe('an offer unconfirmed for 75 days', () => {
  it('leaves the catalogue, the search, the suggestions and the rounds; its owner sees why and brings it back', async () => {
    await start();
    const posted = clock.now();
    const { berlin, kyoto, berlinOffer, kyotoOffer } = await twoOffers();
    expect(await listedIds()).toEqual(expect.arrayContaining([berlinOffer.id, kyotoOffer.id]));
    expect(await matchIds(berlinOffer.id, berlin.cookie)).toContain(kyotoOffer.id);

    // Berlin's owner confirms on day 70; Kyoto's never does.
    clock.current = at(60, posted);
    await t.app.stillOpen.run();
    clock.current = at(70, posted);
    const berlinCookie = await berlin.logIn();
    const confirmed = await api(t, 'POST', `/api/offers/${berlinOffer.id}/confirm`, {
      cookie: berlinCookie,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    clock.current = new Date(at(75, posted).getTime() - 1);
    expect(await listedIds()).toContain(kyotoOffer.id);
    const sec = await secretariat(t);
    const pairedIn = async () => {
      const round = await api(t, 'POST', '/api/matching-rounds', { cookie: sec.cookie });
      expect(round.statusCode, round.body).toBe(201);
      return (round.json().proposals as { offerId: string; partnerOfferId: string }[]).flatMap(
        (p) => [p.offerId, p.partnerOfferId],
      );
    };
    expect(await pairedIn()).toContain(kyotoOffer.id);

    clock.current = at(75, posted);
    expect(await t.app.stillOpen.run()).toEqual({ asked: 0, lapsed: 1 });
    expect(await listedIds()).toEqual(expect.arrayContaining([berlinOffer.id]));
    expect(await listedIds()).not.toContain(kyotoOffer.id);
    expect(await listedIds('&q=Kyoto')).toEqual([]);
    expect(await listedIds('&region=asia')).not.toContain(kyotoOffer.id);
    expect(await matchIds(berlinOffer.id, berlinCookie)).not.toContain(kyotoOffer.id);
    expect(await pairedIn()).not.toContain(kyotoOffer.id);

    // Its page still opens, and says it is no longer listed; its owner confirms it again.
    const page = await api(t, 'GET', `/api/offers/${kyotoOffer.id}`);
    expect(page.json()).toMatchObject({ offer: { status: 'open' }, lapsed: true });
    const stranger = await api(t, 'POST', `/api/offers/${kyotoOffer.id}/confirm`, {
      cookie: berlinCookie,
    });
    expect(stranger.statusCode).toBe(403);
    const back = await api(t, 'POST', `/api/offers/${kyotoOffer.id}/confirm`, {
      cookie: await kyoto.logIn(),
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await api(t, 'GET', `/api/offers/${kyotoOffer.id}`)).json().lapsed).toBe(false);
    expect(await listedIds()).toContain(kyotoOffer.id);
    expect(await matchIds(berlinOffer.id, berlinCookie)).toContain(kyotoOffer.id);
  });
});
