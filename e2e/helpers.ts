// Shared steps of the browser tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const demoPassword = 'twinning-demo';

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

/** No WCAG 2 A or AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
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
