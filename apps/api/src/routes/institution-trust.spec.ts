// Who speaks for an institution (issue 13, item 3) and the domain rule on proven addresses:
// the Hamburg reproduction, step by step, each step refused with a clear message.
import { beforeEach, describe, expect, it } from 'vitest';
import type { NewInstitution } from '@twinning/db/repositories/institutions';
import {
  adminOf,
  lecturerAt,
  offerBody,
  secretariat,
  signUp,
  tryPostOffer,
  verifyEmailOf,
} from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import type { TestApp } from '../testing/test-app.ts';
import { api, fieldsNamed } from '../testing/api-request.ts';

let t: TestApp;
appForEachTest((fresh) => ({ t } = fresh));

const hamburg: NewInstitution = {
  id: 'inst-hamburg',
  name: 'Universität Hamburg',
  country: 'DE',
  region: 'europe',
  city: 'Hamburg',
  website: 'https://www.uni-hamburg.de/',
  domains: ['uni-hamburg.de'],
  type: 'university',
  verified: true,
  source: 'directory',
  createdBy: null,
};

beforeEach(async () => {
  await t.repositories.institutions.createMany([hamburg]);
});

const me = async (cookie: string) => (await api(t, 'GET', '/api/me', { cookie })).json();
const messageOf = (res: { json(): unknown }) =>
  (res.json() as { error: { message: string } }).error.message;
const notesOf = async (userId: string) =>
  (await t.repositories.notifications.listFor(userId, 50)).items;

