// Settings → Security in the browser: a weak password is refused with the reason, a change
// logs the other device out, and the sessions list ends one device or all the others.
import { expect, test, type Browser } from '@playwright/test';
import { expectAccessible, logIn, uniqueEmail } from './helpers.ts';

const password = 'violet harbour lantern cascade';

async function secondDevice(browser: Browser, email: string, pw: string) {
  const context = await browser.newContext({
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  });
  const page = await context.newPage();
  await logIn(page, email, pw);
  return page;
}

test('change the password with its advice, and log other devices out', async ({
  page,
  browser,
}) => {
  test.slow(); // several log-ins with Argon2 and two browsers
  const email = uniqueEmail('secure');
  const signup = await page.request.post('/api/auth/signup', {
    data: { email, password, name: 'Tomás Rivera', role: 'student' },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  const phone = await secondDevice(browser, email, password);

  await page.goto('/settings/security');
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  const sessions = page.getByTestId('sessions');
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1);
  await expect(sessions).toContainText('Safari 17 on iOS');
  await expectAccessible(page);

  // A weak one: the reason and the advice, next to the field.
  await page.getByLabel('Current password').fill(password);
  await page.getByLabel('New password', { exact: true }).fill('tomas rivera 1990');
  await page.getByLabel('New password again').fill('tomas rivera 1990');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText(/must not contain your name \("rivera"\)/i)).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toBeFocused();

  // A wrong current password says only that.
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password', { exact: true }).fill('granite meadow pelican 8');
  await page.getByLabel('New password again').fill('granite meadow pelican 8');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Is not your current password')).toBeVisible();

  await page.getByLabel('Current password').fill(password);
  await page.getByLabel('New password', { exact: true }).fill('granite meadow pelican 8');
  await page.getByLabel('New password again').fill('granite meadow pelican 8');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Every other device is logged out');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('You are signed in on this device only.')).toBeVisible();

  // The phone is signed out: its next page asks it to log in.
  await phone.goto('/settings/security');
  await expect(phone).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Fsecurity/);

  // Log one device out, then everyone else.
  const second = await secondDevice(browser, email, 'granite meadow pelican 8');
  const third = await secondDevice(browser, email, 'granite meadow pelican 8');
  await page.reload();
  await expect(sessions.getByRole('listitem')).toHaveCount(3);
  await sessions
    .getByRole('button', { name: /Log out/ })
    .first()
    .click();
  await expect(page.getByRole('status')).toContainText('That session is logged out.');
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Log out everywhere else' }).click();
  await expect(page.getByRole('status')).toContainText('You are logged out everywhere else.');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  for (const other of [second, third]) {
    await other.goto('/settings/security');
    await expect(other).toHaveURL(/\/login/);
  }
});

test('demo accounts are marked as such; a new account is not', async ({ page }) => {
  await logIn(page, 'student@twinning.test');
  const me = await page.request.get('/api/me');
  expect(((await me.json()) as { user: { demo: boolean } }).user.demo).toBe(true);
  await page.goto('/settings/security');
  const account = page.locator('.account-who');
  await expect(account.getByText('Demo account')).toBeAttached();
  await expect(
    account.locator('[title="An account of the demo data, not a real person"]'),
  ).toBeAttached();

  const other = await (await page.context().browser()!.newContext()).newPage();
  const signup = await other.request.post('/api/auth/signup', {
    data: { email: uniqueEmail('real'), password, name: 'Real Person', role: 'student' },
  });
  expect(((await signup.json()) as { user: { demo: boolean } }).user.demo).toBe(false);
  await other.goto('/settings/security');
  await expect(other.locator('.account-who')).toContainText('Real Person');
  await expect(other.locator('.account-who').getByText('Demo account')).toHaveCount(0);
});
