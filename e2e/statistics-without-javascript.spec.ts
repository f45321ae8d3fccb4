// The statistics without JavaScript: the server renders every figure into the first answer,
// so a browser that runs no script (or a proxy that strips it) never stays on a skeleton.
import { expect, test } from '@playwright/test';
import { logIn } from './helpers.ts';

test.use({ javaScriptEnabled: false });

test('without JavaScript the statistics page shows its figures, not "Loading figures…"', async ({
  page,
}) => {
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/statistics');
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  await expect(page.getByText('Loading figures…')).toHaveCount(0);

  // The breakdown: its chart and its table with rows and totals.
  await expect(
    page.getByRole('img', { name: /Country: offers and accepted partnerships/ }),
  ).toBeVisible();
  const table = page.getByRole('table', { name: /Country: every figure, all time/ });
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
  await expect(table.locator('tfoot tr')).toBeVisible();
  // The balance: the share against the target, its trend, the countries and concentration.
  await expect(page.getByTestId('balance-headline')).toContainText(/Asia/);
  await expect(page.getByRole('img', { name: /Balance trend per month/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Partnerships by country' })).toBeVisible();
  await expect(page.getByText(/Herfindahl–Hirschman index/).first()).toBeVisible();

  // Another dimension, through a plain link, renders on the server as well.
  await page
    .getByRole('navigation', { name: 'Break down by' })
    .getByRole('link', { name: 'Month' })
    .click();
  await expect(page.getByRole('table', { name: /Month: every figure/ })).toBeVisible();
  await expect(page.getByText('Loading figures…')).toHaveCount(0);
});

test('without JavaScript the printable report shows every section with its figures', async ({
  page,
}) => {
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/report');
  await expect(page.getByRole('heading', { level: 1, name: 'Stocktaking report' })).toBeVisible();
  await expect(page.getByText('Loading figures…')).toHaveCount(0);
  for (const name of ['Balance trend per month', 'Concentration', 'Breakdown: Country']) {
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  }
  const table = page.getByRole('table', { name: /Country: every figure, all time/ });
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
  await expect(page.getByText(/Herfindahl–Hirschman index/).first()).toBeVisible();
});
