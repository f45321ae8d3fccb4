import { describe, expect, it } from 'vitest';
import { lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import type { TestApp, TestClock } from '../testing/test-app.ts';
import { api } from '../testing/api-request.ts';

let t: TestApp;
let clock: TestClock;
appForEachTest((fresh) => ({ t, clock } = fresh));

const motivation =
  'I study computer science in Hanoi and want to work in an international team on a real project.';

function apply(offerId: string, cookie: string, text = motivation) {
  return api(t, 'POST', `/api/offers/${offerId}/applications`, {
    cookie,
    payload: { motivation: text },
  });
}

describe('student applications', () => {
  it('a student applies, the owner sees it and accepts, the student is notified', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, owner.cookie, { title: 'Open to students' });
    const student = await signUp(t, 'student', { name: 'Linh Tran' });

    const res = await apply(offer.id, student.cookie);
    expect(res.statusCode).toBe(201);
    const application = res.json();
    expect(application).toMatchObject({
      offerId: offer.id,
      offerTitle: 'Open to students',
      studentId: student.id,
      studentName: 'Linh Tran',
      motivation,
      status: 'pending',
      decidedAt: null,
    });
    expect(application).not.toHaveProperty('offerOwnerId');

    const forOwner = await api(t, 'GET', `/api/applications?offerId=${offer.id}`, {
      cookie: owner.cookie,
    });
    expect(forOwner.json().items.map((a: { id: string }) => a.id)).toEqual([application.id]);

    clock.advanceDays(2);
    const accept = await api(t, 'POST', `/api/applications/${application.id}/accept`, {
      cookie: owner.cookie,
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({
      status: 'accepted',
      decidedAt: clock.current.toISOString(),
    });

    const own = await api(t, 'GET', '/api/applications', { cookie: student.cookie });
    expect(own.json().items[0].status).toBe('accepted');
    const notes = (await t.repositories.notifications.listFor(student.id, 50)).items;
    expect(notes).toHaveLength(1);
    // Each names the offer and the person: who applied, who decided.
    const ownerName = (
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: owner.cookie } })
    ).json().user.name;
    expect(notes[0]).toMatchObject({
      kind: 'application_decided',
      payload: {
        applicationId: application.id,
        offerId: offer.id,
        offerTitle: 'Open to students',
        status: 'accepted',
        byId: owner.id,
        byName: ownerName,
      },
    });
    const ownerNotes = (await t.repositories.notifications.listFor(owner.id, 50)).items;
    expect(ownerNotes[0]).toMatchObject({
      kind: 'application_received',
      payload: {
        applicationId: application.id,
        offerId: offer.id,
        offerTitle: 'Open to students',
        studentId: student.id,
        studentName: 'Linh Tran',
      },
    });

    const again = await api(t, 'POST', `/api/applications/${application.id}/decline`, {
      cookie: owner.cookie,
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses what is not allowed', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const other = await lecturerAt(t, 'inst-kyoto');
    const offer = await postOffer(t, owner.cookie);
    const closedToStudents = await postOffer(t, owner.cookie, { openToStudents: false });
    const student = await signUp(t, 'student');

    expect((await apply(offer.id, owner.cookie)).statusCode).toBe(403);
    const short = await apply(offer.id, student.cookie, 'Please take me.');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toEqual([
      { field: 'motivation', message: 'must be 50–2000 characters' },
    ]);
    expect((await apply(closedToStudents.id, student.cookie)).statusCode).toBe(409);
    expect((await apply('nope', student.cookie)).statusCode).toBe(404);
    const anonymous = await api(t, 'POST', `/api/offers/${offer.id}/applications`, {
      payload: { motivation },
    });
    expect(anonymous.statusCode).toBe(401);

    const first = await apply(offer.id, student.cookie);
    expect(first.statusCode).toBe(201);
    expect((await apply(offer.id, student.cookie)).statusCode).toBe(409);

    const byOther = await api(t, 'POST', `/api/applications/${first.json().id}/accept`, {
      cookie: other.cookie,
    });
    expect(byOther.statusCode).toBe(403);
    const listByOther = await api(t, 'GET', `/api/applications?offerId=${offer.id}`, {
      cookie: other.cookie,
    });
    expect(listByOther.statusCode).toBe(403);
    const withoutOffer = await api(t, 'GET', '/api/applications', { cookie: owner.cookie });
    expect(withoutOffer.statusCode).toBe(400);
    expect(withoutOffer.json().error.details[0].field).toBe('offerId');
    const sec = await secretariat(t);
    const bySecretariat = await api(t, 'GET', `/api/applications?offerId=${offer.id}`, {
      cookie: sec.cookie,
    });
    expect(bySecretariat.json().items).toHaveLength(1);
  });

  it('closes applications when the offer closes or ends', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, owner.cookie, {
      startDate: '2026-09-10',
      endDate: '2026-10-10',
    });
    const other = await postOffer(t, owner.cookie);
    const student = await signUp(t, 'student');
    await api(t, 'POST', `/api/offers/${other.id}/close`, { cookie: owner.cookie });
    expect((await apply(other.id, student.cookie)).statusCode).toBe(409);
    clock.advanceDays(45);
    const later = await signUp(t, 'student');
    expect((await apply(offer.id, later.cookie)).statusCode).toBe(409);
  });

  describe('withdrawing', () => {
    function withdraw(id: string, cookie?: string) {
      return t.app.inject({
        method: 'POST',
        url: `/api/applications/${id}/withdraw`,
        headers: cookie ? { cookie } : {},
      });
    }

    it('a student withdraws a pending application, the owner is told, and may apply again', async () => {
      const owner = await lecturerAt(t, 'inst-tum');
      const offer = await postOffer(t, owner.cookie, { title: 'Data science together' });
      const student = await signUp(t, 'student', { name: 'Linh Tran' });
      const application = (await apply(offer.id, student.cookie)).json();

      const res = await withdraw(application.id, student.cookie);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: application.id, status: 'withdrawn' });
      // The clock stands still here, so notes of one moment come in no set order: find it by kind.
      const ownerNotes = (await t.repositories.notifications.listFor(owner.id, 50)).items;
      expect(ownerNotes.find((n) => n.kind === 'application_withdrawn')).toMatchObject({
        kind: 'application_withdrawn',
        payload: {
          applicationId: application.id,
          offerId: offer.id,
          offerTitle: 'Data science together',
          studentId: student.id,
          studentName: 'Linh Tran',
          previousStatus: 'pending',
        },
      });
      // Once withdrawn it stays so; the owner can no longer decide on it.
      expect((await withdraw(application.id, student.cookie)).statusCode).toBe(409);
      const accept = await api(t, 'POST', `/api/applications/${application.id}/accept`, {
        cookie: owner.cookie,
      });
      expect(accept.statusCode).toBe(409);

      // Applying again reopens the same application with the new motivation.
      clock.advanceDays(1);
      const again = await apply(offer.id, student.cookie, `${motivation} I changed my plans.`);
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json()).toMatchObject({
        id: application.id,
        status: 'pending',
        motivation: `${motivation} I changed my plans.`,
        createdAt: clock.current.toISOString(),
        decidedAt: null,
      });
      // The owner's new notice names the reopened application, not an id that was never stored.
      const [received] = (await t.repositories.notifications.listFor(owner.id, 50)).items;
      expect(received).toMatchObject({
        kind: 'application_received',
        payload: { applicationId: application.id, studentName: 'Linh Tran' },
      });
      expect((await apply(offer.id, student.cookie)).statusCode).toBe(409);
    });

    it('an accepted application can be withdrawn, a declined one cannot', async () => {
      const owner = await lecturerAt(t, 'inst-tum');
      const offer = await postOffer(t, owner.cookie);
      const accepted = await signUp(t, 'student');
      const declined = await signUp(t, 'student');
      const a = (await apply(offer.id, accepted.cookie)).json();
      const d = (await apply(offer.id, declined.cookie)).json();
      for (const [id, step] of [
        [a.id, 'accept'],
        [d.id, 'decline'],
      ]) {
        const res = await api(t, 'POST', `/api/applications/${id}/${step}`, {
          cookie: owner.cookie,
        });
        expect(res.statusCode).toBe(200);
      }
      const fromAccepted = await withdraw(a.id, accepted.cookie);
      expect(fromAccepted.json()).toMatchObject({ status: 'withdrawn' });
      // The clock stands still here, so notes of one moment come in no set order: find it by kind.
      const ownerNotes = (await t.repositories.notifications.listFor(owner.id, 50)).items;
      expect(ownerNotes.find((n) => n.kind === 'application_withdrawn')).toMatchObject({
        kind: 'application_withdrawn',
        payload: { previousStatus: 'accepted' },
      });
      const fromDeclined = await withdraw(d.id, declined.cookie);
      expect(fromDeclined.statusCode).toBe(409);
      expect(fromDeclined.json().error.message).toMatch(/declined/);
    });

    it('only the student who applied withdraws', async () => {
      const owner = await lecturerAt(t, 'inst-tum');
      const offer = await postOffer(t, owner.cookie);
      const student = await signUp(t, 'student');
      const other = await signUp(t, 'student');
      const application = (await apply(offer.id, student.cookie)).json();
      expect((await withdraw(application.id)).statusCode).toBe(401);
      expect((await withdraw(application.id, other.cookie)).statusCode).toBe(403);
      expect((await withdraw(application.id, owner.cookie)).statusCode).toBe(403);
      expect((await withdraw('no-such-application', student.cookie)).statusCode).toBe(404);
      const own = await api(t, 'GET', '/api/applications', { cookie: student.cookie });
      expect(own.json().items[0].status).toBe('pending');
    });
  });
});
