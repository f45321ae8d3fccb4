// The secretariat's statistics: the dashboard shows charts with their tables, the period
// changes the URL and the figures, a table downloads as CSV, and the printable report has
// every section. Other roles are kept out.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logIn } from './helpers.ts';

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
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
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
  // Moderation has its own page, linked from here.
  await expect(
    page
      .locator('section', { has: page.getByRole('heading', { name: 'Moderation' }) })
      .getByRole('link', { name: 'Open moderation' }),
  ).toHaveAttribute('href', '/secretariat/moderation');
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

test('only the secretariat may open the statistics and the report', async ({ page }) => {
  await page.goto('/secretariat/statistics');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsecretariat%2Fstatistics/);

  await logIn(page, 'lecturer@twinning.test');
  expect((await page.goto('/secretariat/statistics'))?.status()).toBe(403);
  expect((await page.goto('/secretariat/report'))?.status()).toBe(403);
  expect((await page.request.get('/api/stats/breakdown?by=country')).status()).toBe(403);
  expect((await page.request.get('/api/stats/export.csv?by=country')).status()).toBe(403);
});
