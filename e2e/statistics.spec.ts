// The secretariat's statistics: the dashboard shows charts with their tables, the period
// changes the URL and the figures, a table downloads as CSV, and the printable report has
// every section. Other roles are kept out.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, holdAppScript, logIn, uniqueEmail } from './helpers.ts';

const csvHeader =
  'key,label,offers,openOffers,requests,accepted,completed,acceptanceRate,medianDaysToMatch,studentsAsia,studentsEurope';

/** The "Whole period" row of the breakdown table, as text. */
async function breakdownTotals(page: Page): Promise<string> {
  const table = page.getByRole('table', { name: /every figure/ });
  return (await table.locator('tfoot tr').innerText()).replace(/\s+/g, ' ');
}

test('the secretariat reads the statistics, changes the period, downloads a CSV and opens the report', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/statistics');
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();

  // A chart (SVG, named) with its table beside it, both with data.
  const chart = page.getByRole('img', { name: /Country: offers and accepted partnerships/ });
  await expect(chart).toBeVisible();
  expect(await chart.locator('rect').count()).toBeGreaterThan(0);
  const table = page.getByRole('table', { name: /Country: every figure, all time/ });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
  await expect(page.getByRole('img', { name: /Balance trend per month/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Partnerships by country' })).toBeVisible();
  await expect(page.getByText(/Herfindahl–Hirschman index/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Moderation' })).toBeVisible();
  await expectAccessible(page);
  const allTime = await breakdownTotals(page);

  // The period: from the first of this month (UTC) to today, through the GET form.
  const today = new Date().toISOString().slice(0, 10);
  const monthStart = `${today.slice(0, 8)}01`;
  await page.getByLabel('From', { exact: true }).fill(monthStart);
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${monthStart}&to=${today}`));
  await expect(page.getByRole('table', { name: /Country: every figure/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Country: every figure, all time/ })).toHaveCount(0);
  expect(await breakdownTotals(page)).not.toBe(allTime);

  // Another dimension keeps the period.
  await page
    .getByRole('navigation', { name: 'Break down by' })
    .getByRole('link', { name: 'Month' })
    .click();
  await expect(page).toHaveURL(/by=month/);
  await expect(page).toHaveURL(new RegExp(`from=${monthStart}`));
  await expect(page.getByRole('table', { name: /Month: every figure/ })).toBeVisible();

  // The CSV of the table on screen.
  await page
    .getByRole('navigation', { name: 'Break down by' })
    .getByRole('link', { name: 'Country' })
    .click();
  await expect(page.getByRole('table', { name: /Country: every figure/ })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  // A byte-order mark first, so spreadsheets read the file as UTF-8.
  expect(text.startsWith('\uFEFF')).toBe(true);
  const csv = text.slice(1).trim().split(/\r?\n/);
  expect(csv[0]).toBe(csvHeader);
  expect(csv.length).toBeGreaterThan(1);
  expect(csv[1]).toMatch(/^[A-Z]{2},[^,]+(,[^,]*){9}$/);

  // The printable report for the same period.
  await page.getByRole('link', { name: 'Open the printable report' }).click();
  await expect(page).toHaveURL(new RegExp(`/secretariat/report\\?from=${monthStart}&to=${today}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Stocktaking report' })).toBeVisible();
  for (const name of [
    'Headline figures',
    'Balance between Asia and Europe',
    'Balance trend per month',
    'Partnerships by country',
    'Who needs help',
    'Concentration',
    'Breakdown: Country',
    'Breakdown: Region pair',
    'Breakdown: Format',
    'Breakdown: Field (ISCED-F broad)',
    'Breakdown: SDG',
    'Breakdown: Theme',
    'Breakdown: Month',
  ]) {
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  }
  expect(await page.getByRole('img').count()).toBeGreaterThan(5);
  await expect(page.getByText('Generated', { exact: true })).toBeVisible();
  const print = page.getByRole('button', { name: 'Print / Save as PDF' });
  await expect(print).toBeVisible();
  await expectAccessible(page);

  // In print: no site chrome, no button.
  await page.emulateMedia({ media: 'print' });
  await expect(print).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
});

test('the secretariat suspends an account by its email and hides an offer by its link, with reasons', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  // A new student and a new offer of the demo lecturer, so no other test loses its own.
  const student = await (await browser.newContext()).newPage();
  const email = uniqueEmail('suspend.me');
  const signup = await student.request.post('/api/auth/signup', {
    data: { email, password: 'a long student password', name: 'Spam Student', role: 'student' },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  const lecturer = await (await browser.newContext()).newPage();
  await logIn(lecturer, 'lecturer@twinning.test');
  const title = `Offer to hide ${Date.now().toString(36)}`;
  const posted = await lecturer.request.post('/api/offers', {
    data: {
      title,
      description: 'A joint course on coastal cities with a partner class in Asia, weekly.',
      format: 'coil',
      fields: ['0613'],
      sdgs: [],
      themes: [],
      languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
      levels: ['bachelor'],
      startDate: '2027-10-04',
      endDate: '2027-12-17',
      timeZone: 'Europe/Berlin',
      windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
      classSize: 25,
      seekingRegion: 'asia',
      openToStudents: true,
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  const offerId = ((await posted.json()) as { id: string }).id;

  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/statistics');
  const moderation = page.locator('section', {
    has: page.getByRole('heading', { name: 'Moderation' }),
  });

  // Suspend: a reason is required and what was typed stays.
  const suspend = moderation.locator('form', {
    has: page.getByRole('heading', { name: 'Suspend an account' }),
  });
  await suspend.getByLabel('Account (email address or id)').fill(email.toUpperCase());
  await suspend.getByLabel('Reason (kept with the record)').fill('Sends spam to lecturers');
  await suspend.getByRole('button', { name: 'Suspend account' }).click();
  await expect(moderation.getByRole('status')).toBeVisible();
  const suspended = moderation.getByRole('listitem').filter({ hasText: email });
  await expect(suspended).toContainText('Spam Student');
  await expect(suspended).toContainText('Sends spam to lecturers');
  // The suspended student is signed out at once.
  expect((await student.request.get('/api/me')).status()).toBe(401);

  // Hide: the offer's link, pasted from the address bar.
  const hide = moderation.locator('form', {
    has: page.getByRole('heading', { name: 'Hide an offer' }),
  });
  await hide
    .getByLabel('Offer (its link or id)')
    .fill(`${page.url().split('/secretariat')[0]}/offers/${offerId}`);
  await hide.getByLabel('Reason (kept with the record)').fill('Duplicate of another offer');
  await hide.getByRole('button', { name: 'Hide offer' }).click();
  const hidden = moderation.getByRole('listitem').filter({ hasText: title });
  await expect(hidden).toContainText('Duplicate of another offer');
  expect((await lecturer.goto(`/offers/${offerId}`))?.status()).toBe(404);
  await expectAccessible(page);
  mkdirSync('/tmp/shots/statistics', { recursive: true });
  await page.screenshot({ path: '/tmp/shots/statistics/moderation.png', fullPage: false });

  // Both undone.
  await hidden.getByRole('button', { name: `Show ${title} again` }).click();
  await expect(moderation.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
  expect((await lecturer.goto(`/offers/${offerId}`))?.status()).toBe(200);
  await suspended.getByRole('button', { name: 'Lift the suspension of Spam Student' }).click();
  await expect(moderation.getByRole('listitem').filter({ hasText: email })).toHaveCount(0);
  await logIn(student, email, 'a long student password');

  // The offer was only for this test: closed, so no other test meets it.
  expect((await lecturer.request.post(`/api/offers/${offerId}/close`)).ok()).toBe(true);
  await student.context().close();
  await lecturer.context().close();
});

test('what the secretariat types in the moderation forms before the page hydrates is kept', async ({
  page,
}) => {
  await logIn(page, 'secretariat@twinning.test');
  const release = await holdAppScript(page);
  await page.goto('/secretariat/statistics', { waitUntil: 'domcontentloaded' });
  const account = page.getByLabel('Account (email address or id)');
  const offer = page.getByLabel('Offer (its link or id)');
  await account.fill('someone@example.org');
  await offer.fill('https://example.org/offers/x');
  release();
  await page.waitForLoadState('networkidle');
  await expect(account).toHaveValue('someone@example.org');
  await expect(offer).toHaveValue('https://example.org/offers/x');
});

test('only the secretariat may open the statistics and the report', async ({ page }) => {
  await page.goto('/secretariat/statistics');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsecretariat%2Fstatistics/);

  await logIn(page, 'lecturer@twinning.test');
  expect((await page.goto('/secretariat/statistics'))?.status()).toBe(403);
  expect((await page.goto('/secretariat/report'))?.status()).toBe(403);
  expect((await page.request.get('/api/stats/breakdown?by=country')).status()).toBe(403);
  expect((await page.request.get('/api/stats/export.csv?by=country')).status()).toBe(403);
});
