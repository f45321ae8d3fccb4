// Shared steps of the browser tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The demo accounts' password: playwright.config.ts sets DEMO_PASSWORD for the platforms it starts. */
export const demoPassword: string = (() => {
  const password = process.env.DEMO_PASSWORD;
  if (!password)
    throw new Error('DEMO_PASSWORD is unset: run the browser tests through playwright.config.ts');
  return password;
})();

/** A unique email per test run, so tests can sign up on the shared database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@example.org`;
}

export async function logIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Signed in: the log-out button is there (behind the Menu button on a small screen).
  await expect(page.locator('form[action="/logout"] button')).toBeAttached();
}

/**
 * No WCAG 2 A or AA violation on the page as it is now. Checked in the `sqlite` project only:
 * the pages' markup does not depend on the database, and the `postgres` project runs the same
 * journeys on the same demo data — scanning every page twice cost minutes of CI for nothing.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (test.info().project.name === 'postgres') return;
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

/**
 * Holds the app's script back until the returned function is called: the page shows as the
 * server sent it, not yet hydrated — a slow connection and a quick visitor.
 */
export async function holdAppScript(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/entry/**', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** A valid COIL offer; tests add a title and their own live times, and change what they test. */
const offerDefaults = {
  description:
    'Students build a small web application together in mixed teams across two continents.',
  format: 'coil',
  fields: ['0613'],
  sdgs: [4, 9],
  themes: ['digitalisation'],
  languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
  levels: ['bachelor'],
  startDate: '2027-10-04',
  endDate: '2027-12-17',
  classSize: 30,
  openToStudents: false,
};

/** Live times in Berlin and in Tokyo that overlap, each offer seeking the other region. */
export const berlinTuesday = {
  timeZone: 'Europe/Berlin',
  windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
  seekingRegion: 'asia',
};
export const tokyoTuesday = {
  timeZone: 'Asia/Tokyo',
  windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
  seekingRegion: 'europe',
};

/** Posts an offer through the API as the page's user: the defaults with `fields` over them. */
export async function postOffer(page: Page, fields: Record<string, unknown>): Promise<string> {
  const reply = await page.request.post('/api/offers', { data: { ...offerDefaults, ...fields } });
  expect(reply.status(), await reply.text()).toBe(201);
  return ((await reply.json()) as { id: string }).id;
}

export interface SentMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  listUnsubscribe: string | null;
}

/**
 * The next mail the platform sent to `address` (from the mail sink the test run starts, see
 * playwright.config.ts); waits for it to arrive, up to `waitSeconds`: long enough for a first
 * attempt that failed and its retry a minute later, or a notification mail that goes out with
 * the minute's mail run, on a loaded machine (a verification mail once took over 30 s in CI).
 */
export async function nextMail(address: string, waitSeconds = 90): Promise<SentMail> {
  const sink = process.env.E2E_MAIL_SINK;
  if (!sink)
    throw new Error('E2E_MAIL_SINK is unset: run the browser tests with playwright.config.ts');
  const query = `to=${encodeURIComponent(address)}&wait=${waitSeconds}`;
  const response = await fetch(`${sink}/next?${query}`);
  expect(response.status, `a mail to ${address}`).toBe(200);
  return (await response.json()) as SentMail;
}

/** The link of a mail that starts with `path` on the platform (e.g. `/verify-email`). */
export function linkIn(mail: SentMail, path: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === path);
  expect(link, `a ${path} link in “${mail.subject}”`).toBeDefined();
  const url = new URL(link!);
  return url.pathname + url.search;
}

/**
 * Confirms `email` as its owner would: the next mail to it is the verification mail, and its link
 * is followed in `page`'s browser. An account does this after sign-up before it acts (posts,
 * applies, requests, registers an institution, writes to someone).
 */
export async function verifyEmailByMail(page: Page, email: string): Promise<void> {
  const mail = await nextMail(email);
  expect(mail.subject).toBe('Confirm your e-mail address for Twinning');
  await page.goto(linkIn(mail, '/verify-email'));
  await expect(page.getByText('your address is confirmed')).toBeVisible();
}
