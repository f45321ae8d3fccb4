// People and offers for integration tests, made through the real routes.
import { expect } from 'vitest';
import { createServices } from '../services/services.ts';
import { sessionCookieOf, type TestApp } from './test-app.ts';

let counter = 0;

/**
 * A new account made through sign-up, its address verified by the link of its mail (as a person
 * would, so it may act: offers, requests, applications …); `unverified: true` leaves it as
 * sign-up left it.
 */
export async function signUp(
  t: TestApp,
  role: 'student' | 'lecturer' | 'institution_admin',
  options: { email?: string; institutionId?: string; name?: string; unverified?: boolean } = {},
): Promise<{ cookie: string; id: string }> {
  counter++;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: {
      email: options.email ?? `${role}${counter}@example.org`,
      password: 'a long password',
      name: options.name ?? `${role} ${counter}`,
      role,
      ...(options.institutionId ? { institutionId: options.institutionId } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const account = { cookie: sessionCookieOf(res.headers), id: res.json().user.id as string };
  if (!options.unverified) await verifyEmailOf(t, account.id);
  return account;
}

let linkOpenings = 0;

/**
 * Verifies a signed-up user's address by following the link of their newest verification mail,
 * read from the outbox (the mail as it would be sent: tests without an SMTP server). The link is
 * opened where the mail is read, from an address of its own (TEST-NET-2), so it does not spend
 * the sign-up and log-in budget per address that a test counts on.
 */
export async function verifyEmailOf(t: TestApp, userId: string): Promise<void> {
  const mail = (await t.repositories.mailOutbox.listForUser(userId)).find(
    (m) => m.kind === 'verify_email',
  );
  const token = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  expect(token, 'a verification mail with its link').toBeDefined();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/verify-email',
    remoteAddress: `198.51.100.${(linkOpenings++ % 254) + 1}`,
    payload: { token },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/**
 * A lecturer affiliated by email domain (tum.de, kyoto-u.ac.jp in the test directory): the
 * domain counts once the address is verified, so this follows the verification link.
 */
export function lecturerAt(t: TestApp, institutionId: 'inst-tum' | 'inst-kyoto') {
  counter++;
  const domain = institutionId === 'inst-tum' ? 'tum.de' : 'kyoto-u.ac.jp';
  return signUp(t, 'lecturer', { institutionId, email: `lecturer${counter}@${domain}` });
}

/**
 * An approved admin of `institutionId`: signs up claiming it, verifies the address, and the
 * secretariat approves the claim (an admin is never approved by the address's domain alone).
 */
export async function adminOf(
  t: TestApp,
  institutionId: string,
  options: { email?: string; name?: string } = {},
): Promise<{ cookie: string; id: string }> {
  const admin = await signUp(t, 'institution_admin', { ...options, institutionId });
  const sec = await secretariat(t);
  const claims = await t.app.inject({
    method: 'GET',
    url: `/api/institutions/${institutionId}/affiliations?status=pending`,
    headers: { cookie: sec.cookie },
  });
  const claim = (claims.json().items as { id: string; userId: string }[]).find(
    (a) => a.userId === admin.id,
  );
  expect(claim, 'the admin’s pending claim').toBeDefined();
  const approved = await t.app.inject({
    method: 'POST',
    url: `/api/affiliations/${claim?.id}/approve`,
    headers: { cookie: sec.cookie },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  return admin;
}

export async function secretariat(t: TestApp): Promise<{ cookie: string }> {
  counter++;
  const email = `secretariat${counter}@asem.example`;
  await createServices(t.repositories).accounts.createSecretariat({
    email,
    password: 'ledger of quiet harbours',
    name: 'Secretariat',
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: 'ledger of quiet harbours' },
  });
  return { cookie: sessionCookieOf(res.headers) };
}

/** A valid offer body; override any field. Dates fit the default TestClock (2026-09-01). */
export function offerBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Software engineering across time zones',
    description:
      'Students build a small web application together in mixed teams across two continents.',
    format: 'coil',
    fields: ['0613'],
    sdgs: [4, 9],
    themes: ['digitalisation'],
    languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
    levels: ['bachelor'],
    startDate: '2026-10-05',
    endDate: '2026-12-18',
    timeZone: 'Europe/Berlin',
    windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
    classSize: 30,
    openToStudents: true,
    ...overrides,
  };
}

/** `POST /api/offers` as `cookie` (undefined: nobody logged in), the reply as it comes. */
export function tryPostOffer(
  t: TestApp,
  cookie: string | undefined,
  payload: Record<string, unknown>,
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/offers',
    ...(cookie ? { headers: { cookie } } : {}),
    payload,
  });
}

/** An offer posted as `cookie` from `offerBody(overrides)`; it must be stored. */
export async function postOffer(
  t: TestApp,
  cookie: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await tryPostOffer(t, cookie, offerBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; [key: string]: unknown };
}
