import { describe, expect, it } from 'vitest';
import { adminOf, lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import type { TestApp } from '../testing/test-app.ts';
import { api, fieldsNamed } from '../testing/api-request.ts';

let t: TestApp;
appForEachTest((fresh) => ({ t } = fresh));

const me = async (cookie: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json();

/** TUM's admin, approved by the secretariat (never by the address's domain alone). */
const tumAdmin = () => adminOf(t, 'inst-tum', { email: 'admin@tum.de' });
/** A lecturer at TUM with an address outside its domains: the admin must approve them. */
const pendingTumLecturer = () =>
  signUp(t, 'lecturer', { institutionId: 'inst-tum', email: 'prof@gmail.com' });

describe('institution administration', () => {
  it('the admin approves a pending lecturer, who can then post', async () => {
    const admin = await tumAdmin();
    const lecturer = await pendingTumLecturer();
    expect((await me(lecturer.cookie)).affiliation.status).toBe('pending');

    const list = await api(t, 'GET', '/api/institutions/inst-tum/affiliations?status=pending', {
      cookie: admin.cookie,
    });
    expect(list.statusCode).toBe(200);
    const [pending] = list.json().items;
    expect(pending).toMatchObject({
      userId: lecturer.id,
      role: 'lecturer',
      status: 'pending',
      email: 'prof@gmail.com',
    });

    const approve = await api(t, 'POST', `/api/affiliations/${pending.id}/approve`, {
      cookie: admin.cookie,
    });
    expect(approve.statusCode).toBe(200);
    expect(approve.json().status).toBe('verified');
    expect((await me(lecturer.cookie)).user.institutionId).toBe('inst-tum');
    await postOffer(t, lecturer.cookie);

    const again = await api(t, 'POST', `/api/affiliations/${pending.id}/refuse`, {
      cookie: admin.cookie,
    });
    expect(again.statusCode).toBe(409);
  });

  it('only the own admin or the secretariat manages affiliations', async () => {
    const lecturer = await pendingTumLecturer();
    const otherAdmin = await adminOf(t, 'inst-kyoto', { email: 'a@kyoto-u.ac.jp' });
    const colleague = await lecturerAt(t, 'inst-tum');
    for (const cookie of [otherAdmin.cookie, colleague.cookie, lecturer.cookie]) {
      const res = await api(t, 'GET', '/api/institutions/inst-tum/affiliations', { cookie });
      expect(res.statusCode).toBe(403);
    }
    const sec = await secretariat(t);
    const list = await api(t, 'GET', '/api/institutions/inst-tum/affiliations?status=pending', {
      cookie: sec.cookie,
    });
    const refuse = await api(t, 'POST', `/api/affiliations/${list.json().items[0].id}/refuse`, {
      cookie: sec.cookie,
    });
    expect(refuse.json().status).toBe('refused');
    expect((await me(lecturer.cookie)).affiliation.status).toBe('refused');
    expect((await me(lecturer.cookie)).user.institutionId).toBeNull();
  });

  it('the admin edits the own institution only, with every field checked', async () => {
    const admin = await tumAdmin();
    const res = await api(t, 'PATCH', '/api/institutions/inst-tum', {
      cookie: admin.cookie,
      payload: { city: 'Munich', domains: ['tum.de', 'mytum.de'] },
    });
    expect(res.statusCode).toBe(200);
    // The new domain waits for the secretariat: it is not the institution's yet.
    expect(res.json()).toMatchObject({
      city: 'Munich',
      domains: ['tum.de'],
      name: 'Technische Universität München',
    });
    const bad = await api(t, 'PATCH', '/api/institutions/inst-tum', {
      cookie: admin.cookie,
      payload: { country: 'US', domains: ['x'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsNamed(bad)).toEqual(['country', 'domains.0']);
    const other = await api(t, 'PATCH', '/api/institutions/inst-kyoto', {
      cookie: admin.cookie,
      payload: { city: 'Somewhere' },
    });
    expect(other.statusCode).toBe(403);
  });

  it('gives an institution’s figures', async () => {
    const lecturer = await lecturerAt(t, 'inst-tum');
    await postOffer(t, lecturer.cookie);
    await postOffer(t, lecturer.cookie, { openToStudents: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/institutions/inst-tum/summary' });
    expect(res.json()).toEqual({ offers: 2, openOffers: 2, partnerships: 0, lecturers: 1 });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/institutions/nope/summary' })).statusCode,
    ).toBe(404);
  });

  it('queues institutions that an admin registered or claimed for verification', async () => {
    const admin = await signUp(t, 'institution_admin');
    const created = await api(t, 'POST', '/api/institutions', {
      cookie: admin.cookie,
      payload: {
        name: 'National University of Laos',
        country: 'LA',
        domains: ['nuol.edu.la'],
        type: 'university',
      },
    });
    await signUp(t, 'institution_admin', {
      institutionId: 'inst-akbild',
      email: 'admin@akbild.ac.at',
    });
    const queue = await api(t, 'GET', '/api/institutions?awaitingVerification=true');
    expect(
      queue
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([created.json().id, 'inst-akbild'].sort());
    const sec = await secretariat(t);
    await api(t, 'POST', `/api/institutions/${created.json().id}/verify`, { cookie: sec.cookie });
    const after = await api(t, 'GET', '/api/institutions?awaitingVerification=true');
    expect(after.json().items.map((i: { id: string }) => i.id)).toEqual(['inst-akbild']);
  });
});