/** Hamburg's domains with their states, as its admin or the secretariat sees them. */
async function domainsOf(cookie: string): Promise<{ domain: string; status: string }[]> {
  const res = await api(t, 'GET', '/api/institutions/inst-hamburg/domains', { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { domain: string; status: string }[]).map(({ domain, status }) => ({
    domain,
    status,
  }));
}

/** The id of `userId`'s affiliation with Hamburg, as its admin or the secretariat lists it. */
async function affiliationIdOf(cookie: string, userId: string): Promise<string> {
  const res = await api(t, 'GET', '/api/institutions/inst-hamburg/affiliations', { cookie });
  expect(res.statusCode, res.body).toBe(200);
  const found = (res.json().items as { id: string; userId: string }[]).find(
    (a) => a.userId === userId,
  );
  expect(found, `an affiliation of ${userId}`).toBeDefined();
  return found?.id ?? '';
}

describe('the Hamburg reproduction', () => {
  it('fails at every step, each with a clear message', async () => {
    const realAdmin = await adminOf(t, 'inst-hamburg', { email: 'it-admin@uni-hamburg.de' });
    const sec = await secretariat(t);

    // 1. anyone@uni-hamburg.de signs up as admin of Hamburg: not an admin of it, even verified.
    const impostor = await signUp(t, 'institution_admin', {
      unverified: true,
      institutionId: 'inst-hamburg',
      email: 'anyone@uni-hamburg.de',
    });
    await verifyEmailOf(t, impostor.id);
    const impostorMe = await me(impostor.cookie);
    expect(impostorMe.user.institutionId).toBeNull();
    expect(impostorMe.affiliation).toMatchObject({ role: 'admin', status: 'pending' });

    // 2. That account approving a stranger's affiliation: refused, saying why.
    const stranger = await signUp(t, 'lecturer', {
      unverified: true,
      institutionId: 'inst-hamburg',
      email: 'stranger@gmail.com',
    });
    await verifyEmailOf(t, stranger.id);
    const strangerAffiliation = await affiliationIdOf(realAdmin.cookie, stranger.id);
    const approve = await api(t, 'POST', `/api/affiliations/${strangerAffiliation}/approve`, {
      cookie: impostor.cookie,
    });
    expect(approve.statusCode).toBe(403);
    expect(messageOf(approve)).toMatch(/claim to be an admin .* waits for approval/);
    const list = await api(t, 'GET', '/api/institutions/inst-hamburg/affiliations', {
      cookie: impostor.cookie,
    });
    expect(list.statusCode).toBe(403);
    const impostorDomains = await api(t, 'GET', '/api/institutions/inst-hamburg/domains', {
      cookie: impostor.cookie,
    });
    expect(impostorDomains.statusCode).toBe(403);

    // 3. Adding gmail.com: the impostor is not its admin; the real admin is refused outright.
    const impostorEdit = await api(t, 'PATCH', '/api/institutions/inst-hamburg', {
      cookie: impostor.cookie,
      payload: { domains: ['uni-hamburg.de', 'gmail.com'] },
    });
    expect(impostorEdit.statusCode).toBe(403);
    expect(messageOf(impostorEdit)).toMatch(/own admin/);
    const gmail = await api(t, 'PATCH', '/api/institutions/inst-hamburg', {
      cookie: realAdmin.cookie,
      payload: { domains: ['uni-hamburg.de', 'gmail.com'] },
    });
    expect(gmail.statusCode).toBe(400);
    expect(fieldsNamed(gmail)).toEqual(['domains.1']);
    expect(JSON.stringify(gmail.json())).toMatch(/gmail\.com is a free-mail provider/);
    expect((await api(t, 'GET', '/api/institutions/inst-hamburg')).json().domains).toEqual([
      'uni-hamburg.de',
    ]);

    // …and any other new domain waits for the secretariat: it does not count yet.
    const added = await api(t, 'PATCH', '/api/institutions/inst-hamburg', {
      cookie: realAdmin.cookie,
      payload: { domains: ['uni-hamburg.de', 'hamburg-alumni.de'] },
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ domains: ['uni-hamburg.de'], verified: true });
    expect(await domainsOf(realAdmin.cookie)).toEqual([
      { domain: 'hamburg-alumni.de', status: 'pending' },
      { domain: 'uni-hamburg.de', status: 'approved' },
    ]);
    const onPending = await signUp(t, 'lecturer', {
      unverified: true,
      institutionId: 'inst-hamburg',
      email: 'alum@hamburg-alumni.de',
    });
    await verifyEmailOf(t, onPending.id);
    expect((await me(onPending.cookie)).affiliation.status).toBe('pending');

    // 4. A Gmail user signing up for Hamburg, address verified: not verified there.
    const strangerMe = await me(stranger.cookie);
    expect(strangerMe.user.institutionId).toBeNull();
    expect(strangerMe.affiliation).toMatchObject({ role: 'lecturer', status: 'pending' });
    const offer = await tryPostOffer(t, stranger.cookie, offerBody());
    expect(offer.statusCode).toBe(403);
    expect(messageOf(offer)).toMatch(/affiliation .* is not confirmed/);

    // The secretariat sees the pending domain with who asked, and the impostor's claim.
    const domains = await api(t, 'GET', '/api/verification-queue/domains', { cookie: sec.cookie });
    expect(domains.statusCode).toBe(200);
    expect(domains.json().items).toEqual([
      expect.objectContaining({
        institutionId: 'inst-hamburg',
        institutionName: 'Universität Hamburg',
        domain: 'hamburg-alumni.de',
        requestedBy: expect.objectContaining({
          id: realAdmin.id,
          email: 'it-admin@uni-hamburg.de',
        }),
      }),
    ]);
    const claims = await api(t, 'GET', '/api/verification-queue/admin-claims', {
      cookie: sec.cookie,
    });
    expect(claims.json().items).toEqual([
      expect.objectContaining({
        userId: impostor.id,
        email: 'anyone@uni-hamburg.de',
        institutionName: 'Universität Hamburg',
        status: 'pending',
      }),
    ]);
    const refused = await api(t, 'POST', `/api/affiliations/${claims.json().items[0].id}/refuse`, {
      cookie: sec.cookie,
    });
    expect(refused.json().status).toBe('refused');
  });
});

describe('the domain rule applies to proven addresses only', () => {
  it('a lecturer on an approved domain joins when the address is verified, not before', async () => {
    const lecturer = await signUp(t, 'lecturer', {
      unverified: true,
      institutionId: 'inst-hamburg',
      email: 'prof@uni-hamburg.de',
    });
    const before = await me(lecturer.cookie);
    expect(before.user.institutionId).toBeNull();
    expect(before.affiliation.status).toBe('pending');
    await verifyEmailOf(t, lecturer.id);
    const after = await me(lecturer.cookie);
    expect(after.user.institutionId).toBe('inst-hamburg');
    expect(after.affiliation.status).toBe('verified');
  });

  it('a domain the secretariat approves counts from then on, also for those waiting', async () => {
    const admin = await adminOf(t, 'inst-hamburg', { email: 'office@uni-hamburg.de' });
    const sec = await secretariat(t);
    await api(t, 'PATCH', '/api/institutions/inst-hamburg', {
      cookie: admin.cookie,
      payload: { domains: ['uni-hamburg.de', 'informatik.uni-hamburg.de', 'hamburg-alumni.de'] },
    });
    const waiting = await signUp(t, 'lecturer', {
      unverified: true,
      institutionId: 'inst-hamburg',
      email: 'alum@hamburg-alumni.de',
    });
    await verifyEmailOf(t, waiting.id);
    const unproven = await signUp(t, 'lecturer', {
      unverified: true,
      institutionId: 'inst-hamburg',
      email: 'other@hamburg-alumni.de',
    });

    // Only the secretariat decides.
    const byAdmin = await api(
      t,
      'POST',
      '/api/institutions/inst-hamburg/domains/hamburg-alumni.de/approve',
      { cookie: admin.cookie },
    );
    expect(byAdmin.statusCode).toBe(403);
    expect(messageOf(byAdmin)).toMatch(/Only the secretariat/);

    const approved = await api(
      t,
      'POST',
      '/api/institutions/inst-hamburg/domains/hamburg-alumni.de/approve',
      { cookie: sec.cookie },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().domains).toEqual(['hamburg-alumni.de', 'uni-hamburg.de']);
    expect(await domainsOf(sec.cookie)).toEqual([
      { domain: 'hamburg-alumni.de', status: 'approved' },
      { domain: 'informatik.uni-hamburg.de', status: 'pending' },
      { domain: 'uni-hamburg.de', status: 'approved' },
    ]);
    expect((await me(waiting.cookie)).user.institutionId).toBe('inst-hamburg');
    expect((await me(unproven.cookie)).affiliation.status).toBe('pending');
    await verifyEmailOf(t, unproven.id);
    expect((await me(unproven.cookie)).affiliation.status).toBe('verified');

    const again = await api(
      t,
      'POST',
      '/api/institutions/inst-hamburg/domains/hamburg-alumni.de/refuse',
      { cookie: sec.cookie },
    );
    expect(again.statusCode).toBe(409);
    expect(messageOf(again)).toMatch(/approved for Universität Hamburg already/);

    const refused = await api(
      t,
      'POST',
      '/api/institutions/inst-hamburg/domains/informatik.uni-hamburg.de/refuse',
      { cookie: sec.cookie },
    );
    expect(refused.statusCode).toBe(200);
    expect(refused.json().domains).toEqual(['hamburg-alumni.de', 'uni-hamburg.de']);
    expect((await domainsOf(admin.cookie)).map((d) => d.status)).toEqual(['approved', 'approved']);
    const unknown = await api(
      t,
      'POST',
      '/api/institutions/inst-hamburg/domains/nowhere.example/approve',
      { cookie: sec.cookie },
    );
    expect(unknown.statusCode).toBe(404);

    // The admin who asked hears of each decision.
    const decided = (await notesOf(admin.id)).filter((n) => n.kind === 'domain_decided');
    const payloads = decided.map((n) => n.payload as { domain: string });
    expect(payloads.sort((a, b) => a.domain.localeCompare(b.domain))).toEqual([
      expect.objectContaining({ domain: 'hamburg-alumni.de', status: 'approved' }),
      expect.objectContaining({ domain: 'informatik.uni-hamburg.de', status: 'refused' }),
    ]);
    const queue = await api(t, 'GET', '/api/verification-queue/domains', { cookie: admin.cookie });
    expect(queue.statusCode).toBe(403);
  });

  it('a new institution may not name a free-mail or shared domain', async () => {
    const founder = await signUp(t, 'institution_admin', { unverified: true });
    await verifyEmailOf(t, founder.id);
    const res = await api(t, 'POST', '/api/institutions', {
      cookie: founder.cookie,
      payload: {
        name: 'Hanoi Open College',
        country: 'VN',
        domains: ['hoc.edu.vn', 'yahoo.com.vn', 'edu.vn'],
        type: 'college',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsNamed(res)).toEqual(['domains.1', 'domains.2']);
  });
});

describe('who approves an admin', () => {
  it('of an institution with an admin: that admin (or the secretariat)', async () => {
    const admin = await adminOf(t, 'inst-hamburg', { email: 'office@uni-hamburg.de' });
    const colleague = await signUp(t, 'institution_admin', {
      unverified: true,
      institutionId: 'inst-hamburg',
      email: 'deputy@uni-hamburg.de',
    });
    await verifyEmailOf(t, colleague.id);
    const claim = await affiliationIdOf(admin.cookie, colleague.id);
    const approved = await api(t, 'POST', `/api/affiliations/${claim}/approve`, {
      cookie: admin.cookie,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await me(colleague.cookie)).user.institutionId).toBe('inst-hamburg');
    expect((await notesOf(colleague.id)).map((n) => n.kind)).toContain('affiliation_verified');
  });

  it('of a verified institution with no admin: only the secretariat', async () => {
    const first = await signUp(t, 'institution_admin', {
      unverified: true,
      institutionId: 'inst-kyoto',
      email: 'first@kyoto-u.ac.jp',
    });
    const second = await signUp(t, 'institution_admin', {
      unverified: true,
      institutionId: 'inst-kyoto',
      email: 'second@kyoto-u.ac.jp',
    });
    await verifyEmailOf(t, first.id);
    await verifyEmailOf(t, second.id);
    expect((await me(first.cookie)).user.institutionId).toBeNull();
    const sec = await secretariat(t);
    const claims = (
      await api(t, 'GET', '/api/verification-queue/admin-claims', { cookie: sec.cookie })
    ).json().items as { id: string; userId: string }[];
    const secondClaim = claims.find((c) => c.userId === second.id)?.id;
    const byPeer = await api(t, 'POST', `/api/affiliations/${secondClaim}/approve`, {
      cookie: first.cookie,
    });
    expect(byPeer.statusCode).toBe(403);
    const bySecretariat = await api(t, 'POST', `/api/affiliations/${secondClaim}/approve`, {
      cookie: sec.cookie,
    });
    expect(bySecretariat.statusCode).toBe(200);
    expect((await me(second.cookie)).user.institutionId).toBe('inst-kyoto');
  });

  it('of an unverified institution: verifying it accepts the admin who asked', async () => {
    const claimant = await signUp(t, 'institution_admin', {
      unverified: true,
      institutionId: 'inst-akbild',
      email: 'rektorat@akbild.ac.at',
    });
    await verifyEmailOf(t, claimant.id);
    expect((await me(claimant.cookie)).user.institutionId).toBeNull();
    const sec = await secretariat(t);
    const verified = await api(t, 'POST', '/api/institutions/inst-akbild/verify', {
      cookie: sec.cookie,
    });
    expect(verified.statusCode).toBe(200);
    const after = await me(claimant.cookie);
    expect(after.user.institutionId).toBe('inst-akbild');
    expect(after.affiliation.status).toBe('verified');
  });
});

describe('removing an affiliation', () => {
  it('the admin removes a lecturer, who is told and can no longer post', async () => {
    const admin = await adminOf(t, 'inst-tum', { email: 'office@tum.de' });
    const lecturer = await lecturerAt(t, 'inst-tum');
    const res = await api(t, 'GET', '/api/institutions/inst-tum/affiliations?status=verified', {
      cookie: admin.cookie,
    });
    const id = (res.json().items as { id: string; userId: string }[]).find(
      (a) => a.userId === lecturer.id,
    )?.id;

    const other = await adminOf(t, 'inst-kyoto', { email: 'office@kyoto-u.ac.jp' });
    const colleague = await lecturerAt(t, 'inst-tum');
    for (const cookie of [other.cookie, colleague.cookie, lecturer.cookie]) {
      const refused = await api(t, 'POST', `/api/affiliations/${id}/remove`, { cookie });
      expect(refused.statusCode).toBe(403);
    }

    const removed = await api(t, 'POST', `/api/affiliations/${id}/remove`, {
      cookie: admin.cookie,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ userId: lecturer.id, status: 'refused' });
    const lecturerMe = await me(lecturer.cookie);
    expect(lecturerMe.user.institutionId).toBeNull();
    expect(lecturerMe.affiliation.status).toBe('refused');
    expect((await tryPostOffer(t, lecturer.cookie, offerBody())).statusCode).toBe(403);
    const [note] = (await notesOf(lecturer.id)).filter((n) => n.kind === 'affiliation_removed');
    expect(note?.payload).toMatchObject({
      institutionId: 'inst-tum',
      institutionName: 'Technische Universität München',
    });

    const twice = await api(t, 'POST', `/api/affiliations/${id}/remove`, {
      cookie: admin.cookie,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('only the secretariat removes an admin; nobody removes themselves', async () => {
    const admin = await adminOf(t, 'inst-tum', { email: 'office@tum.de' });
    const deputy = await adminOf(t, 'inst-tum', { email: 'deputy@tum.de' });
    const sec = await secretariat(t);
    const list = await api(t, 'GET', '/api/institutions/inst-tum/affiliations', {
      cookie: sec.cookie,
    });
    const idOf = (userId: string) =>
      (list.json().items as { id: string; userId: string }[]).find((a) => a.userId === userId)?.id;
    const byPeer = await api(t, 'POST', `/api/affiliations/${idOf(deputy.id)}/remove`, {
      cookie: admin.cookie,
    });
    expect(byPeer.statusCode).toBe(403);
    expect(messageOf(byPeer)).toMatch(/Only the secretariat removes/);
    const self = await api(t, 'POST', `/api/affiliations/${idOf(admin.id)}/remove`, {
      cookie: admin.cookie,
    });
    expect(self.statusCode).toBe(403);
    const bySecretariat = await api(t, 'POST', `/api/affiliations/${idOf(deputy.id)}/remove`, {
      cookie: sec.cookie,
    });
    expect(bySecretariat.statusCode).toBe(200);
    expect((await me(deputy.cookie)).user.institutionId).toBeNull();
  });
});
