// Browsing the directory: search, filters, paging, one institution.
import { expect, test } from '@playwright/test';
import { holdAppScript } from './helpers.ts';

test('browse, search and filter institutions, then open one', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Institutions' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Institutions' })).toBeVisible();
  const results = page.getByRole('main').getByRole('listitem');
  await expect(results.first()).toBeVisible();

  await page.getByLabel('Name').fill('kyoto');
  await page.getByLabel('Country').selectOption('JP');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=kyoto/);
  await expect(page).toHaveURL(/country=JP/);
  await expect(page.getByRole('link', { name: 'Kyoto University', exact: true })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Technische Universität München');

  await page.getByRole('link', { name: 'Kyoto University', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kyoto University' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('kyoto-u.ac.jp');
  await expect(page.getByRole('main')).toContainText('Japan');
});

test('a name typed before the page has finished loading its script is kept', async ({ page }) => {
  const release = await holdAppScript(page);
  await page.goto('/institutions', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Name').fill('kyoto');
  release();
  await page.waitForLoadState('networkidle');
  await expect(page.getByLabel('Name')).toHaveValue('kyoto');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=kyoto/);
});

test('pages through a long list with Next page', async ({ page }) => {
  await page.goto('/institutions?country=DE');
  const firstPage = await page.getByRole('main').getByRole('listitem').allTextContents();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page).toHaveURL(/country=DE/);
  const secondPage = await page.getByRole('main').getByRole('listitem').allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((item) => firstPage.includes(item))).toEqual([]);
});

test('filters to verified institutions of one region', async ({ page }) => {
  await page.goto('/institutions');
  await page.getByLabel('Region').selectOption('asia');
  await page.getByLabel('Verified only').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/verified=true/);
  await expect(page.getByRole('main').getByText('Verified').first()).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Not yet verified');
});

test('an unknown institution and an unknown page show the 404 page', async ({ page }) => {
  const missing = await page.goto('/institutions/does-not-exist');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const nowhere = await page.goto('/no/such/page');
  expect(nowhere?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL('/');
});
